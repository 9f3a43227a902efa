/*
 * Writing the assembled sections through libelf: a relocatable ELF32 RISC-V object
 * (symbols, .rela sections) that GNU ld links, or with exec an executable laid out from
 * address 0 (code, read-only data, data, bss) with every relocation applied here.
 */
#include "asm.h"

#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

typedef struct {
	char *buf;
	size_t len, cap;
} strtab;

static size_t str_add(strtab *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2 + 64;
		t->buf = realloc(t->buf, t->cap);
		if (!t->buf)
			exit(1);
	}
	size_t at = t->len;
	memcpy(t->buf + at, s, n);
	t->buf[at + n] = 0;
	t->len += n + 1;
	return at;
}

/* The name a symbol has in the file: generated .L0 labels lose their counter. */
static size_t sym_name_len(const char *name)
{
	const char *ctl = strchr(name, '\001');
	return ctl ? (size_t)(ctl - name) : strlen(name);
}

static bool sym_wanted(const asm_sym *s)
{
	if (s->is_section)
		return true;
	if (s->global)
		return true;
	if (s->section == ASM_SEC_UNDEF)
		return s->used_in_reloc;
	if (!strncmp(s->name, ".L", 2))
		return s->used_in_reloc;
	return true;
}

static bool sym_is_global(const asm_sym *s)
{
	return !s->is_section && (s->global || s->section == ASM_SEC_UNDEF);
}

/* ---- executables: layout and relocation ---- */

static int layout_rank(const asm_section *s)
{
	if (!(s->flags & SHF_ALLOC))
		return 4;
	if (s->flags & SHF_EXECINSTR)
		return 0;
	if (s->type == SHT_NOBITS)
		return 3;
	return s->flags & SHF_WRITE ? 2 : 1;
}

static void layout(asm_state *a, uint32_t *addr)
{
	uint32_t at = 0;
	for (int rank = 0; rank < 4; rank++)
		for (size_t i = 0; i < a->nsecs; i++) {
			asm_section *s = &a->secs[i];
			if (layout_rank(s) != rank)
				continue;
			at = (at + s->align - 1) & ~(s->align - 1);
			addr[i] = at;
			at += s->size;
		}
}

static bool sym_address(asm_state *a, const uint32_t *addr, int sym, uint32_t *out)
{
	asm_sym *s = &a->syms[sym];
	if (s->section == ASM_SEC_UNDEF) {
		if (s->reported)
			return false;
		s->reported = true;
		fprintf(a->err, "%s:%d: error: undefined symbol '%.*s' (--exec links nothing "
			"else in)\n", s->ref_file ? s->ref_file : "?", s->ref_line,
			(int)sym_name_len(s->name), s->name);
		return false;
	}
	*out = s->value + (s->section == ASM_SEC_ABS ? 0 : addr[s->section]);
	return true;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16), p[3] = (uint8_t)(v >> 24);
}
static uint32_t get32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The pc-relative value of the PCREL_HI20 at the auipc labelled by sym. */
static bool pcrel_hi_value(asm_state *a, const uint32_t *addr, int sym, uint32_t *out)
{
	const asm_sym *l = &a->syms[sym];
	if (l->section < 0)
		return false;
	const asm_section *s = &a->secs[l->section];
	for (size_t i = 0; i < s->nrelocs; i++) {
		const asm_reloc *r = &s->relocs[i];
		uint32_t S;
		if (r->offset == l->value && r->type == R_RV_PCREL_HI20) {
			if (!sym_address(a, addr, r->sym, &S))
				return false;
			*out = S + (uint32_t)r->addend - (addr[l->section] + r->offset);
			return true;
		}
	}
	fprintf(a->err, "tessera as: error: %%pcrel_lo: no %%pcrel_hi at '%.*s'\n",
		(int)sym_name_len(l->name), l->name);
	return false;
}

static bool fits(int64_t v, int bits) { return v >= -(1LL << (bits - 1)) && v < (1LL << (bits - 1)); }

