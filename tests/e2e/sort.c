/* Sorts 200 pseudo-random words with quicksort and 200 with insertion sort, checks both
 * are ordered and hold the same multiset, prints a summary. Exit 0 when all is well. */
#include "semi.h"

#define N 200

static u32 a[N], b[N];

static void quicksort(u32 *v, int lo, int hi)
{
	while (lo < hi) {
		u32 pivot = v[(lo + hi) / 2];
		int i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				u32 t = v[i];
				v[i++] = v[j];
				v[j--] = t;
			}
		}
		if (j - lo < hi - i) {
			quicksort(v, lo, j);
			lo = i;
		} else {
			quicksort(v, i, hi);
			hi = j;
		}
	}
}

static void insertion_sort(u32 *v, int n)
{
	for (int i = 1; i < n; i++) {
		u32 x = v[i];
		int j = i - 1;
		while (j >= 0 && v[j] > x) {
			v[j + 1] = v[j];
			j--;
		}
		v[j + 1] = x;
	}
}

int main(void)
{
	u32 seed = 12345, sum = 0;
	for (int i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		a[i] = b[i] = seed >> 8;
		sum += a[i];
	}
	quicksort(a, 0, N - 1);
	insertion_sort(b, N);
	int bad = 0;
	u32 sum2 = 0;
	for (int i = 0; i < N; i++) {
		bad |= a[i] != b[i] || (i && a[i - 1] > a[i]);
		sum2 += a[i];
	}
	char buf[96];
	char *p = fmt_str(buf, "sorted ");
	p = fmt_uint(p, N);
	p = fmt_str(p, " words: min ");
	p = fmt_uint(p, a[0]);
	p = fmt_str(p, " max ");
	p = fmt_uint(p, a[N - 1]);
	p = fmt_str(p, " median ");
	put_line(buf, fmt_uint(p, a[N / 2]));
	put_line(buf, fmt_str(buf, bad || sum != sum2 ? "NOT SORTED" : "ordered, same words"));
	return bad || sum != sum2;
}
