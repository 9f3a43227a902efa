/*
 * tessera objdump: disassembly of an ELF32 RISC-V file in GNU objdump's layout
 * (objdump -d -M no-aliases), with Xtess instructions by name. The file is read
 * through libelf from memory, and every offset and index in it is checked, since the
 * reader is fed arbitrary bytes by the fuzzer.
 */
#include "objdump.h"

#include <gelf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "isa.h"

typedef struct {
	uint32_t addr;
	size_t shndx;
	const char *name;
	int rank;       /* GNU's preference among symbols at one address: higher wins */
} od_sym;

typedef struct od_syms {
	od_sym *syms;
	size_t n;
	/* An executable is one address space: branch targets are named from every
	 * symbol, absolute ones too, as GNU objdump does (their shndx is 0 here). */
	struct od_syms *flat;
	/* Mapping symbols ($x code, $d data) in GNU's objects: name[1] says which. */
	struct od_syms *maps;
} od_syms;

static int cmp_sym(const void *x, const void *y)
{
	const od_sym *a = x, *b = y;
	if (a->shndx != b->shndx)
		return a->shndx < b->shndx ? -1 : 1;
	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	/* at one address the preferred one sorts last, where symbol_before finds it */
	if (a->rank != b->rank)
		return a->rank - b->rank;
	return strcmp(b->name, a->name);
}

/* objdump's order: functions, then not local, then global, then names without '.'. */
static int sym_rank(const GElf_Sym *s, const char *name)
{
	int bind = GELF_ST_BIND(s->st_info);
	return (GELF_ST_TYPE(s->st_info) == STT_FUNC) * 8 + (bind != STB_LOCAL) * 4 +
	       (bind == STB_GLOBAL) * 2 + (name[0] != '.');
}

static void read_symbols(Elf *e, size_t nsec, od_syms *out, od_syms *flat, od_syms *maps)
{
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		if (!d || !d->d_buf || sh.sh_entsize != sizeof(Elf32_Sym))
			continue;
		size_t n = d->d_size / sizeof(Elf32_Sym);
		out->syms = calloc(n + 1, sizeof *out->syms);
		flat->syms = calloc(n + 1, sizeof *flat->syms);
		maps->syms = calloc(n + 1, sizeof *maps->syms);
		for (size_t i = 1; i < n; i++) {
			GElf_Sym s;
			if (!gelf_getsym(d, (int)i, &s))
				continue;
			const char *name = elf_strptr(e, sh.sh_link, s.st_name);
			int type = GELF_ST_TYPE(s.st_info);
			if (name && (!strncmp(name, "$x", 2) || !strncmp(name, "$d", 2)) &&
			    s.st_shndx < nsec)
				maps->syms[maps->n++] = (od_sym){(uint32_t)s.st_value, s.st_shndx,
								 name, 0};
			/* ".L0 " labels the auipc of a pcrel pair; GNU objdump hides it too */
			if (!name || !*name || name[0] == '$' || !strcmp(name, ".L0 ") ||
			    type == STT_SECTION || type == STT_FILE || s.st_shndx == SHN_UNDEF)
				continue;
			int rank = sym_rank(&s, name);
			if (s.st_shndx < nsec || s.st_shndx == SHN_ABS)
				flat->syms[flat->n++] = (od_sym){(uint32_t)s.st_value, 0, name, rank};
			if (s.st_shndx >= nsec)
				continue;
			out->syms[out->n++] = (od_sym){(uint32_t)s.st_value, s.st_shndx, name, rank};
		}
		break;
	}
	if (out->n)
		qsort(out->syms, out->n, sizeof *out->syms, cmp_sym);
	if (flat->n)
		qsort(flat->syms, flat->n, sizeof *flat->syms, cmp_sym);
	if (maps->n)
		qsort(maps->syms, maps->n, sizeof *maps->syms, cmp_sym);
}

/* The best symbol at or before addr in section shndx, or NULL. */
static const od_sym *symbol_before(const od_syms *s, size_t shndx, uint32_t addr)
{
	const od_sym *best = NULL;
	size_t lo = 0, hi = s->n;
	while (lo < hi) {        /* first symbol after (shndx, addr) */
		size_t mid = (lo + hi) / 2;
		const od_sym *m = &s->syms[mid];
		if (m->shndx < shndx || (m->shndx == shndx && m->addr <= addr))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && s->syms[lo - 1].shndx == shndx)
		best = &s->syms[lo - 1];
	return best;
}

