/*
 * libFuzzer target: the ELF reader behind tessera objdump on arbitrary bytes. Any
 * crash, sanitizer report or leak is a failure; refusals are expected.
 */
#include <stdint.h>
#include <stdio.h>

#include "objdump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	od_disassemble(data, size, "fuzz.elf", devnull, devnull);
	return 0;
}
