/* ELF executables in, with every refusal explained. */
#include "elf_load.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif
#ifndef EF_RISCV_RVC
#define EF_RISCV_RVC 0x1
#define EF_RISCV_FLOAT_ABI 0x6
#define EF_RISCV_RVE 0x8
#endif

typedef struct {
	const char *path;
	char *err;
	size_t errlen;
	uint64_t file_size;
	uint32_t mem_size;
} load_ctx;

__attribute__((format(printf, 2, 3)))
static bool refuse(load_ctx *c, const char *fmt, ...)
{
	int n = snprintf(c->err, c->errlen, "%s: ", c->path);
	va_list ap;
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < c->errlen)
		vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

static bool check_header(load_ctx *c, Elf *e, GElf_Ehdr *eh)
{
	if (elf_kind(e) != ELF_K_ELF)
		return refuse(c, "not an ELF file");
	size_t idlen;
	const char *id = elf_getident(e, &idlen);
	if (!id || idlen < EI_NIDENT)
		return refuse(c, "truncated ELF identification");
	if (id[EI_CLASS] != ELFCLASS32)
		return refuse(c, "not a 32-bit ELF file (class %d); Tessera runs RV32 programs",
			      id[EI_CLASS]);
	if (id[EI_DATA] != ELFDATA2LSB)
		return refuse(c, "not little-endian");
	if (!gelf_getehdr(e, eh))
		return refuse(c, "truncated or corrupt ELF header (%s)", elf_errmsg(-1));
	if (eh->e_machine != EM_RISCV)
		return refuse(c, "machine %u is not RISC-V (%d)", eh->e_machine, EM_RISCV);
	if (eh->e_type != ET_EXEC)
		return refuse(c, "not an executable (ELF type %u); link it first", eh->e_type);
	if (eh->e_flags & EF_RISCV_RVC)
		return refuse(c, "uses compressed instructions (RVC); build with -march=rv32im");
	if (eh->e_flags & (EF_RISCV_FLOAT_ABI | EF_RISCV_RVE))
		return refuse(c, "uses a floating-point or RV32E ABI; build with -mabi=ilp32");
	if (eh->e_entry & 3)
		return refuse(c, "entry point 0x%llx is not 4-byte aligned",
			      (unsigned long long)eh->e_entry);
	return true;
}

/*
 * Every table and section the file declares lies inside it: a file cut short anywhere
 * is refused, even where libelf would quietly skip what is missing.
 */
static bool check_extents(load_ctx *c, Elf *e, const GElf_Ehdr *eh)
{
	size_t n;
	if (elf_getphdrnum(e, &n) == 0 && n &&
	    (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phoff > c->file_size ||
	     (uint64_t)n * eh->e_phentsize > c->file_size - eh->e_phoff))
		return refuse(c, "program header table truncated or corrupt");
	if (elf_getshdrnum(e, &n) != 0)
		return refuse(c, "corrupt section header table (%s)", elf_errmsg(-1));
	if (n < eh->e_shnum || (n == 0 && eh->e_shoff))
		n = eh->e_shnum ? eh->e_shnum : 1;   /* libelf says 0 when the table is cut off */
	if (n && (eh->e_shentsize != sizeof(Elf32_Shdr) || eh->e_shoff > c->file_size ||
		  (uint64_t)n * eh->e_shentsize > c->file_size - eh->e_shoff))
		return refuse(c, "section header table truncated or corrupt");
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return refuse(c, "corrupt section header (%s)", elf_errmsg(-1));
		if (sh.sh_type != SHT_NOBITS &&
		    (sh.sh_offset > c->file_size || sh.sh_size > c->file_size - sh.sh_offset))
			return refuse(c, "section %zu truncated (bytes %llu..%llu of a %llu-byte file)",
				      elf_ndxscn(scn), (unsigned long long)sh.sh_offset,
				      (unsigned long long)(sh.sh_offset + sh.sh_size),
				      (unsigned long long)c->file_size);
	}
	return true;
}

