/* The first program: one line on stdout, exit 0. */
#include "semi.h"

int main(void)
{
	put_str("Hello, Tessera!\n");
	return 0;
}
