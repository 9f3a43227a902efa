/*
 * libFuzzer target: the assembler on arbitrary text. The first byte picks relocatable
 * or --exec output, so the ELF writer and the linker-in-small run too. Any crash,
 * sanitizer report or leak is a failure; error messages are expected and discarded.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "asm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	static char out[64];
	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		snprintf(out, sizeof out, "/tmp/tess_fuzz_asm_%d.o", (int)getpid());
	}
	if (size == 0)
		return 0;
	asm_state *a = asm_new(devnull);
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	const char *name = "fuzz.s";
	if (asm_run(a, &text, &len, &name, 1) == 0)
		asm_write_elf(a, out, data[0] & 1), unlink(out);
	asm_free(a);
	return 0;
}
