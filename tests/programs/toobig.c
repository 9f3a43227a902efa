/* Does not fit a 64 KiB tile: tessera-cc must refuse it with tess.ld's message. */
static char big[70000];

int main(void)
{
	big[1] = 1;
	return big[0];
}
