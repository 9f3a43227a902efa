/*
 * stdin through the console device (CON_READ): copies its input upper-cased, lines
 * longer than one console message included, and counts lines and bytes.
 */
#include <ctype.h>
#include <stdio.h>

int main(void)
{
	int c, lines = 0, bytes = 0;
	while ((c = getchar()) != EOF) {
		putchar(toupper(c));
		bytes++;
		lines += c == '\n';
	}
	printf("%d lines, %d bytes\n", lines, bytes);
	return 0;
}
