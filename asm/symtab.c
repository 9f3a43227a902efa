/* Symbols (a hash table over a growing array), sections, and emitting bytes into them. */
#include "asm.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

void *asm_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "tessera as: out of memory\n");
		exit(1);
	}
	return q;
}

static uint32_t hash_name(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

static void rehash(asm_state *a)
{
	free(a->hash);
	a->hcap = a->hcap ? a->hcap * 2 : 1024;
	a->hash = asm_xrealloc(NULL, a->hcap * sizeof *a->hash);
	for (size_t i = 0; i < a->hcap; i++)
		a->hash[i] = -1;
	for (size_t s = 0; s < a->nsyms; s++) {
		if (a->syms[s].is_section)
			continue;
		const char *nm = a->syms[s].name;
		size_t i = hash_name(nm, strlen(nm)) & (a->hcap - 1);
		while (a->hash[i] >= 0)
			i = (i + 1) & (a->hcap - 1);
		a->hash[i] = (int)s;
	}
}

int asm_sym_find(asm_state *a, const char *name, size_t len)
{
	if (!a->hcap)
		return -1;
	size_t i = hash_name(name, len) & (a->hcap - 1);
	while (a->hash[i] >= 0) {
		const char *nm = a->syms[a->hash[i]].name;
		if (!strncmp(nm, name, len) && nm[len] == 0)
			return a->hash[i];
		i = (i + 1) & (a->hcap - 1);
	}
	return -1;
}

static int new_sym(asm_state *a, const char *name, size_t len)
{
	if (a->nsyms == a->csyms) {
		a->csyms = a->csyms ? a->csyms * 2 : 256;
		a->syms = asm_xrealloc(a->syms, a->csyms * sizeof *a->syms);
	}
	asm_sym *s = &a->syms[a->nsyms];
	memset(s, 0, sizeof *s);
	s->name = asm_xrealloc(NULL, len + 1);
	memcpy(s->name, name, len);
	s->name[len] = 0;
	s->section = ASM_SEC_UNDEF;
	s->def_pass = -1;
	return (int)a->nsyms++;
}

int asm_sym_get(asm_state *a, const char *name, size_t len)
{
	int s = asm_sym_find(a, name, len);
	if (s >= 0)
		return s;
	s = new_sym(a, name, len);
	if ((size_t)a->nsyms * 2 > a->hcap)
		rehash(a);
	else {
		size_t i = hash_name(name, len) & (a->hcap - 1);
		while (a->hash[i] >= 0)
			i = (i + 1) & (a->hcap - 1);
		a->hash[i] = s;
	}
	return s;
}

int asm_section_get(asm_state *a, const char *name, uint32_t type, uint32_t flags)
{
	for (size_t i = 0; i < a->nsecs; i++)
		if (!strcmp(a->secs[i].name, name))
			return (int)i;
	a->secs = asm_xrealloc(a->secs, (a->nsecs + 1) * sizeof *a->secs);
	asm_section *sec = &a->secs[a->nsecs];
	memset(sec, 0, sizeof *sec);
	sec->name = strdup(name);
	sec->type = type;
	sec->flags = flags;
	sec->align = 1;
	sec->sym = new_sym(a, name, strlen(name));
	a->syms[sec->sym].is_section = true;
	a->syms[sec->sym].type = STT_SECTION;
	a->syms[sec->sym].section = (int)a->nsecs;
	a->syms[sec->sym].def_pass = 3;
	return (int)a->nsecs++;
}

void asm_define_label(asm_state *a, const char *at, int s)
{
	asm_sym *sym = &a->syms[s];
	if (sym->def_pass == a->pass) {
		asm_error(a, at, "symbol '%s' is already defined", sym->name);
		return;
	}
	sym->def_pass = a->pass;
	sym->section = a->cur;
	sym->value = asm_pc(a);
}

bool asm_sym_resolved(const asm_state *a, int s, int *sec, uint32_t *value)
{
	const asm_sym *sym = &a->syms[s];
	*sec = sym->section;
	*value = sym->value;
	return sym->section != ASM_SEC_UNDEF;
}

uint32_t asm_pc(const asm_state *a)
{
	return a->secs[a->cur].size;
}

static void grow(asm_section *sec, uint32_t n)
{
	if ((uint64_t)sec->size + n > sec->cap) {
		uint64_t cap = sec->cap ? sec->cap : 256;
		while (cap < (uint64_t)sec->size + n)
			cap *= 2;
		sec->data = asm_xrealloc(sec->data, (size_t)cap);
		sec->cap = (uint32_t)cap;
	}
}

void asm_emit(asm_state *a, const void *bytes, uint32_t n)
{
	asm_section *sec = &a->secs[a->cur];
	if (n == 0)
		return;
	if (sec->type == SHT_NOBITS) {
		for (uint32_t i = 0; i < n; i++)
			if (((const uint8_t *)bytes)[i]) {
				asm_error(a, a->loc.text, "data in section %s, which has no contents",
					  sec->name);
				break;
			}
		sec->size += n;
		return;
	}
	if (a->pass == 2) {
		grow(sec, n);
		memcpy(sec->data + sec->size, bytes, n);
	}
	sec->size += n;
}

/* Padding in code, as GNU as writes it: a zero byte to an even address, a 16-bit
 * c.nop to a multiple of 4, then nops. */
void asm_pad_code(asm_state *a, uint32_t n)
{
	static const uint8_t cnop[2] = {0x01, 0x00};
	if (n & 1)
		asm_reserve(a, 1, 0);
	if (n & 2)
		asm_emit(a, cnop, 2);
	for (uint32_t i = 0; i < n / 4; i++)
		asm_emit_word(a, 0x13);
}

/* GNU as rounds the size of every code section up to the section's alignment. */
void asm_pad_sections(asm_state *a)
{
	int keep = a->cur;
	for (size_t i = 0; i < a->nsecs; i++) {
		asm_section *sec = &a->secs[i];
		a->cur = (int)i;
		if (sec->flags & SHF_EXECINSTR)
			asm_pad_code(a, (uint32_t)(-sec->size & (sec->align - 1)));
	}
	a->cur = keep;
}

void asm_emit_word(asm_state *a, uint32_t w)
{
	uint8_t b[4] = {(uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24)};
	asm_emit(a, b, 4);
}

void asm_reserve(asm_state *a, uint32_t n, uint8_t fill)
{
	asm_section *sec = &a->secs[a->cur];
	if (n == 0)
		return;
	if ((uint64_t)sec->size + n > ASM_MAX_SECTION) {
		asm_error(a, a->loc.text, "section %s would exceed %u MiB", sec->name,
			  ASM_MAX_SECTION >> 20);
		return;
	}
	if (fill && sec->type == SHT_NOBITS)
		asm_error(a, a->loc.text, "data in section %s, which has no contents", sec->name);
	if (a->pass == 2 && sec->type != SHT_NOBITS) {
		grow(sec, n);
		memset(sec->data + sec->size, fill, n);
	}
	sec->size += n;
}

void asm_add_reloc(asm_state *a, uint32_t offset, int type, int sym, int32_t addend)
{
	if (a->pass != 2)
		return;
	asm_sym *t = &a->syms[sym];
	if (!t->ref_file) {
		t->ref_file = a->loc.file;
		t->ref_line = a->loc.line;
	}
	if (t->section == ASM_SEC_UNDEF && !strncmp(t->name, ".L", 2)) {
		if (strchr(t->name, '\002'))
			asm_error(a, a->loc.text, "local label %.*s%c is not defined",
				  (int)(strchr(t->name, '\002') - t->name - 2), t->name + 2,
				  addend >= 0 ? 'f' : 'b');
		else
			asm_error(a, a->loc.text, "local symbol '%s' is not defined", t->name);
	}
	asm_section *sec = &a->secs[a->cur];
	if (sec->nrelocs == sec->crelocs) {
		sec->crelocs = sec->crelocs ? sec->crelocs * 2 : 16;
		sec->relocs = asm_xrealloc(sec->relocs, sec->crelocs * sizeof *sec->relocs);
	}
	sec->relocs[sec->nrelocs++] = (asm_reloc){offset, type, sym, addend};
	a->syms[sym].used_in_reloc = true;
}

int asm_new_label(asm_state *a)
{
	char name[32];
	snprintf(name, sizeof name, ".L0 \001%d", a->nlabels++);
	int s = asm_sym_get(a, name, strlen(name));
	asm_define_label(a, a->loc.text, s);
	return s;
}

uint32_t asm_fixed_size(asm_state *a, uint32_t want)
{
	if (a->pass == 0)
		return want;
	if (a->pass == 1) {
		if (a->nsizes == a->csizes) {
			a->csizes = a->csizes ? a->csizes * 2 : 256;
			a->sizes = asm_xrealloc(a->sizes, a->csizes * sizeof *a->sizes);
		}
		a->sizes[a->nsizes++] = want;
		return want;
	}
	return a->size_pos < a->nsizes ? a->sizes[a->size_pos++] : want;
}
