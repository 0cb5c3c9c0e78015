// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <errno.h>
#include <string.h>

#include "parser/lexer.h"

void lexer_init(struct lexer *lx, const struct source *src, const struct loc *included_from)
{
	lx->src = src;
	lx->included_from = included_from;
	lx->p = src->data;
	lx->end = src->data + src->len;
	lx->line_start = src->data;
	lx->line = 1;
	lx->no_comments = false;
}

bool lexer_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void advance(struct lexer *lx)
{
	if (*lx->p == '\n') {
		lx->line++;
		lx->line_start = lx->p + 1;
	}
	lx->p++;
}

static bool directive_follows(const struct lexer *lx)
{
	static const char kw[] = "#include";
	size_t n = sizeof(kw) - 1;

	/* "#includes" is no comment either: apparmor_parser refuses it */
	return (size_t)(lx->end - lx->p) >= n && memcmp(lx->p, kw, n) == 0;
}

void lexer_skip_blank(struct lexer *lx)
{
	while (lx->p < lx->end) {
		if (lexer_is_space(*lx->p)) {
			advance(lx);
		} else if (*lx->p == '#' && !lx->no_comments && !directive_follows(lx)) {
			const char *start = lx->p;

			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
			/*
			 * Leave an over-long comment, or one that the end of the
			 * file cuts off before its newline, unskipped: it then
			 * fails as a token, as in apparmor_parser.
			 */
			if (lx->p - start > LEXER_MAX_TOKEN || lx->p >= lx->end) {
				lx->p = start;
				break;
			}
		} else {
			break;
		}
	}
}

bool lexer_at_end(struct lexer *lx)
{
	lexer_skip_blank(lx);
	return lx->p >= lx->end;
}

char lexer_peek(struct lexer *lx)
{
	lexer_skip_blank(lx);
	return lx->p < lx->end ? *lx->p : '\0';
}

struct loc lexer_loc(const struct lexer *lx)
{
	return (struct loc){
	    .src = lx->src,
	    .included_from = lx->included_from,
	    .line = lx->line,
	    .col = (unsigned)(lx->p - lx->line_start) + 1,
	};
}

bool lexer_accept(struct lexer *lx, const char *s)
{
	size_t n = strlen(s);

	lexer_skip_blank(lx);
	if ((size_t)(lx->end - lx->p) < n || memcmp(lx->p, s, n) != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		advance(lx);
	return true;
}

static bool is_word_stop(char c)
{
	return lexer_is_space(c) || c == ',' || c == '(' || c == ')' || c == '=' || c == '{' ||
	       c == '}' || c == '\0';
}

bool lexer_accept_keyword(struct lexer *lx, const char *s)
{
	size_t n = strlen(s);

	lexer_skip_blank(lx);
	if ((size_t)(lx->end - lx->p) < n || memcmp(lx->p, s, n) != 0)
		return false;
	if (lx->p + n < lx->end && !is_word_stop(lx->p[n]))
		return false;
	for (size_t i = 0; i < n; i++)
		advance(lx);
	return true;
}

static int read_quoted(struct lexer *lx, struct arena *a, struct word *ret)
{
	const char *start;
	char *out, *o;

	advance(lx); /* opening quote */
	start = lx->p;
	while (lx->p < lx->end && *lx->p != '"') {
		if (*lx->p == '\\' && lx->p + 1 < lx->end)
			advance(lx);
		advance(lx);
	}
	if (lx->p >= lx->end)
		return -EINVAL;
	if (lx->p - start > LEXER_MAX_TOKEN)
		return -E2BIG;
	/* Keep escapes other than \" as written: they mean something to AARE. */
	out = o = arena_alloc(a, (size_t)(lx->p - start) + 1);
	for (const char *q = start; q < lx->p; q++) {
		if (*q == '\\' && q + 1 < lx->p && q[1] == '"')
			q++;
		*o++ = *q;
	}
	*o = '\0';
	advance(lx); /* closing quote */
	ret->text = out;
	ret->len = (size_t)(o - out);
	ret->quoted = true;
	return 0;
}

/*
 * Does the '{' at p have its '}' before the word ends? Only then do commas
 * inside it belong to the word; an unclosed '{' is an ordinary character.
 */
static bool closes_before_blank(const char *p, const char *end)
{
	unsigned depth = 0;

	for (; p < end && !lexer_is_space(*p); p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return true;
	}
	return false;
}

int lexer_word(struct lexer *lx, struct arena *a, enum word_kind kind, struct word *ret)
{
	const char *start;
	unsigned depth = 0;

	lexer_skip_blank(lx);
	ret->loc = lexer_loc(lx);
	ret->quoted = false;
	if (lx->p >= lx->end)
		return -ENODATA;
	if (*lx->p == '"')
		return read_quoted(lx, a, ret);

	start = lx->p;
	while (lx->p < lx->end) {
		char c = *lx->p;

		/* a NUL byte is just another character inside a path */
		if (lexer_is_space(c) || (c == '\0' && kind != WORD_PATH))
			break;
		/* a quote cannot start in the middle of a word */
		if (c == '"')
			break;
		if (kind == WORD_PATH) {
			/*
			 * A backslash right before a blank always escapes it, even
			 * after another backslash: "\\\\ " does not end the word (flex takes
			 * the longest match).
			 */
			if (c == '\\' && lx->p + 1 < lx->end &&
			    (lx->p[1] == ' ' || lx->p[1] == '\t'))
				lx->p++;
			lx->p++;
			continue;
		}
		if (c == '\\' && lx->p + 1 < lx->end && !lexer_is_space(lx->p[1])) {
			lx->p += 2;
			continue;
		}
		if (kind == WORD_VALUE && c == '{') {
			/* an unclosed '{' is an ordinary character */
			if (closes_before_blank(lx->p, lx->end))
				depth++;
		} else if (kind == WORD_VALUE && c == '}' && depth > 0) {
			depth--;
		} else if (kind == WORD_VALUE && c == ',' && depth > 0) {
			/* part of an alternation */
		} else if (is_word_stop(c)) {
			break;
		}
		lx->p++;
	}
	/* Trailing commas end the rule, they are not part of the path. */
	while (kind == WORD_PATH && lx->p > start + 1 && lx->p[-1] == ',')
		lx->p--;
	if (lx->p == start)
		return -ENODATA;
	if (lx->p - start > LEXER_MAX_TOKEN)
		return -E2BIG;
	ret->text = arena_strndup(a, start, (size_t)(lx->p - start));
	ret->len = (size_t)(lx->p - start);
	return 0;
}

void lexer_rest_of_line(struct lexer *lx, const char **start, size_t *len)
{
	*start = lx->p;
	while (lx->p < lx->end && *lx->p != '\n')
		lx->p++;
	*len = (size_t)(lx->p - *start);
}

void lexer_skip_line(struct lexer *lx)
{
	while (lx->p < lx->end && *lx->p != '\n')
		lx->p++;
}

bool lexer_is_assignment(const struct lexer *lx)
{
	const char *p = lx->p + 2;

	while (p < lx->end && *p != '}' && *p != '\n')
		p++;
	if (p >= lx->end || *p != '}')
		return false;
	p++;
	/* the '=' may even start the next line */
	while (p < lx->end && lexer_is_space(*p))
		p++;
	return p < lx->end && (*p == '=' || (*p == '+' && p + 1 < lx->end && p[1] == '='));
}
