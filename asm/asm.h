/*
 * The Tessera assembler: shared state of one assembly run.
 *
 * A run reads every input file three times: pass 0 defines every label (sizes are
 * guesses where a label is not yet known), pass 1 fixes every size (all labels' sections
 * are known, so e.g. a branch to another section is known to need 8 bytes) and pass 2
 * emits bytes and relocations. The same code walks the source each pass; `pass` says how
 * much it may trust symbol values.
 */
#ifndef TESS_ASM_H
#define TESS_ASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* RISC-V ELF relocation numbers used here (psABI). */
enum {
	R_RV_32 = 1, R_RV_BRANCH = 16, R_RV_JAL = 17, R_RV_CALL = 18, R_RV_CALL_PLT = 19,
	R_RV_PCREL_HI20 = 23, R_RV_PCREL_LO12_I = 24, R_RV_PCREL_LO12_S = 25,
	R_RV_HI20 = 26, R_RV_LO12_I = 27, R_RV_LO12_S = 28,
};

/* No tile has more than 1 MiB of memory; sections stop well above that. */
#ifndef ASM_MAX_SECTION
#define ASM_MAX_SECTION (16u << 20)
#endif

#define ASM_SEC_UNDEF (-1)
#define ASM_SEC_ABS   (-2)

typedef struct {
	char *name;
	int section;        /* index, ASM_SEC_UNDEF or ASM_SEC_ABS */
	uint32_t value;     /* offset in its section, or the constant */
	uint32_t size;
	uint8_t type;       /* STT_* */
	bool global, weak, is_section, used_in_reloc, defined_this_pass;
	int def_pass;       /* last pass that defined it, -1 never */
	const char *ref_file;   /* first relocation against it, for messages */
	int ref_line;
	bool reported;          /* its "undefined" error has been given */
	int elf_index;      /* filled by the writer */
} asm_sym;

typedef struct {
	uint32_t offset;
	int type;
	int sym;            /* symbol index */
	int32_t addend;
} asm_reloc;

typedef struct {
	char *name;
	uint32_t type, flags;   /* SHT_*, SHF_* */
	uint8_t *data;          /* NULL for NOBITS */
	uint32_t size, cap, align;
	asm_reloc *relocs;
	size_t nrelocs, crelocs;
	int sym;                /* its section symbol */
} asm_section;

/* A value: constant v, plus the address of symbol sym when sym >= 0. */
typedef struct {
	int64_t v;
	int sym;
} asm_val;

/* Where a line came from, for messages. */
typedef struct {
	const char *file;
	int line;
	const char *text;       /* the line, without its newline */
	size_t len;
} asm_loc;

typedef struct asm_state {
	int pass;               /* 0, 1, 2 */
	asm_sym *syms;
	size_t nsyms, csyms;
	int *hash;              /* open addressing over syms, -1 empty */
	size_t hcap;
	asm_section *secs;
	size_t nsecs;
	int cur, prev;          /* current and previous (.previous) section */
	int *local_count;       /* per numeric label 0..local_max: definitions so far */
	size_t local_max;
	uint32_t *sizes;        /* per variable-size statement: size fixed in pass 1 */
	size_t nsizes, csizes, size_pos;
	int nlabels;            /* counter for generated .L0 labels */
	int errors;
	FILE *err;              /* where messages go */
	asm_loc loc;            /* current line */
	bool stop_file;         /* .end seen */
} asm_state;

/* assemble.c: the driver. */
/* realloc that ends the assembler with "out of memory" rather than return NULL. */
void *asm_xrealloc(void *p, size_t n);
asm_state *asm_new(FILE *err);
void asm_free(asm_state *a);
/* Assembles the sources (text, len, name) of n files. Returns the error count. */
int asm_run(asm_state *a, const char *const *texts, const size_t *lens,
	    const char *const *names, int n);
__attribute__((format(printf, 3, 4)))
void asm_error(asm_state *a, const char *at, const char *fmt, ...);

/* symtab.c: symbols and sections. */
int asm_sym_find(asm_state *a, const char *name, size_t len);
int asm_sym_get(asm_state *a, const char *name, size_t len);   /* creates if missing */
int asm_section_get(asm_state *a, const char *name, uint32_t type, uint32_t flags);
void asm_define_label(asm_state *a, const char *at, int sym);
void asm_emit(asm_state *a, const void *bytes, uint32_t n);
void asm_emit_word(asm_state *a, uint32_t w);
void asm_pad_code(asm_state *a, uint32_t n);     /* n bytes of GNU-style code padding */
void asm_pad_sections(asm_state *a);             /* each to its alignment, at the end */
void asm_reserve(asm_state *a, uint32_t n, uint8_t fill);
void asm_add_reloc(asm_state *a, uint32_t offset, int type, int sym, int32_t addend);
uint32_t asm_pc(const asm_state *a);
int asm_new_label(asm_state *a);          /* a .L0 label at the current pc */
/* Resolves a symbol to (section, value): follows defined symbols. */
bool asm_sym_resolved(const asm_state *a, int sym, int *sec, uint32_t *value);
/* A size for a variable-size statement: the pass-1 decision, remembered for pass 2. */
uint32_t asm_fixed_size(asm_state *a, uint32_t want);

/* lex.c: scanning a line. */
const char *asm_skip_ws(const char *p, const char *end);
bool asm_is_ident_start(int c);
bool asm_is_ident(int c);
size_t asm_ident_len(const char *p, const char *end);
/* Splits operands at top-level commas (not inside parentheses or quotes). */
int asm_split_operands(const char *p, const char *end, const char **ops,
		       const char **ends, int max);
const char *asm_trim_end(const char *p, const char *end);

/* expr.c: expressions. */
typedef enum { MOD_NONE, MOD_HI, MOD_LO, MOD_PCREL_HI, MOD_PCREL_LO } asm_modifier;
/* Parses a whole expression [p, end). Returns false (after an error) when bad. */
bool asm_expr(asm_state *a, const char *p, const char *end, asm_val *out);
/* An expression, optionally wrapped in %hi() etc.; *rest gets what follows it. */
bool asm_mod_expr(asm_state *a, const char *p, const char *end, asm_modifier *mod,
		  asm_val *out, const char **rest);
/* Parses a register name; -1 when it is not one. */
int asm_reg(const char *p, const char *end);
/* A value that must be a constant: false with an error if it is not (pass 2 only). */
bool asm_const(asm_state *a, const char *at, const asm_val *v, int64_t *out);

/* encode.c: table-driven instructions. Returns false when mn is not in the table. */
bool asm_insn(asm_state *a, const char *mn, size_t mnlen, const char *ops,
	      const char *end);
uint32_t asm_hi20(uint32_t v);
int asm_find_op(const char *mn, size_t len);     /* row of the table, or -1 */
/* Emits a pc-relative branch/jump word with target resolution (used by pseudos too). */
void asm_emit_branch(asm_state *a, const char *at, uint32_t word, bool is_jal,
		     const asm_val *target);
void asm_emit_itype(asm_state *a, const char *at, uint32_t word, asm_modifier mod,
		    const asm_val *v, bool store);

/* pseudo.c: pseudo-instructions. Returns false when mn is not one (for these operands). */
bool asm_pseudo(asm_state *a, const char *mn, size_t mnlen, const char *ops,
		const char *end);

/* directive.c: directives (mn starts with '.'). */
void asm_directive(asm_state *a, const char *mn, size_t mnlen, const char *ops,
		   const char *end);

/* elf_write.c: the object or executable. Returns false (message on a->err) on failure. */
bool asm_write_elf(asm_state *a, const char *path, bool exec);

#endif
