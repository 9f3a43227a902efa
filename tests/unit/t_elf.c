/*
 * The ELF loader's refusals (issue 2): a corpus of broken files made here at run time
 * from a good hand-written ELF (and from a gcc-built one, TESS_SEED_ELF), each refused
 * by elf_image_load with "PATH: reason" and by `tessera run` (TESSERA) with exit 125
 * and the same reason on stderr; then a seeded random-corruption loop that must never
 * crash (under SAN=1 it also checks memory errors).
 *
 * Environment: UT_CORPUS_DIR (where the files go, default /tmp), TESSERA (the binary;
 * the CLI checks are skipped without it), TESS_SEED_ELF, UT_FUZZ_N (default 3000).
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "elf_load.h"
#include "engine.h"
#include "mesh.h"
#include "../rng.h"
#include "ut.h"

#define MEM 65536u

/* ---- a good executable, written byte by byte ---- */

enum { TEXT_OFF = 0x100, DATA_OFF = 0x110, SYM_OFF = 0x118, STR_OFF = 0x138, SHS_OFF = 0x140,
       SH_OFF = 0x170, NSECT = 6, GOOD_LEN = SH_OFF + NSECT * 40 };

typedef struct {
	uint8_t b[4096];
	size_t len;
} elf_buf;

static Elf32_Ehdr *eh(elf_buf *e) { return (Elf32_Ehdr *)e->b; }
static Elf32_Phdr *ph(elf_buf *e, int i) { return (Elf32_Phdr *)(e->b + 52 + 32 * i); }

static void put_shdr(elf_buf *e, int i, uint32_t name, uint32_t type, uint32_t flags,
		     uint32_t addr, uint32_t off, uint32_t size, uint32_t link, uint32_t info,
		     uint32_t entsize)
{
	Elf32_Shdr s = {name, type, flags, addr, off, size, link, info, 4, entsize};
	memcpy(e->b + SH_OFF + 40 * i, &s, sizeof s);
}

/* _start: addi a0,x0,42; addi a7,x0,93; ecall; nop. .data 8 bytes, .bss 24. */
static void good_elf(elf_buf *e)
{
	memset(e, 0, sizeof *e);
	Elf32_Ehdr h = {{ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS32, ELFDATA2LSB, EV_CURRENT},
			ET_EXEC, EM_RISCV, EV_CURRENT, 0, 52, SH_OFF, 0, 52, 32, 2, 40, NSECT, 5};
	memcpy(e->b, &h, sizeof h);
	Elf32_Phdr text = {PT_LOAD, TEXT_OFF, 0, 0, 16, 16, PF_R | PF_X, 4};
	Elf32_Phdr data = {PT_LOAD, DATA_OFF, 0x1000, 0x1000, 8, 0x20, PF_R | PF_W, 4};
	memcpy(ph(e, 0), &text, sizeof text);
	memcpy(ph(e, 1), &data, sizeof data);
	uint32_t code[4] = {ut_enc(OP_ADDI, 10, 0, 0, 42), ut_enc(OP_ADDI, 17, 0, 0, 93),
			    ut_enc(OP_ECALL, 0, 0, 0, 0), ut_enc(OP_ADDI, 0, 0, 0, 0)};
	memcpy(e->b + TEXT_OFF, code, sizeof code);
	memcpy(e->b + DATA_OFF, "TESSERA!", 8);
	Elf32_Sym sym = {1, 0, 16, ELF32_ST_INFO(STB_GLOBAL, STT_FUNC), 0, 1};
	memcpy(e->b + SYM_OFF + 16, &sym, sizeof sym);
	memcpy(e->b + STR_OFF, "\0_start", 8);
	static const char shs[] = "\0.text\0.data\0.symtab\0.strtab\0.shstrtab";
	memcpy(e->b + SHS_OFF, shs, sizeof shs);
	put_shdr(e, 1, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0, TEXT_OFF, 16, 0, 0, 0);
	put_shdr(e, 2, 7, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 0x1000, DATA_OFF, 8, 0, 0, 0);
	put_shdr(e, 3, 13, SHT_SYMTAB, 0, 0, SYM_OFF, 32, 4, 1, 16);
	put_shdr(e, 4, 21, SHT_STRTAB, 0, 0, STR_OFF, 8, 0, 0, 0);
	put_shdr(e, 5, 29, SHT_STRTAB, 0, 0, SHS_OFF, sizeof shs, 0, 0, 0);
	e->len = GOOD_LEN;
}

