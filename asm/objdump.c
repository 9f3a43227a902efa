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
	bool global;
} od_sym;

typedef struct {
	od_sym *syms;
	size_t n;
} od_syms;

static int cmp_sym(const void *x, const void *y)
{
	const od_sym *a = x, *b = y;
	if (a->shndx != b->shndx)
		return a->shndx < b->shndx ? -1 : 1;
	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	/* at one address the global one is preferred: it sorts last and is found first */
	return (int)a->global - (int)b->global;
}

static void read_symbols(Elf *e, size_t nsec, od_syms *out)
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
		for (size_t i = 1; i < n; i++) {
			GElf_Sym s;
			if (!gelf_getsym(d, (int)i, &s))
				continue;
			const char *name = elf_strptr(e, sh.sh_link, s.st_name);
			int type = GELF_ST_TYPE(s.st_info);
			/* ".L0 " labels the auipc of a pcrel pair; GNU objdump hides it too */
			if (!name || !*name || name[0] == '$' || !strcmp(name, ".L0 ") ||
			    type == STT_SECTION ||
			    type == STT_FILE || s.st_shndx == SHN_UNDEF || s.st_shndx >= nsec)
				continue;
			out->syms[out->n++] = (od_sym){(uint32_t)s.st_value, s.st_shndx, name,
						       GELF_ST_BIND(s.st_info) != STB_LOCAL};
		}
		break;
	}
	if (out->n)
		qsort(out->syms, out->n, sizeof *out->syms, cmp_sym);
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

static void print_target(FILE *out, const od_syms *s, size_t shndx, const char *secname,
			 uint32_t secaddr, uint32_t target)
{
	const od_sym *b = symbol_before(s, shndx, target);
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
			 uint32_t stop, int skip)
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
		fprintf(out, "%08x          \t", w);
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
		/* up to the next symbol */
		uint32_t stop = sec->size;
		for (size_t i = 0; i < s->n; i++)
			if (s->syms[i].shndx == sec->shndx && s->syms[i].addr > addr &&
			    s->syms[i].addr - sec->vma < stop)
				stop = s->syms[i].addr - sec->vma;
		disasm_range(out, sec, s, off, stop, skip);
		off = stop;
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
	od_syms syms = {0};
	read_symbols(e, nsec, &syms);
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
	elf_end(e);
	return 0;
}
