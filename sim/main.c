/* tessera: dispatches to the subcommands listed in sim/commands.def. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "version.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} commands[] = {
#define COMMAND(name, fn, summary) {#name, fn, summary},
#include "commands.def"
#undef COMMAND
};

static void usage(FILE *f)
{
	fprintf(f, "usage: tessera COMMAND [options] ...\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'tessera COMMAND --help' describes each command.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 125;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("tessera %s\n", TESSERA_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "tessera: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 125;
}