static bool check_segment(load_ctx *c, const GElf_Phdr *ph, size_t i)
{
	if (ph->p_filesz > ph->p_memsz)
		return refuse(c, "segment %zu: file size %llu exceeds memory size %llu", i,
			      (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
	if (ph->p_offset > c->file_size || ph->p_filesz > c->file_size - ph->p_offset)
		return refuse(c, "segment %zu: truncated (bytes %llu..%llu of a %llu-byte file)", i,
			      (unsigned long long)ph->p_offset,
			      (unsigned long long)(ph->p_offset + ph->p_filesz),
			      (unsigned long long)c->file_size);
	if (ph->p_vaddr > c->mem_size || ph->p_memsz > c->mem_size - ph->p_vaddr)
		return refuse(c, "segment %zu at 0x%llx (%llu bytes) lies outside the tile's "
			      "%u-byte SRAM", i, (unsigned long long)ph->p_vaddr,
			      (unsigned long long)ph->p_memsz, c->mem_size);
	return true;
}

static bool overlaps(const elf_segment *a, const elf_segment *b)
{
	return a->addr < b->addr + b->memsz && b->addr < a->addr + a->memsz;
}

static bool read_segments(load_ctx *c, Elf *e, int fd, elf_image *img)
{
	size_t n;
	if (elf_getphdrnum(e, &n) != 0)
		return refuse(c, "corrupt program header table (%s)", elf_errmsg(-1));
	img->segs = calloc(n ? n : 1, sizeof *img->segs);
	if (!img->segs)
		return refuse(c, "out of memory");
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(e, (int)i, &ph))
			return refuse(c, "program header %zu truncated or corrupt", i);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (!check_segment(c, &ph, i))
			return false;
		elf_segment *s = &img->segs[img->nsegs];
		*s = (elf_segment){(uint32_t)ph.p_vaddr, (uint32_t)ph.p_filesz, (uint32_t)ph.p_memsz,
				   (ph.p_flags & PF_X) != 0, NULL};
		for (size_t k = 0; k < img->nsegs; k++)
			if (overlaps(s, &img->segs[k]))
				return refuse(c, "segment %zu (0x%x..0x%x) overlaps another segment", i,
					      s->addr, s->addr + s->memsz);
		s->data = malloc(s->filesz ? s->filesz : 1);
		if (!s->data)
			return refuse(c, "out of memory");
		if (s->filesz && pread(fd, s->data, s->filesz, (off_t)ph.p_offset) != (ssize_t)s->filesz)
			return refuse(c, "segment %zu: read failed", i);
		img->nsegs++;
	}
	if (img->nsegs == 0)
		return refuse(c, "no loadable segment");
	return true;
}

/*
 * Predecode the words of a fresh tile holding the image, up to the end of its last
 * executable segment: thousands of tiles running one program then share one table
 * instead of each decoding (and allocating) its own.
 */
static bool predecode(elf_image *img, uint32_t mem_size)
{
	uint32_t end = 0;
	for (size_t i = 0; i < img->nsegs; i++)
		if (img->segs[i].exec && img->segs[i].addr + img->segs[i].filesz > end)
			end = img->segs[i].addr + img->segs[i].filesz;
	uint32_t words = (uint32_t)(((uint64_t)end + 3) / 4);
	if (words > mem_size / 4)
		words = mem_size / 4;
	if (words == 0)
		return true;
	uint8_t *mem = calloc(words, 4);
	img->code = malloc((size_t)words * sizeof *img->code);
	if (!mem || !img->code) {
		free(mem);
		return false;
	}
	for (size_t i = 0; i < img->nsegs; i++) {
		const elf_segment *s = &img->segs[i];
		if (s->addr < words * 4u)
			memcpy(mem + s->addr, s->data, s->filesz < words * 4u - s->addr ?
			       s->filesz : words * 4u - s->addr);
	}
	for (uint32_t w = 0; w < words; w++) {
		uint32_t word;
		memcpy(&word, mem + 4 * w, 4);
		core_decode_word(word, &img->code[w]);
	}
	dinsn_runs_fill(img->code, words);
	img->ncode = words;
	free(mem);
	return true;
}

static bool entry_inside(const elf_image *img)
{
	for (size_t i = 0; i < img->nsegs; i++)
		if (img->entry >= img->segs[i].addr &&
		    img->entry < img->segs[i].addr + img->segs[i].memsz)
			return true;
	return false;
}

static int symbol_order(const void *a, const void *b)
{
	const elf_symbol *x = a, *y = b;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Symbols are a convenience: a missing or broken symbol table is not an error. */
static void read_symbols(Elf *e, elf_image *img)
{
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0)
			continue;
		Elf_Data *data = elf_getdata(scn, NULL);
		if (!data)
			continue;
		size_t n = data->d_size / sh.sh_entsize;
		elf_symbol *v = realloc(img->syms, (img->nsyms + n) * sizeof *v);
		if (!v)
			return;
		img->syms = v;
		for (size_t i = 0; i < n; i++) {
			GElf_Sym s;
			if (!gelf_getsym(data, (int)i, &s) || s.st_shndx == SHN_UNDEF)
				continue;
			int type = GELF_ST_TYPE(s.st_info);
			if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
				continue;
			const char *name = elf_strptr(e, sh.sh_link, s.st_name);
			if (!name || !*name || name[0] == '$' || name[0] == '.')
				continue;
			char *copy = strdup(name);
			if (!copy)
				return;
			img->syms[img->nsyms++] = (elf_symbol){(uint32_t)s.st_value, (uint32_t)s.st_size, copy};
		}
	}
	if (img->nsyms)
		qsort(img->syms, img->nsyms, sizeof *img->syms, symbol_order);
}