/* ---- files ---- */

static void corpus_path(char *out, size_t n, const char *name)
{
	const char *dir = getenv("UT_CORPUS_DIR");
	snprintf(out, n, "%s/%s", dir && *dir ? dir : "/tmp", name);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Does text contain one of the '|'-separated keywords? */
static bool has_keyword(const char *text, const char *keys)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", keys);
	for (char *k = strtok(buf, "|"); k; k = strtok(NULL, "|"))
		if (strstr(text, k))
			return true;
	return false;
}

/* elf_image_load refuses path with "PATH: ..." and a keyword. */
static void expect_refused(const char *path, const char *keys)
{
	char err[512] = "";
	elf_image *img = elf_image_load(path, MEM, err, sizeof err);
	if (img)
		elf_image_free(img);
	ck_assert_msg(img == NULL, "%s was accepted (want: %s)", path, keys);
	size_t pl = strlen(path);
	ck_assert_msg(!strncmp(err, path, pl) && !strncmp(err + pl, ": ", 2),
		      "message does not start with the path: '%s'", err);
	ck_assert_msg(has_keyword(err + pl, keys), "message '%s' lacks '%s'", err, keys);
}

/* `$TESSERA run PATH` exits 125 with the path and a keyword on stderr. */
static void expect_cli_refuses(const char *path, const char *keys)
{
	const char *bin = getenv("TESSERA");
	if (!bin || !*bin)
		return;
	char errpath[600], cmd[2000];
	snprintf(errpath, sizeof errpath, "%s.stderr", path);
	snprintf(cmd, sizeof cmd, "'%s' run '%s' >/dev/null 2>'%s'", bin, path, errpath);
	int st = system(cmd);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 125, "tessera run %s: status %d", path,
		      WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	char text[2048] = "";
	FILE *f = fopen(errpath, "r");
	ck_assert_ptr_nonnull(f);
	size_t n = fread(text, 1, sizeof text - 1, f);
	text[n] = 0;
	fclose(f);
	unlink(errpath);
	ck_assert_msg(strstr(text, path), "stderr does not name %s: %s", path, text);
	ck_assert_msg(has_keyword(text, keys), "stderr '%s' lacks '%s'", text, keys);
}

/* ---- the good file loads and runs ---- */

static int run_image(const elf_image *img, uint64_t max_cycles, uint32_t *value)
{
	mesh_config mc;
	mesh_config_default(&mc);
	mc.quiet = true;
	mc.max_cycles = max_cycles;
	mesh_t *m = mesh_new(&mc);
	ck_assert_ptr_nonnull(m);
	tile_t *t = mesh_tile(m, 0);
	ck_assert_ptr_nonnull(t);
	elf_image_place(img, t);
	tile_start(t, img->entry, 0);
	t->preloaded = true;
	mesh_activate(m, t);
	engine_run(m);
	int cause = t->state == TS_HALTED ? (int)t->cause : -1;
	if (value)
		*value = t->halt_value;
	mesh_free(m);
	return cause;
}

START_TEST(good_loads)
{
	elf_buf e;
	good_elf(&e);
	char path[512], err[512] = "";
	corpus_path(path, sizeof path, "good.elf");
	write_file(path, e.b, e.len);
	elf_image *img = elf_image_load(path, MEM, err, sizeof err);
	ck_assert_msg(img != NULL, "good ELF refused: %s", err);
	ck_assert_uint_eq(img->entry, 0);
	ck_assert_uint_eq(img->nsegs, 2);
	ck_assert_uint_eq(img->segs[1].addr, 0x1000);
	ck_assert_uint_eq(img->segs[1].memsz, 0x20);
	ck_assert_int_eq(memcmp(img->segs[1].data, "TESSERA!", 8), 0);
	const elf_symbol *s = elf_symbol_at(img, 8);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->name, "_start");
	uint32_t v = 0;
	ck_assert_int_eq(run_image(img, 1000, &v), CAUSE_EXIT);
	ck_assert_uint_eq(v, 42);
	elf_image_free(img);
}
END_TEST