static bool apply(asm_state *a, const uint32_t *addr, int sec, const asm_reloc *r)
{
	uint8_t *p = a->secs[sec].data + r->offset;
	uint32_t S, P = addr[sec] + r->offset, w = get32(p), v;
	bool lo12 = r->type == R_RV_PCREL_LO12_I || r->type == R_RV_PCREL_LO12_S;
	if (lo12 ? !pcrel_hi_value(a, addr, r->sym, &v) : !sym_address(a, addr, r->sym, &S))
		return false;
	if (!lo12)
		v = S + (uint32_t)r->addend;
	uint32_t rel = v - P, hi;
	switch (r->type) {
	case R_RV_32: w = v; break;
	case R_RV_BRANCH:
		if (!fits((int32_t)rel, 13)) goto range;
		w |= ((rel >> 11) & 1) << 7 | ((rel >> 1) & 15) << 8 | ((rel >> 5) & 63) << 25 |
		     ((rel >> 12) & 1) << 31;
		break;
	case R_RV_JAL:
		if (!fits((int32_t)rel, 21)) goto range;
		w = (w & 0xfff) | ((rel >> 12) & 255) << 12 | ((rel >> 11) & 1) << 20 |
		    ((rel >> 1) & 1023) << 21 | ((rel >> 20) & 1) << 31;
		break;
	case R_RV_CALL: case R_RV_CALL_PLT:
		hi = asm_hi20(rel);
		put32(p, (w & 0xfff) | hi << 12);
		w = (get32(p + 4) & 0xfffff) | (rel - (hi << 12)) << 20;
		p += 4;
		break;
	case R_RV_PCREL_HI20: w = (w & 0xfff) | asm_hi20(rel) << 12; break;
	case R_RV_HI20: w = (w & 0xfff) | asm_hi20(v) << 12; break;
	case R_RV_PCREL_LO12_I: case R_RV_LO12_I:
		w = (w & 0xfffff) | (v & 0xfff) << 20;
		break;
	case R_RV_PCREL_LO12_S: case R_RV_LO12_S:
		w = (w & 0x01fff07f) | (v & 0x1f) << 7 | ((v >> 5) & 0x7f) << 25;
		break;
	}
	put32(p, w);
	return true;
range:
	fprintf(a->err, "tessera as: error: %s+0x%x: jump target out of range\n",
		a->secs[sec].name, r->offset);
	return false;
}

static bool relocate(asm_state *a, uint32_t *addr)
{
	layout(a, addr);
	bool ok = true;
	for (size_t i = 0; i < a->nsecs; i++)
		for (size_t k = 0; k < a->secs[i].nrelocs; k++)
			ok &= apply(a, addr, (int)i, &a->secs[i].relocs[k]);
	return ok;
}

/* ---- the file ---- */

typedef struct {
	Elf *e;
	strtab shstr, str;
	size_t *scn_index;      /* ELF section index of each asm section */
	size_t symtab_index;
	uint32_t *addr;
	bool exec;
} writer;

static Elf_Scn *new_section(writer *w, const char *name, uint32_t type, uint32_t flags,
			    const void *data, size_t size, uint32_t align, Elf_Type dtype)
{
	Elf_Scn *scn = elf_newscn(w->e);
	Elf_Data *d = elf_newdata(scn);
	d->d_buf = (void *)data;
	d->d_size = size;
	d->d_type = dtype;
	d->d_align = align;
	Elf32_Shdr *sh = elf32_getshdr(scn);
	sh->sh_name = (Elf32_Word)str_add(&w->shstr, name, strlen(name));
	sh->sh_type = type;
	sh->sh_flags = flags;
	sh->sh_addralign = align;
	return scn;
}

static void *zalloc(size_t n, size_t size)
{
	return memset(asm_xrealloc(NULL, n * size), 0, n * size);
}

