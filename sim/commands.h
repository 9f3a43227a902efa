/* Entry points of the tessera subcommands (sim/commands.def). */
#ifndef TESS_COMMANDS_H
#define TESS_COMMANDS_H

#define COMMAND(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef COMMAND

#endif