START_TEST(seed_loads)
{
	const char *seed = getenv("TESS_SEED_ELF");
	if (!seed || !*seed)
		return;
	char err[512] = "";
	elf_image *img = elf_image_load(seed, MEM, err, sizeof err);
	ck_assert_msg(img != NULL, "seed ELF refused: %s", err);
	uint32_t v = 1;
	ck_assert_int_eq(run_image(img, 100000, &v), CAUSE_EXIT);
	ck_assert_uint_eq(v, 0);
	elf_image_free(img);
}
END_TEST

/* ---- the corpus: one row per way of being broken ---- */

typedef struct {
	const char *name;
	void (*mutate)(elf_buf *e);
	const char *keys;
} bad_row;

static void m_class64(elf_buf *e) { e->b[EI_CLASS] = ELFCLASS64; }
static void m_class0(elf_buf *e) { e->b[EI_CLASS] = ELFCLASSNONE; }
static void m_bigendian(elf_buf *e) { e->b[EI_DATA] = ELFDATA2MSB; }
static void m_data0(elf_buf *e) { e->b[EI_DATA] = ELFDATANONE; }
static void m_x86(elf_buf *e) { eh(e)->e_machine = EM_386; }
static void m_arm(elf_buf *e) { eh(e)->e_machine = EM_ARM; }
static void m_machine0(elf_buf *e) { eh(e)->e_machine = EM_NONE; }
static void m_dyn(elf_buf *e) { eh(e)->e_type = ET_DYN; }
static void m_rel(elf_buf *e) { eh(e)->e_type = ET_REL; }
static void m_core(elf_buf *e) { eh(e)->e_type = ET_CORE; }
static void m_rvc(elf_buf *e) { eh(e)->e_flags |= 0x1; }
static void m_single(elf_buf *e) { eh(e)->e_flags |= 0x2; }
static void m_double(elf_buf *e) { eh(e)->e_flags |= 0x4; }
static void m_quad(elf_buf *e) { eh(e)->e_flags |= 0x6; }
static void m_rve(elf_buf *e) { eh(e)->e_flags |= 0x8; }
static void m_magic(elf_buf *e) { e->b[3] = 'G'; }
static void m_outside(elf_buf *e) { ph(e, 1)->p_vaddr = MEM; }
static void m_far(elf_buf *e) { ph(e, 1)->p_vaddr = 0x80000000; }
static void m_wrap(elf_buf *e) { ph(e, 1)->p_vaddr = 0xfffffff0; }
static void m_overflow(elf_buf *e) { ph(e, 1)->p_vaddr = MEM - 0x10; }
static void m_huge(elf_buf *e) { ph(e, 1)->p_memsz = 0xffffffff; }
static void m_filesz(elf_buf *e) { ph(e, 1)->p_filesz = 0x30; }
static void m_overlap(elf_buf *e) { ph(e, 1)->p_vaddr = 8; }
static void m_same(elf_buf *e) { ph(e, 1)->p_vaddr = 0; }
static void m_contains(elf_buf *e) { ph(e, 0)->p_vaddr = 0x1008; ph(e, 0)->p_memsz = 8;
				     ph(e, 0)->p_filesz = 8; eh(e)->e_entry = 0x1008; }
static void m_entry_out(elf_buf *e) { eh(e)->e_entry = 0x2000; }
static void m_entry_end(elf_buf *e) { eh(e)->e_entry = 16; }
static void m_entry_mis(elf_buf *e) { eh(e)->e_entry = 2; }
static void m_entry_high(elf_buf *e) { eh(e)->e_entry = 0xfffffffc; }
static void m_noload(elf_buf *e) { ph(e, 0)->p_type = PT_NOTE; ph(e, 1)->p_type = PT_NULL; }
static void m_nophdr(elf_buf *e) { eh(e)->e_phnum = 0; eh(e)->e_phoff = 0; }
static void m_empty_segs(elf_buf *e) { ph(e, 0)->p_memsz = 0; ph(e, 0)->p_filesz = 0;
				       ph(e, 1)->p_memsz = 0; ph(e, 1)->p_filesz = 0; }
