/* Hello from every tile: printf goes to the console device, line by line. */
#include <stdio.h>

#include "tess.h"

int main(void)
{
	printf("hello from tile %u at (%u,%u) of a %ux%u mesh\n", (unsigned)tess_tid(),
	       (unsigned)tess_x(), (unsigned)tess_y(), (unsigned)tess_mesh_w(),
	       (unsigned)tess_mesh_h());
	return 0;
}
