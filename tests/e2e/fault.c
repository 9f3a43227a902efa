/* Prints a line, then stores beyond the end of the tile's 64 KiB: MEM_FAULT, exit 126. */
#include "semi.h"

int main(void)
{
	put_str("about to fault\n");
	*(volatile u32 *)0x10000 = 1;
	put_str("not reached\n");
	return 0;
}