static void m_seg_off(elf_buf *e) { ph(e, 0)->p_offset = 0x100000; }
static void m_seg_long(elf_buf *e) { ph(e, 0)->p_filesz = 0x1000; ph(e, 0)->p_memsz = 0x1000; }
static void m_seg_offwrap(elf_buf *e) { ph(e, 0)->p_offset = 0xfffffff8; }
static void m_phoff(elf_buf *e) { eh(e)->e_phoff = 0x100000; }
static void m_phoff_end(elf_buf *e) { eh(e)->e_phoff = GOOD_LEN - 40; }
static void m_phnum(elf_buf *e) { eh(e)->e_phnum = 0xfff0; }
static void m_phentsize(elf_buf *e) { eh(e)->e_phentsize = 16; }
static void m_empty(elf_buf *e) { e->len = 0; }
static void m_text(elf_buf *e) { memcpy(e->b, "hello, world\n", 13); e->len = 13; }
static void m_ehdr_only(elf_buf *e) { e->len = 52; }
static void m_ident_only(elf_buf *e) { e->len = EI_NIDENT; }

#define TRUNC "truncated|corrupt|not an ELF|cannot read"
static const bad_row bad_rows[] = {
	{"class64", m_class64, "32-bit"}, {"class0", m_class0, "32-bit|not an ELF"},
	{"bigendian", m_bigendian, "little-endian"}, {"data0", m_data0, "little-endian|not an ELF"},
	{"x86", m_x86, "RISC-V"}, {"arm", m_arm, "RISC-V"}, {"machine0", m_machine0, "RISC-V"},
	{"dyn", m_dyn, "executable"}, {"rel", m_rel, "executable"}, {"core", m_core, "executable"},
	{"rvc", m_rvc, "compressed"}, {"float-single", m_single, "floating-point"},
	{"float-double", m_double, "floating-point"}, {"float-quad", m_quad, "floating-point"},
	{"rve", m_rve, "RV32E"}, {"magic", m_magic, "not an ELF"},
	{"seg-outside", m_outside, "outside"}, {"seg-far", m_far, "outside"},
	{"seg-wrap", m_wrap, "outside"}, {"seg-overflow", m_overflow, "outside"},
	{"seg-huge", m_huge, "outside"}, {"filesz-gt-memsz", m_filesz, "exceeds"},
	{"overlap", m_overlap, "overlaps"}, {"overlap-same", m_same, "overlaps"},
	{"overlap-inside", m_contains, "overlaps"},
	{"entry-outside", m_entry_out, "entry"}, {"entry-end", m_entry_end, "entry"},
	{"entry-misaligned", m_entry_mis, "aligned"}, {"entry-high", m_entry_high, "entry"},
	{"no-pt-load", m_noload, "no loadable"}, {"no-phdr", m_nophdr, "no loadable"},
	{"empty-segments", m_empty_segs, "no loadable"},
	{"seg-offset", m_seg_off, "truncated"}, {"seg-long", m_seg_long, "truncated"},
	{"seg-offset-wrap", m_seg_offwrap, "truncated"},
	{"phoff", m_phoff, TRUNC}, {"phoff-end", m_phoff_end, TRUNC}, {"phnum", m_phnum, TRUNC},
	{"phentsize", m_phentsize, TRUNC},
	{"empty", m_empty, "not an ELF"}, {"text", m_text, "not an ELF"},
	{"ehdr-only", m_ehdr_only, TRUNC "|no loadable"}, {"ident-only", m_ident_only, TRUNC},
};

START_TEST(refused)
{
	const bad_row *w = &bad_rows[_i];
	elf_buf e;
	good_elf(&e);
	w->mutate(&e);
	char name[128], path[512];
	snprintf(name, sizeof name, "bad-%s.elf", w->name);
	corpus_path(path, sizeof path, name);
	write_file(path, e.b, e.len);
	expect_refused(path, w->keys);
	expect_cli_refuses(path, w->keys);
}
END_TEST

/* A directory and a path that does not exist. */
START_TEST(not_files)
{
	char dir[512], missing[512];
	corpus_path(dir, sizeof dir, "a-directory.elf");
	mkdir(dir, 0755);
	expect_refused(dir, "not a regular file");
	expect_cli_refuses(dir, "not a regular file");
	corpus_path(missing, sizeof missing, "does-not-exist.elf");
	unlink(missing);
	expect_refused(missing, "cannot open");
	expect_cli_refuses(missing, "cannot open");
}
END_TEST

/* The good file cut at every length from 0 to its size minus one. */
START_TEST(truncated_everywhere)
{
	elf_buf e;
	good_elf(&e);
	char path[512];
	corpus_path(path, sizeof path, "bad-truncated.elf");
	for (size_t len = 0; len < e.len; len++) {
		write_file(path, e.b, len);
		char err[512] = "";
		elf_image *img = elf_image_load(path, MEM, err, sizeof err);
		if (img)
			elf_image_free(img);
		ck_assert_msg(img == NULL, "cut at %zu of %zu bytes: accepted", len, e.len);
		ck_assert_msg(has_keyword(err, TRUNC "|no loadable"), "cut at %zu: '%s'", len, err);
		if (len % 61 == 0)
			expect_cli_refuses(path, TRUNC "|no loadable");
	}
}
END_TEST

