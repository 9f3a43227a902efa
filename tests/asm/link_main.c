/* The C half of the link test (see link_asm.s). Prints through the assembly's
 * asm_write; every value printed is checked by the expected output in run.sh. */
extern void asm_write(const char *buf, int len);
extern int asm_checksum(const int *p, int n);
extern int counter;
extern int scratch[4];
extern const void *table[3];
extern const char asm_msg[];

static const int data[5] = {1, 2, 3, 4, 5};

int c_adjust(int x) { return x + 1000; }

static int length(const char *s)
{
	int n = 0;
	while (s[n])
		n++;
	return n;
}

static void put(const char *s) { asm_write(s, length(s)); }

static void put_num(const char *label, int v)
{
	char buf[16];
	int i = sizeof buf;
	buf[--i] = 0;
	buf[--i] = '\n';
	do
		buf[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	put(label);
	put(buf + i);
}

int main(void)
{
	put(asm_msg);
	put_num("checksum=", asm_checksum(data, 5));
	put_num("counter=", counter);
	put_num("scratch=", scratch[2]);
	put_num("table_ok=", table[0] == &counter && table[1] == asm_msg && table[2] == &scratch[2]);
	return counter == 1 ? 0 : 1;
}
