/* Scanning a source line: blanks, identifiers, operand lists. */
#include "asm.h"

#include <ctype.h>

const char *asm_skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v'))
		p++;
	return p;
}

const char *asm_trim_end(const char *p, const char *end)
{
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	return end;
}

bool asm_is_ident_start(int c)
{
	return isalpha(c) || c == '_' || c == '.' || c == '$';
}

bool asm_is_ident(int c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '$';
}

size_t asm_ident_len(const char *p, const char *end)
{
	const char *q = p;
	if (q < end && asm_is_ident_start((unsigned char)*q))
		while (q < end && asm_is_ident((unsigned char)*q))
			q++;
	return (size_t)(q - p);
}

/* Skips a quoted string or character starting at p (which is the quote). */
static const char *skip_quoted(const char *p, const char *end)
{
	char q = *p++;
	while (p < end && *p != q) {
		if (*p == '\\' && p + 1 < end)
			p++;
		p++;
	}
	return p < end ? p + 1 : end;
}

int asm_split_operands(const char *p, const char *end, const char **ops,
		       const char **ends, int max)
{
	p = asm_skip_ws(p, end);
	end = asm_trim_end(p, end);
	if (p == end)
		return 0;
	int n = 0, depth = 0;
	const char *start = p;
	while (p < end) {
		if (*p == '"') {
			p = skip_quoted(p, end);
			continue;
		}
		if (*p == '\'') {      /* character constant 'c or 'c' */
			p += p + 2 < end && p[1] == '\\' ? 3 : 2;
			if (p < end && *p == '\'')
				p++;
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == ',' && depth <= 0) {
			if (n < max) {
				ops[n] = asm_skip_ws(start, p);
				ends[n] = asm_trim_end(ops[n], p);
			}
			n++;
			start = p + 1;
		}
		p++;
	}
	if (n < max) {
		ops[n] = asm_skip_ws(start, end);
		ends[n] = asm_trim_end(ops[n], end);
	}
	return n + 1;
}
