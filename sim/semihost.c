/* Semihosting calls. */
#include "semihost.h"

#include <stdio.h>
#include <unistd.h>

#include "mesh.h"

enum { EBADF = 9, ENOSYS = 38 };

/* The buffer [addr, addr+len) lies inside the memory bound; else the tile faults. */
static bool buffer_ok(tile_t *t, uint32_t addr, uint32_t len)
{
	if (addr <= t->bound && len <= t->bound - addr)
		return true;
	tile_halt(t, CAUSE_MEM_FAULT, t->pc, addr);
	return false;
}

static bool sys_write(tile_t *t)
{
	uint32_t fd = t->x[10], buf = t->x[11], len = t->x[12];
	if (fd != 1 && fd != 2) {
		t->x[10] = (uint32_t)-EBADF;
		return true;
	}
	if (!buffer_ok(t, buf, len))
		return false;
	out_put(&t->out, t->now, t->id, fd == 1 ? OUT_STDOUT : OUT_STDERR,
		(const char *)t->mem + buf, len);
	t->x[10] = len;
	return true;
}

static bool sys_read(tile_t *t)
{
	uint32_t fd = t->x[10], buf = t->x[11], len = t->x[12];
	if (fd != 0) {
		t->x[10] = (uint32_t)-EBADF;
		return true;
	}
	if (!buffer_ok(t, buf, len))
		return false;
	fflush(stdout);
	ssize_t n = read(0, t->mem + buf, len);
	if (n > 0)
		tile_invalidate(t, buf, (uint32_t)n);
	t->x[10] = n < 0 ? (uint32_t)-EBADF : (uint32_t)n;
	return true;
}

bool semihost_ecall(tile_t *t)
{
	switch (t->x[17]) {
	case SEMIHOST_WRITE:
		return sys_write(t);
	case SEMIHOST_READ:
		return sys_read(t);
	case SEMIHOST_EXIT:
	case SEMIHOST_EXIT_GROUP:
		tile_halt(t, CAUSE_EXIT, t->pc, t->x[10]);
		return false;
	default:
		t->x[10] = (uint32_t)-ENOSYS;
		return true;
	}
}