static Elf32_Sym *build_symbols(writer *w, asm_state *a, size_t *count, size_t *first_global)
{
	Elf32_Sym *out = zalloc(a->nsyms + 1, sizeof *out);
	size_t n = 1;
	for (int global = 0; global < 2; global++) {
		if (global)
			*first_global = n;
		for (size_t i = 0; i < a->nsyms; i++) {
			asm_sym *s = &a->syms[i];
			if (!sym_wanted(s) || sym_is_global(s) != global)
				continue;
			Elf32_Sym *e = &out[n];
			s->elf_index = (int)n++;
			if (!s->is_section)
				e->st_name = (Elf32_Word)str_add(&w->str, s->name, sym_name_len(s->name));
			e->st_value = s->value;
			e->st_size = s->size;
			int bind = s->weak ? STB_WEAK : global ? STB_GLOBAL : STB_LOCAL;
			e->st_info = ELF32_ST_INFO(bind, s->type);
			if (s->section == ASM_SEC_ABS)
				e->st_shndx = SHN_ABS;
			else if (s->section >= 0) {
				e->st_shndx = (Elf32_Half)w->scn_index[s->section];
				if (w->exec)
					e->st_value += w->addr[s->section];
			}
		}
	}
	*count = n;
	return out;
}

static Elf32_Rela *build_relas(asm_state *a, const asm_section *s)
{
	Elf32_Rela *r = zalloc(s->nrelocs + 1, sizeof *r);
	for (size_t i = 0; i < s->nrelocs; i++) {
		const asm_reloc *x = &s->relocs[i];
		r[i].r_offset = x->offset;
		r[i].r_info = ELF32_R_INFO((Elf32_Word)a->syms[x->sym].elf_index, (unsigned)x->type);
		r[i].r_addend = x->addend;
	}
	return r;
}

static void set_program_headers(writer *w, asm_state *a, uint32_t entry)
{
	size_t n = 0;
	for (size_t i = 0; i < a->nsecs; i++)
		n += (a->secs[i].flags & SHF_ALLOC) && a->secs[i].size;
	Elf32_Phdr *ph = elf32_newphdr(w->e, n);
	elf32_getehdr(w->e)->e_entry = entry;
	elf_update(w->e, ELF_C_NULL);     /* lays out the sections: offsets are known now */
	size_t k = 0;
	for (size_t i = 0; i < a->nsecs; i++) {
		asm_section *s = &a->secs[i];
		if (!(s->flags & SHF_ALLOC) || !s->size)
			continue;
		Elf32_Shdr *sh = elf32_getshdr(elf_getscn(w->e, w->scn_index[i]));
		ph[k].p_type = PT_LOAD;
		ph[k].p_offset = sh->sh_offset;
		ph[k].p_vaddr = ph[k].p_paddr = w->addr[i];
		ph[k].p_filesz = s->type == SHT_NOBITS ? 0 : s->size;
		ph[k].p_memsz = s->size;
		ph[k].p_flags = PF_R | (s->flags & SHF_WRITE ? PF_W : 0) |
				(s->flags & SHF_EXECINSTR ? PF_X : 0);
		ph[k].p_align = 1;
		k++;
	}
	elf_flagphdr(w->e, ELF_C_SET, ELF_F_DIRTY);
}

static uint32_t entry_point(asm_state *a, const uint32_t *addr)
{
	int s = asm_sym_find(a, "_start", 6);
	uint32_t v;
	if (s >= 0 && a->syms[s].section != ASM_SEC_UNDEF && sym_address(a, addr, s, &v))
		return v;
	for (size_t i = 0; i < a->nsecs; i++)
		if (a->secs[i].flags & SHF_EXECINSTR)
			return addr[i];
	return 0;
}

