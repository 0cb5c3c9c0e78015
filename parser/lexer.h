/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_LEXER_H
#define VIGIL_PARSER_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "parser/source.h"

/*
 * The policy language is not context free at the token level: what a
 * word may contain depends on where it stands (a path swallows commas and
 * braces, a condition name stops at '='). So the lexer is a cursor and the
 * parser asks for the kind of word it expects.
 */
struct lexer {
	const struct source *src;
	const struct loc *included_from;
	const char *p, *end;
	const char *line_start;
	unsigned line;
	/*
	 * apparmor_parser's scanner knows no comments inside most keyword
	 * rules, flag lists and exec targets: there '#' is just a character.
	 */
	bool no_comments;
};

/*
 * apparmor_parser cannot hold a single token (word, string or comment)
 * longer than its 16 KiB scanner buffer and refuses such input; so do we.
 */
#define LEXER_MAX_TOKEN 16380

/* Word shapes the parser can ask for. */
enum word_kind {
	WORD_PATH, /* everything up to white space, minus one trailing ',' */
	WORD_ID,   /* stops at white space and , ( ) = { } */
	WORD_VALUE /* a condition value: like ID, but {a,b} may hold commas */
};

struct word {
	const char *text; /* NUL-terminated copy in the arena */
	size_t len;
	bool quoted;
	struct loc loc;
};

void lexer_init(struct lexer *lx, const struct source *src, const struct loc *included_from);

/* Skip white space and comments; "#include" is a directive, not a comment. */
void lexer_skip_blank(struct lexer *lx);
bool lexer_at_end(struct lexer *lx);
/* The next significant character, 0 at end of input. */
char lexer_peek(struct lexer *lx);
struct loc lexer_loc(const struct lexer *lx);
/* Consume the literal text s if it comes next (after blanks). */
bool lexer_accept(struct lexer *lx, const char *s);
/* Like lexer_accept, but s must not run on into a word character. */
bool lexer_accept_keyword(struct lexer *lx, const char *s);
/*
 * Read a word of the given shape, or a "quoted string" when one comes
 * next. Returns -EINVAL for an unterminated string, -ENODATA if no word
 * is there, -E2BIG for a token longer than LEXER_MAX_TOKEN.
 */
int lexer_word(struct lexer *lx, struct arena *a, enum word_kind kind, struct word *ret);
/* Read the rest of the line (for include directives). */
void lexer_rest_of_line(struct lexer *lx, const char **start, size_t *len);
/* Skip to the end of the line: used after a directive. */
void lexer_skip_line(struct lexer *lx);

bool lexer_is_space(char c);
/* At "@{NAME} =", "@{NAME} +=" or "${NAME} ="? */
bool lexer_is_assignment(const struct lexer *lx);

#endif
