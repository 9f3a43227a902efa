/*
 * Spawning programs onto tiles through a CONTROL capability (SPEC §6.1): the code store's
 * images, budgets, the grants a child receives, and a map of the free tiles of the
 * region the capability covers, with nearest-free placement. Any tile holding a
 * CONTROL capability can spawn, so spawning many programs at once is spread over the
 * tiles that own regions (each supervisor over its own) instead of one spawn server.
 */
#ifndef OS_SPAWN_H
#define OS_SPAWN_H

#include <stdint.h>

/*
 * A program image in the code store (image.S): CTL_LOAD payloads of 16 words each,
 * [address, 15 words], loaded as they are; started at entry.
 */
typedef struct {
	const char *name;
	const uint32_t *records;
	const uint32_t *end;     /* one past the last record */
	uint32_t entry;
} os_image;

/* Budgets (SPEC §7); 0 = unlimited, mem 0 = the whole SRAM. */
typedef struct {
	uint64_t cycles;
	uint32_t mem;
	uint32_t msgs;
} os_budget;

/* What a child is granted, as flags; each names one slot of msg.h. */
enum {
	GRANT_CONSOLE = 1u << 0,  /* SLOT_CONSOLE: the console service, or the device */
	GRANT_BLOCK   = 1u << 1,  /* SLOT_BLOCK                                       */
	GRANT_SUPER   = 1u << 2,  /* SLOT_SUPERVISOR: SEND to the spawning tile            */
	GRANT_ALL     = 1u << 3,  /* SLOT_ALL_TILES: SEND to every tile the spawner reaches */
	GRANT_NAMES   = 1u << 4,  /* OS_SLOT_NAMES: SEND to the name service             */
	GRANT_REGION  = 1u << 5,  /* SLOT_CONTROL: CONTROL over [region_lo, region_hi] */
};

typedef struct {
	uint32_t grants;
	uint32_t region_lo, region_hi;  /* with GRANT_REGION */
	uint32_t arg;                   /* a0 at start                                */
} os_spawn_args;

#define SPAWN_MAX_TILES 8192

typedef struct {
	uint32_t ctl_slot;     /* CONTROL capability used for every operation   */
	uint32_t lo, hi;       /* the region it covers (tile ids)               */
	uint32_t width, height;
	uint32_t self;
	int32_t names_tile;    /* for GRANT_NAMES; -1 until the name service runs */
	int32_t console_tile;  /* GRANT_CONSOLE: the console service, -1: the device */
	uint32_t nfree;
	uint32_t busy[SPAWN_MAX_TILES / 32];  /* bit per tile of [lo, hi]      */
} os_spawner;

/* Takes the region from the capability in ctl_slot; the spawner's own tile is busy. */
int spawn_init(os_spawner *s, uint32_t ctl_slot);

/* Uses only the first n tiles of the region. */
void spawn_clamp(os_spawner *s, uint32_t n);

int  spawn_is_free(const os_spawner *s, uint32_t tile);
void spawn_mark(os_spawner *s, uint32_t tile, int busy);

/* The free tile nearest to `near` (Manhattan distance, ties by lower id), or -1. */
int32_t spawn_place(const os_spawner *s, uint32_t near);

/* Marks busy and reserves the highest n free contiguous tiles as a region; lo or -1. */
int32_t spawn_reserve(os_spawner *s, uint32_t n);

/* Loads img onto the idle tile, sets budgets and grants; does not start it. */
void spawn_load(os_spawner *s, uint32_t tile, const os_image *img, const os_budget *b,
		const os_spawn_args *a);

/* Starts a loaded tile at the image's entry with a0 = arg; this tile supervises it. */
void spawn_start(os_spawner *s, uint32_t tile, const os_image *img, uint32_t arg);

/* Places, loads and starts: the tile, or -1 when the region is full. */
int32_t spawn(os_spawner *s, const os_image *img, const os_budget *b,
	      const os_spawn_args *a);

void spawn_kill(os_spawner *s, uint32_t tile);
void spawn_clear(os_spawner *s, uint32_t tile);

#endif