/* A name as GNU prints it: control characters as ^X. */
static void put_name(FILE *out, const char *name)
{
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20)
			fprintf(out, "^%c", *p + 0x40);
		else
			fputc(*p, out);
}

/* Address of the first symbol after addr in section shndx, or limit. */
static uint32_t next_symbol(const od_syms *s, size_t shndx, uint32_t addr, uint32_t limit)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const od_sym *m = &s->syms[mid];
		if (m->shndx < shndx || (m->shndx == shndx && m->addr <= addr))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->syms[lo].shndx == shndx && s->syms[lo].addr < limit ?
	       s->syms[lo].addr : limit;
}

static void print_target(FILE *out, const od_syms *s, size_t shndx, const char *secname,
			 uint32_t secaddr, uint32_t target)
{
	const od_syms *all = s->flat ? s->flat : s;
	if (all->n == 0) {         /* no symbols at all: GNU prints the bare address */
		fprintf(out, "0x%x", target);
		return;
	}
	const od_sym *b = s->flat ? symbol_before(s->flat, 0, target)
				  : symbol_before(s, shndx, target);
	const char *name = b ? b->name : secname;
	uint32_t base = b ? b->addr : secaddr;
	fprintf(out, "%x <", target);
	put_name(out, name);
	if (target != base)
		fprintf(out, "+0x%x", target - base);
	fputc('>', out);
}

/* One instruction in GNU's text: mnemonic, tab, operands, targets as "addr <sym>". */
static void print_insn(FILE *out, uint32_t w, uint32_t pc, const od_syms *s, size_t shndx,
		       const char *secname, uint32_t secaddr)
{
	char buf[96];
	isa_op op = isa_decode(w);
	if (w == 0xc0001073) {      /* csrrw zero,cycle,zero: what `unimp` assembles to */
		fputs("unimp", out);
		return;
	}
	if (op == OP_INVALID) {
		fprintf(out, ".4byte\t0x%x", w);
		return;
	}
	isa_disasm(w, pc, buf, sizeof buf);
	char *sp = strchr(buf, ' ');
	isa_format f = isa_insns[op].format;
	if (op == OP_FENCE && !sp) {
		fprintf(out, "fence\tiorw,iorw");
		return;
	}
	if (!sp) {
		fputs(buf, out);
		return;
	}
	*sp = 0;
	fprintf(out, "%s\t", buf);
	if (f != FMT_B && f != FMT_J) {
		fputs(sp + 1, out);
		return;
	}
	char *last = strrchr(sp + 1, ',');
	*last = 0;
	fprintf(out, "%s,", sp + 1);
	print_target(out, s, shndx, secname, secaddr, (uint32_t)strtoul(last + 1, NULL, 16));
}

/* Width of the address column: GNU drops leading zeros in groups of four. */
static int address_skip(uint32_t end, uint32_t vma)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%08x", end);
	int skip = 0;
	while (buf[skip] == '0')
		skip++;
	if (buf[skip] == 0 && vma != 0)
		skip = 0;
	return skip ? (skip - 1) & -4 : 0;
}

static void print_address(FILE *out, uint32_t addr, int skip)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%08x", addr);
	char *p = buf + skip;
	for (char *q = p; *q == '0' && q[1]; q++)
		*q = ' ';
	fprintf(out, "%s:\t", p);
}

static void print_label(FILE *out, uint32_t addr, const char *name)
{
	fprintf(out, "\n%08x <", addr);
	put_name(out, name);
	fputs(">:\n", out);
}

typedef struct {
	const uint8_t *data;
	uint32_t size, vma;
	size_t shndx;
	const char *name;
} od_section;

