# The assembler and disassembler (tessera as, tessera objdump): see asm/README.md.
ASM_SRCS := asm/lex.c asm/expr.c asm/symtab.c asm/encode.c asm/pseudo.c asm/directive.c \
	asm/assemble.c asm/elf_write.c asm/objdump.c
TOOL_SRCS += $(ASM_SRCS) asm/cli.c

-include tests/asm/module.mk
