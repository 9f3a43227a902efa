/* Fibonacci numbers, iterative (F(0)..F(46), all that fit in 32 bits) and recursive
 * (F(18)): exercises calls, the stack and the adder. */
#include "semi.h"

static u32 fib_rec(u32 n)
{
	return n < 2 ? n : fib_rec(n - 1) + fib_rec(n - 2);
}

int main(void)
{
	char buf[64];
	u32 a = 0, b = 1;
	for (u32 i = 0; i <= 46; i++) {
		char *p = fmt_str(buf, "F(");
		p = fmt_uint(p, i);
		p = fmt_str(p, ") = ");
		put_line(buf, fmt_uint(p, a));
		u32 t = a + b;
		a = b;
		b = t;
	}
	u32 r = fib_rec(18);
	put_line(buf, fmt_uint(fmt_str(buf, "recursive F(18) = "), r));
	return r == 2584 ? 0 : 1;
}
