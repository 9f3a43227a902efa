/* tessera objdump: the ELF reader and the disassembly printer. */
#ifndef TESS_OBJDUMP_H
#define TESS_OBJDUMP_H

#include <stddef.h>
#include <stdio.h>

/* Disassembles every code section of the ELF image in GNU objdump -d's layout.
 * Returns 0, or 1 with a message on err when the image is not a usable ELF32 RISC-V file. */
int od_disassemble(const void *image, size_t size, const char *name, FILE *out, FILE *err);

#endif