static bool write_sections(writer *w, asm_state *a)
{
	void **keep = zalloc(a->nsecs + 4, sizeof *keep);
	for (size_t i = 0; i < a->nsecs; i++) {
		asm_section *s = &a->secs[i];
		Elf_Scn *scn = new_section(w, s->name, s->type, s->flags,
					   s->type == SHT_NOBITS ? NULL : s->data, s->size,
					   s->align, ELF_T_BYTE);
		w->scn_index[i] = elf_ndxscn(scn);
		elf32_getshdr(scn)->sh_addr = w->exec ? w->addr[i] : 0;
	}
	size_t nsym = 0, first_global = 0;   /* set by build_symbols */
	Elf32_Sym *syms = build_symbols(w, a, &nsym, &first_global);
	size_t rela_base = elf_ndxscn(elf_getscn(w->e, w->scn_index[a->nsecs - 1])) + 1;
	size_t nrela = 0;
	for (size_t i = 0; i < a->nsecs && !w->exec; i++)
		nrela += a->secs[i].nrelocs > 0;
	w->symtab_index = rela_base + nrela;
	for (size_t i = 0; i < a->nsecs && !w->exec; i++) {
		asm_section *s = &a->secs[i];
		if (!s->nrelocs)
			continue;
		char name[300];
		snprintf(name, sizeof name, ".rela%s", s->name);
		keep[i] = build_relas(a, s);
		Elf_Scn *scn = new_section(w, name, SHT_RELA, SHF_INFO_LINK, keep[i],
					   s->nrelocs * sizeof(Elf32_Rela), 4, ELF_T_RELA);
		Elf32_Shdr *sh = elf32_getshdr(scn);
		sh->sh_link = (Elf32_Word)w->symtab_index;
		sh->sh_info = (Elf32_Word)w->scn_index[i];
		sh->sh_entsize = sizeof(Elf32_Rela);
	}
	Elf_Scn *st = new_section(w, ".symtab", SHT_SYMTAB, 0, syms, nsym * sizeof *syms, 4,
				  ELF_T_SYM);
	Elf32_Shdr *sh = elf32_getshdr(st);
	sh->sh_link = (Elf32_Word)w->symtab_index + 1;
	sh->sh_info = (Elf32_Word)first_global;
	sh->sh_entsize = sizeof(Elf32_Sym);
	new_section(w, ".strtab", SHT_STRTAB, 0, w->str.buf, w->str.len, 1, ELF_T_BYTE);
	Elf_Scn *shs = new_section(w, ".shstrtab", SHT_STRTAB, 0, NULL, 0, 1, ELF_T_BYTE);
	Elf_Data *d = elf_getdata(shs, NULL);
	d->d_buf = w->shstr.buf;
	d->d_size = w->shstr.len;
	elf32_getehdr(w->e)->e_shstrndx = (Elf32_Half)elf_ndxscn(shs);
	bool ok = true;
	if (w->exec)
		set_program_headers(w, a, entry_point(a, w->addr));
	if (elf_update(w->e, ELF_C_WRITE) < 0) {
		fprintf(a->err, "tessera as: error: writing ELF: %s\n", elf_errmsg(-1));
		ok = false;
	}
	for (size_t i = 0; i < a->nsecs; i++)
		free(keep[i]);
	free(keep);
	free(syms);
	return ok;
}

bool asm_write_elf(asm_state *a, const char *path, bool exec)
{
	writer w = {.exec = exec};
	w.addr = zalloc(a->nsecs + 1, sizeof *w.addr);
	w.scn_index = zalloc(a->nsecs + 1, sizeof *w.scn_index);
	str_add(&w.shstr, "", 0);
	str_add(&w.str, "", 0);
	bool ok = !exec || relocate(a, w.addr);
	int fd = -1;
	if (ok && elf_version(EV_CURRENT) == EV_NONE)
		ok = false;
	if (ok && (fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755)) < 0) {
		fprintf(a->err, "tessera as: error: cannot create %s\n", path);
		ok = false;
	}
	if (ok) {
		w.e = elf_begin(fd, ELF_C_WRITE, NULL);
		Elf32_Ehdr *eh = elf32_newehdr(w.e);
		eh->e_ident[EI_DATA] = ELFDATA2LSB;
		eh->e_type = exec ? ET_EXEC : ET_REL;
		eh->e_machine = EM_RISCV;
		eh->e_version = EV_CURRENT;
		ok = write_sections(&w, a);
		elf_end(w.e);
		close(fd);
	}
	if (!ok && fd >= 0)
		unlink(path);
	free(w.addr);
	free(w.scn_index);
	free(w.shstr.buf);
	free(w.str.buf);
	return ok;
}