/* Bytes [from, stop) of a section: one instruction per word, runs of zeros as "...". */
static void disasm_range(FILE *out, const od_section *sec, const od_syms *s, uint32_t from,
			 uint32_t stop, int skip, bool data)
{
	uint32_t off = from;
	while (off < stop) {
		uint32_t z = off;
		while (z < stop && sec->data[z] == 0)
			z++;
		if (z - off >= 8 || (z == stop && z - off < 3 && z > off)) {
			if (z != stop)
				z = off + ((z - off) & ~3u);
			fprintf(out, "\t...\n");
			off = z;
			continue;
		}
		print_address(out, sec->vma + off, skip);
		if (stop - off < 4) {
			uint32_t v = 0, n = stop - off;
			for (uint32_t i = 0; i < n; i++)
				v |= (uint32_t)sec->data[off + i] << (8 * i);
			fprintf(out, "%0*x%*s\t.%ubyte\t0x%x\n", (int)n * 2, v, 20 - (int)n * 2, "",
				n, v);
			off = stop;
			continue;
		}
		const uint8_t *p = sec->data + off;
		uint32_t w = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
		if (w == 0 && !data) {
			/* GNU reads a zero word as two 16-bit c.unimp (no C here, same text) */
			fprintf(out, "0000                \tc.unimp\n");
			print_address(out, sec->vma + off + 2, skip);
			fprintf(out, "0000                \tc.unimp\n");
			off += 4;
			continue;
		}
		fprintf(out, "%08x          \t", w);
		if (data)
			fprintf(out, ".word\t0x%08x", w);
		else
			print_insn(out, w, sec->vma + off, s, sec->shndx, sec->name, sec->vma);
		fputc('\n', out);
		off += 4;
	}
}

static void disasm_section(FILE *out, const od_section *sec, const od_syms *s)
{
	fprintf(out, "\nDisassembly of section %s:\n", sec->name);
	int skip = address_skip(sec->vma + sec->size, sec->vma);
	uint32_t off = 0;
	const od_sym *first = symbol_before(s, sec->shndx, sec->vma);
	if (!first || first->addr != sec->vma)
		print_label(out, sec->vma, sec->name);
	while (off < sec->size) {
		uint32_t addr = sec->vma + off;
		const od_sym *here = symbol_before(s, sec->shndx, addr);
		if (here && here->addr == addr)
			print_label(out, addr, here->name);
		/* up to the next symbol or mapping symbol */
		uint32_t end = sec->vma + sec->size;
		end = next_symbol(s, sec->shndx, addr, end);
		end = next_symbol(s->maps, sec->shndx, addr, end);
		const od_sym *map = symbol_before(s->maps, sec->shndx, addr);
		disasm_range(out, sec, s, off, end - sec->vma, skip, map && map->name[1] == 'd');
		off = end - sec->vma;
	}
}

int od_disassemble(const void *image, size_t size, const char *name, FILE *out, FILE *err)
{
	if (elf_version(EV_CURRENT) == EV_NONE)
		return 1;
	Elf *e = elf_memory((char *)image, size);
	GElf_Ehdr eh;
	size_t nsec, shstr;
	const char *bad = NULL;
	if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh))
		bad = "not an ELF file";
	else if (gelf_getclass(e) != ELFCLASS32 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
		bad = "not a 32-bit little-endian ELF file";
	else if (eh.e_machine != 243)
		bad = "not a RISC-V ELF file";
	else if (elf_getshdrnum(e, &nsec) || elf_getshdrstrndx(e, &shstr))
		bad = "bad section header table";
	if (bad) {
		fprintf(err, "tessera objdump: %s: %s\n", name, bad);
		if (e)
			elf_end(e);
		return 1;
	}
	fprintf(out, "\n%s:     file format elf32-littleriscv\n\n", name);
	od_syms syms = {0}, flat = {0}, maps = {0};
	read_symbols(e, nsec, &syms, &flat, &maps);
	syms.maps = &maps;
	if (eh.e_type == ET_EXEC)
		syms.flat = &flat;
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_EXECINSTR) ||
		    sh.sh_type != SHT_PROGBITS)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		const char *sn = elf_strptr(e, shstr, sh.sh_name);
		if (!d || !d->d_buf || d->d_size == 0 || sh.sh_addr > 0xffffffffu - d->d_size)
			continue;
		od_section sec = {d->d_buf, (uint32_t)d->d_size, (uint32_t)sh.sh_addr,
				  elf_ndxscn(scn), sn ? sn : "?"};
		disasm_section(out, &sec, &syms);
	}
	free(syms.syms);
	free(flat.syms);
	free(maps.syms);
	elf_end(e);
	return 0;
}
