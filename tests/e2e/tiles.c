/* Every tile of a mesh says who and where it is, and exits with its id (so a mesh run
 * exits with 1: the lowest-numbered tile with a non-zero value, isa/SPEC.md §12). */
#include "semi.h"

int main(void)
{
	char buf[64];
	u32 id = tess_tid(), xy = tess_xy(), mesh = tess_mesh();
	char *p = fmt_str(buf, "tile ");
	p = fmt_uint(p, id);
	p = fmt_str(p, " at (");
	p = fmt_uint(p, xy & 0xffff);
	p = fmt_str(p, ",");
	p = fmt_uint(p, xy >> 16);
	p = fmt_str(p, ") of ");
	p = fmt_uint(p, mesh & 0xffff);
	p = fmt_str(p, "x");
	put_line(buf, fmt_uint(p, mesh >> 16));
	return (int)id;
}