elf_image *elf_image_load(const char *path, uint32_t mem_size, char *err, size_t errlen)
{
	load_ctx c = {path, err, errlen, 0, mem_size};
	elf_image *img = calloc(1, sizeof *img);
	if (!img) {
		refuse(&c, "out of memory");
		return NULL;
	}
	img->path = strdup(path);
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		refuse(&c, "cannot open: %s", strerror(errno));
		elf_image_free(img);
		return NULL;
	}
	struct stat st;
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (!ok)
		refuse(&c, "not a regular file");
	c.file_size = ok ? (uint64_t)st.st_size : 0;
	elf_version(EV_CURRENT);
	Elf *e = ok ? elf_begin(fd, ELF_C_READ, NULL) : NULL;
	if (ok && !e)
		ok = refuse(&c, "cannot read as ELF (%s)", elf_errmsg(-1));
	GElf_Ehdr eh;
	ok = ok && check_header(&c, e, &eh) && check_extents(&c, e, &eh);
	if (ok) {
		img->entry = (uint32_t)eh.e_entry;
		ok = read_segments(&c, e, fd, img);
	}
	if (ok && !entry_inside(img))
		ok = refuse(&c, "entry point 0x%x is outside every loadable segment", img->entry);
	if (ok && !predecode(img, mem_size))
		ok = refuse(&c, "out of memory");
	if (ok)
		read_symbols(e, img);
	if (e)
		elf_end(e);
	close(fd);
	if (!ok) {
		elf_image_free(img);
		return NULL;
	}
	return img;
}

void elf_image_free(elf_image *img)
{
	if (!img)
		return;
	for (size_t i = 0; i < img->nsegs; i++)
		free(img->segs[i].data);
	for (size_t i = 0; i < img->nsyms; i++)
		free(img->syms[i].name);
	free(img->segs);
	free(img->code);
	free(img->syms);
	free(img->path);
	free(img);
}

void elf_image_place(const elf_image *img, tile_t *t)
{
	for (size_t i = 0; t->mem && i < img->nsegs; i++) {   /* NULL: another MPI rank's */
		const elf_segment *s = &img->segs[i];
		tile_write_mem(t, s->addr, s->data, s->filesz);
		memset(t->mem + s->addr + s->filesz, 0, s->memsz - s->filesz);
	}
	elf_image_attach(img, t);
}

void elf_image_attach(const elf_image *img, tile_t *t)
{
	t->image = img;
	t->pc = img->entry;
	tile_share_dcache(t, img->code, img->ncode);
}

/* Map the pages a segment fills in one call before writing them: a first write per
   page costs a page fault each, which on this project's VMs (shadow paging) made the
   SRAM fill of Life 64x64 take 0.19 s of system time, with this 0.08 s. A hint only:
   kernels before 5.14 refuse it and the writes fault as before. */
static void populate(uint8_t *p, uint32_t len)
{
#ifdef MADV_POPULATE_WRITE
	long size = sysconf(_SC_PAGESIZE);   /* glibc: from the auxiliary vector, no call */
	uintptr_t page = size > 0 ? (uintptr_t)size : 4096;
	uintptr_t a = (uintptr_t)p & ~(page - 1);
	uintptr_t e = ((uintptr_t)p + len + page - 1) & ~(page - 1);
	if (len)
		madvise((void *)a, e - a, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)len;
#endif
}

void elf_image_fill(const elf_image *img, tile_t *t)
{
	for (size_t i = 0; t->mem && i < img->nsegs; i++) {
		const elf_segment *s = &img->segs[i];
		populate(t->mem + s->addr, s->memsz);
		memcpy(t->mem + s->addr, s->data, s->filesz);
		memset(t->mem + s->addr + s->filesz, 0, s->memsz - s->filesz);
	}
}

const elf_symbol *elf_symbol_at(const elf_image *img, uint32_t addr)
{
	const elf_symbol *best = NULL;
	if (!img)
		return NULL;
	for (size_t i = 0; i < img->nsyms && img->syms[i].addr <= addr; i++)
		if (img->syms[i].size == 0 || addr < img->syms[i].addr + img->syms[i].size ||
		    !best || best->addr != img->syms[i].addr)
			best = &img->syms[i];
	return best;
}