/* ---- random corruption: never a crash ---- */

static uint64_t rng_state;
static uint32_t rng(void) { return rng_next(&rng_state); }

static const uint32_t edge32[] = {0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0xffff, 0x10000, MEM - 4,
				  MEM, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff};

static void mutate_random(elf_buf *e)
{
	int n = 1 + (int)(rng() % 4);
	for (int k = 0; k < n && e->len; k++) {
		uint32_t r = rng() % 6, v;
		size_t at = rng() % e->len, hdr = e->len < 0x120 ? e->len : 0x120;
		switch (r) {
		case 0: e->b[at] = (uint8_t)rng(); break;
		case 1: e->b[at] ^= (uint8_t)(1u << (rng() % 8)); break;
		case 2:                           /* a header field gets an edge value */
			at = (rng() % hdr) & ~3u;
			v = edge32[rng() % NROWS(edge32)];
			if (at + 4 <= e->len)
				memcpy(e->b + at, &v, 4);
			break;
		case 3:                           /* a 16-bit header field */
			at = (rng() % hdr) & ~1u;
			v = edge32[rng() % NROWS(edge32)];
			if (at + 2 <= e->len)
				memcpy(e->b + at, &v, 2);
			break;
		case 4: e->len = at; break;
		default:                          /* garbage appended */
			while (e->len < sizeof e->b - 1 && rng() % 16)
				e->b[e->len++] = (uint8_t)rng();
		}
	}
}

static bool read_seed(elf_buf *e)
{
	const char *seed = getenv("TESS_SEED_ELF");
	FILE *f = seed && *seed ? fopen(seed, "rb") : NULL;
	if (!f)
		return false;
	e->len = fread(e->b, 1, sizeof e->b, f);
	bool whole = fgetc(f) == EOF;
	fclose(f);
	return whole && e->len > 0;
}

/* An accepted image must respect what the loader promises, and run without a crash. */
static void check_accepted(const elf_image *img)
{
	ck_assert_uint_eq(img->entry & 3, 0);
	bool inside = false;
	for (size_t i = 0; i < img->nsegs; i++) {
		const elf_segment *s = &img->segs[i];
		ck_assert_uint_le(s->filesz, s->memsz);
		ck_assert_uint_le((uint64_t)s->addr + s->memsz, MEM);
		inside |= img->entry >= s->addr && img->entry - s->addr < s->memsz;
	}
	ck_assert(inside);
	run_image(img, 2000, NULL);
}

START_TEST(random_corruption)
{
	const char *ns = getenv("UT_FUZZ_N");
	long n = ns && *ns ? strtol(ns, NULL, 10) : 3000;
	elf_buf good, seed;
	good_elf(&good);
	bool have_seed = read_seed(&seed);
	char path[512];
	corpus_path(path, sizeof path, "fuzz.elf");
	rng_state = 0x7e55e7a2025ull;
	long accepted = 0;
	for (long i = 0; i < n; i++) {
		elf_buf e = (have_seed && (i & 1)) ? seed : good;
		mutate_random(&e);
		write_file(path, e.b, e.len);
		char err[512] = "";
		elf_image *img = elf_image_load(path, MEM, err, sizeof err);
		if (!img) {
			ck_assert_msg(!strncmp(err, path, strlen(path)) && strlen(err) > strlen(path) + 2,
				      "mutation %ld: bad message '%s'", i, err);
			continue;
		}
		accepted++;
		check_accepted(img);
		elf_image_free(img);
	}
	unlink(path);
	ck_assert_int_lt(accepted, n);   /* the mutations do break files */
}
END_TEST

Suite *suite_elf(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("elf");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, good_loads);
	tcase_add_test(tc, seed_loads);
	tcase_add_loop_test(tc, refused, 0, NROWS(bad_rows));
	tcase_add_test(tc, not_files);
	tcase_add_test(tc, truncated_everywhere);
	tcase_add_test(tc, random_corruption);
	suite_add_tcase(s, tc);
	return s;
}
