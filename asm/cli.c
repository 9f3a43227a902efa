/* The command lines: tessera as, tessera objdump. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm.h"
#include "commands.h"
#include "objdump.h"

static const char as_usage[] =
	"usage: tessera as [-o OUT] [--exec] FILE.s...\n"
	"\n"
	"Assembles RV32IM and Xtess assembly into a relocatable ELF32 RISC-V object that GNU ld\n"
	"links (default OUT: a.out), or with --exec into an executable laid out from address 0\n"
	"(entry: _start, else the first code address) that 'tessera run' runs.\n";

static const char od_usage[] =
	"usage: tessera objdump [-d] FILE\n"
	"\n"
	"Disassembles the code sections of an ELF32 RISC-V file in the layout of GNU\n"
	"'objdump -d -M no-aliases', Xtess instructions by name.\n";

/* Reads a whole file into memory. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t k;
	while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			char *b = realloc(buf, cap *= 2);
			if (!b)
				free(buf);
			buf = b;
		}
	}
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

int asm_cli_as(int argc, char **argv)
{
	const char *out = "a.out";
	bool exec = false;
	int nfiles = 0;
	const char **names = calloc((size_t)argc, sizeof *names);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--exec"))
			exec = true;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(as_usage, stdout);
			free(names);
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "tessera as: unknown option '%s'\n%s", argv[i], as_usage);
			free(names);
			return 2;
		} else
			names[nfiles++] = argv[i];
	}
	if (!nfiles) {
		fputs(as_usage, stderr);
		free(names);
		return 2;
	}
	char **texts = calloc((size_t)nfiles, sizeof *texts);
	size_t *lens = calloc((size_t)nfiles, sizeof *lens);
	int rc = 0;
	for (int i = 0; i < nfiles && !rc; i++)
		if (!(texts[i] = slurp(names[i], &lens[i]))) {
			fprintf(stderr, "tessera as: error: cannot read %s\n", names[i]);
			rc = 1;
		}
	asm_state *a = rc ? NULL : asm_new(stderr);
	if (a) {
		int errors = asm_run(a, (const char *const *)texts, lens, names, nfiles);
		if (errors) {
			fprintf(stderr, "tessera as: %d error%s\n", errors, errors > 1 ? "s" : "");
			rc = 1;
		} else if (!asm_write_elf(a, out, exec))
			rc = 1;
	}
	asm_free(a);
	for (int i = 0; i < nfiles; i++)
		free(texts[i]);
	free(texts);
	free(lens);
	free(names);
	return rc;
}

int asm_cli_objdump(int argc, char **argv)
{
	const char *file = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-d"))
			continue;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(od_usage, stdout);
			return 0;
		}
		if (argv[i][0] == '-' || file) {
			fprintf(stderr, "tessera objdump: unexpected argument '%s'\n%s", argv[i],
				od_usage);
			return 2;
		}
		file = argv[i];
	}
	if (!file) {
		fputs(od_usage, stderr);
		return 2;
	}
	size_t len;
	char *img = slurp(file, &len);
	if (!img) {
		fprintf(stderr, "tessera objdump: cannot read %s\n", file);
		return 1;
	}
	int rc = od_disassemble(img, len, file, stdout, stderr);
	free(img);
	return rc;
}
