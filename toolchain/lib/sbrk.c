/*
 * sbrk for picolibc's malloc: the heap grows from the end of the image towards the
 * stack, which starts at the memory bound. tess_stack_reserve() bytes below the bound
 * (8 KiB unless the program is linked with -Wl,--defsym=__tess_stack_reserve=N) are left
 * to the stack, so malloc fails cleanly (NULL, errno ENOMEM) instead of growing into it.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "tess.h"

extern char __heap_start[];
static char *heap_top;

void *sbrk(ptrdiff_t incr)
{
	if (!heap_top)
		heap_top = __heap_start;
	uintptr_t bound = tess_membound();
	uintptr_t reserve = tess_stack_reserve();
	uintptr_t limit = bound > reserve ? bound - reserve : 0;
	uintptr_t top = (uintptr_t)heap_top;
	if ((incr > 0 && (uintptr_t)incr > limit - top) || top > limit ||
	    (incr < 0 && (uintptr_t)-incr > top - (uintptr_t)__heap_start)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	char *old = heap_top;
	heap_top += incr;
	return old;
}
