/*
 * ELF loading (libelf): 32-bit little-endian RISC-V executables, checked against the
 * tile's SRAM; symbols kept for traces and fault reports.
 */
#ifndef TESS_ELF_LOAD_H
#define TESS_ELF_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "tile.h"

typedef struct {
	uint32_t addr, filesz, memsz;
	bool exec;                /* PF_X: its words are predecoded once for every tile */
	uint8_t *data;            /* filesz bytes */
} elf_segment;

typedef struct {
	uint32_t addr, size;
	char *name;
} elf_symbol;

typedef struct elf_image {
	char *path;
	uint32_t entry;
	elf_segment *segs;
	size_t nsegs;
	elf_symbol *syms;         /* sorted by address */
	size_t nsyms;
	/* Words [0, ncode) of a tile holding only this image, predecoded once; the tiles
	   it is placed on share it until they write there (tile_share_dcache). */
	dinsn *code;
	uint32_t ncode;
} elf_image;

/*
 * Load and check path for a tile of mem_size bytes. On refusal returns NULL and
 * writes "PATH: reason" into err.
 */
elf_image *elf_image_load(const char *path, uint32_t mem_size, char *err, size_t errlen);
void elf_image_free(elf_image *img);
/* Copy the image into a tile's SRAM (freshly allocated or cleared: zero outside the
   image) and set its entry; the tile shares the image's predecoded words. */
void elf_image_place(const elf_image *img, tile_t *t);
/* The two halves of elf_image_place, for loading many tiles: attach (entry, symbols,
   the shared predecoded words) and fill (the bytes, into a fresh tile's SRAM: nothing
   predecoded of its own to forget), which may run later and on another thread. */
void elf_image_attach(const elf_image *img, tile_t *t);
void elf_image_fill(const elf_image *img, tile_t *t);
/* The symbol containing addr (or the nearest before it), or NULL. */
const elf_symbol *elf_symbol_at(const elf_image *img, uint32_t addr);

#endif
