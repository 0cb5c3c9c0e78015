// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parser/preprocess.h"

#define PREPROCESS_MAX_DEPTH  64
#define PREPROCESS_MAX_SCOPES 64

/*
 * The layout follows apparmor_parser -p, which echoes its input as it
 * lexes it:
 *  - an include directive becomes what precedes it, a blank, an empty
 *    line, "##included <name>", the file, then the rest of the line;
 *  - a file already included in the same block (top level, or one
 *    profile or hat body) becomes "##skipped duplicate include <name>";
 *  - the line ending of a variable assignment is written twice;
 *  - an included directory contributes its files in reverse name order.
 */
struct scope {
	char **paths;
	size_t n, cap;
};

struct pp {
	struct source_cache *c;
	FILE *out;
	struct scope scopes[PREPROCESS_MAX_SCOPES];
	size_t depth;		/* scopes[depth] is the innermost block */
	size_t overflow;	/* blocks opened beyond PREPROCESS_MAX_SCOPES */
	const struct loc *stop; /* write no further than the word here */
};

static bool scope_has(const struct scope *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->paths[i], path) == 0)
			return true;
	return false;
}

static void scope_add(struct pp *pp, const char *path)
{
	struct scope *s = &pp->scopes[pp->depth];

	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 16;
		char **bigger = arena_alloc(pp->c->arena, ncap * sizeof(*bigger));

		if (s->n)
			memcpy(bigger, s->paths, s->n * sizeof(*bigger));
		s->paths = bigger;
		s->cap = ncap;
	}
	s->paths[s->n++] = arena_strdup(pp->c->arena, path);
}

/* Seen in this block already? If not, it is from now on. */
static bool scope_seen(struct pp *pp, const char *path)
{
	if (scope_has(&pp->scopes[pp->depth], path))
		return true;
	scope_add(pp, path);
	return false;
}

static void block_open(struct pp *pp)
{
	if (pp->depth + 1 >= PREPROCESS_MAX_SCOPES) {
		pp->overflow++;
		return;
	}
	pp->depth++;
	pp->scopes[pp->depth].n = 0;
}

static void block_close(struct pp *pp)
{
	if (pp->overflow)
		pp->overflow--;
	else if (pp->depth)
		pp->depth--;
}

static int emit_source(struct pp *pp, const struct source *src, unsigned depth);

static int emit_file(struct pp *pp, const char *path, unsigned depth)
{
	struct source *src;
	int r = source_load_file(pp->c, path, &src);

	if (r < 0)
		return r;
	return emit_source(pp, src, depth + 1);
}

static int compare_names_desc(const void *a, const void *b)
{
	return strcmp(*(const char *const *)b, *(const char *const *)a);
}

static int emit_directory(struct pp *pp, const char *dir, unsigned depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int r = 0;

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			char **bigger = arena_alloc(pp->c->arena, ncap * sizeof(*bigger));

			if (n)
				memcpy(bigger, names, n * sizeof(*bigger));
			names = bigger;
			cap = ncap;
		}
		names[n++] = arena_strdup(pp->c->arena, de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), compare_names_desc);
	/* the notes come out in name order, before any file is read */
	for (size_t i = n; i-- > 0;)
		if (source_dir_entry_skip(names[i]) == SOURCE_SKIP_NOTE)
			fprintf(stderr, "Ignoring: '%s/%s'\n", dir, names[i]);
	for (size_t i = 0; i < n && r >= 0; i++) {
		char *path;
		struct stat st;

		if (source_dir_entry_skip(names[i]) != SOURCE_DIR_USE)
			continue;
		path = arena_printf(pp->c->arena, "%s/%s", dir, names[i]);
		if (stat(path, &st) < 0)
			return -errno;
		if (!S_ISREG(st.st_mode) || scope_seen(pp, path))
			continue;
		r = emit_file(pp, path, depth);
	}
	return r;
}

static void skip_blanks(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
}

/* If line is an include directive, inline it and return 1. */
static int try_include(struct pp *pp, const char *line, size_t len, unsigned depth)
{
	const char *p = line, *end = line + len, *directive, *rest;
	bool if_exists = false, magic = false;
	char name[4096];
	size_t n;
	char *path;
	struct stat st;
	int r;

	skip_blanks(&p, end);
	directive = p;
	if ((size_t)(end - p) >= 9 && memcmp(p, "#include", 8) == 0 &&
	    (p[8] == ' ' || p[8] == '\t' || p[8] == '<' || p[8] == '"'))
		p += 8;
	else if ((size_t)(end - p) >= 8 && memcmp(p, "include", 7) == 0 &&
		 (p[7] == ' ' || p[7] == '\t'))
		p += 7;
	else
		return 0;
	skip_blanks(&p, end);
	if ((size_t)(end - p) > 10 && memcmp(p, "if exists", 9) == 0) {
		if_exists = true;
		p += 9;
		skip_blanks(&p, end);
	}
	if (p < end && (*p == '<' || *p == '"')) {
		char close = *p == '<' ? '>' : '"';
		const char *q = memchr(p + 1, close, (size_t)(end - p - 1));

		if (!q)
			return 0;
		magic = *p == '<';
		n = (size_t)(q - p - 1);
		p++;
		rest = q + 1;
	} else {
		const char *q = p;

		while (q < end && *q != ' ' && *q != '\t' && *q != '\r')
			q++;
		n = (size_t)(q - p);
		rest = q;
	}
	if (n == 0 || n >= sizeof(name))
		return 0;
	memcpy(name, p, n);
	name[n] = '\0';
	fwrite(line, 1, (size_t)(directive - line), pp->out);
	if (source_resolve_include(pp->c, name, magic, &path) < 0) {
		fprintf(pp->out, " \n\n##included %s%s%s\n", magic ? "<" : "\"", name,
			magic ? ">" : "\"");
		if (!if_exists)
			return -ENOENT;
	} else if (scope_seen(pp, path)) {
		fprintf(pp->out, " \n\n##skipped duplicate include <%s>\n", name);
	} else {
		fprintf(pp->out, " \n\n##included %s%s%s\n", magic ? "<" : "\"", name,
			magic ? ">" : "\"");
		if (stat(path, &st) < 0)
			r = -errno;
		else if (S_ISDIR(st.st_mode))
			r = emit_directory(pp, path, depth);
		else
			r = emit_file(pp, path, depth);
		if (r < 0 && (!if_exists || r == -EBADMSG))
			return r;
	}
	fwrite(rest, 1, (size_t)(end - rest), pp->out);
	fputc('\n', pp->out);
	return 1;
}

/* "@{name} =", "@{name} +=" or "$name =" at the start of the line. */
static bool is_assignment(const char *p, const char *end)
{
	skip_blanks(&p, end);
	if (end - p >= 2 && p[0] == '@' && p[1] == '{') {
		const char *q = memchr(p, '}', (size_t)(end - p));

		if (!q)
			return false;
		p = q + 1;
		skip_blanks(&p, end);
		if (p < end && *p == '+')
			p++;
		return p < end && *p == '=';
	}
	if (p < end && *p == '$') {
		for (p++; p < end && *p != '=' && *p != ' ' && *p != '\t'; p++)
			;
		skip_blanks(&p, end);
		return p < end && *p == '=';
	}
	return false;
}

/*
 * Follow block structure on an ordinary line: a word ending in an
 * unmatched '{' opens a profile or hat body, a '}' outside any
 * alternation closes one. Comments and quoted strings do not count.
 */
static void track_blocks(struct pp *pp, const char *p, const char *end)
{
	int alt = 0; /* brace nesting inside the current word */
	bool quoted = false, word_start = true;

	for (; p < end; p++) {
		char ch = *p;

		if (quoted) {
			if (ch == '\\' && p + 1 < end)
				p++;
			else if (ch == '"')
				quoted = false;
			continue;
		}
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == ',') {
			for (; alt > 0; alt--)
				block_open(pp);
			alt = 0;
			word_start = true;
			continue;
		}
		if (ch == '#' && word_start)
			break;
		word_start = false;
		if (ch == '"')
			quoted = true;
		else if (ch == '{')
			alt++;
		else if (ch == '}') {
			if (alt > 0)
				alt--;
			else
				block_close(pp);
		}
	}
	for (; alt > 0; alt--)
		block_open(pp);
}

/* Write the line up to the end of the word at col (1-based), where the error is. */
static void emit_until_error(struct pp *pp, const char *line, size_t len, unsigned col)
{
	size_t n = col > 0 ? col - 1 : 0;

	if (n > len)
		n = len;
	while (n < len && !strchr(" \t\r,", line[n]))
		n++;
	if (n == col - 1 && n < len)
		n++; /* the error is at a separator: it was read */
	fwrite(line, 1, n, pp->out);
}

static int emit_source(struct pp *pp, const struct source *src, unsigned depth)
{
	const char *p = src->data, *end = src->data + src->len;
	unsigned line = 0;

	if (depth > PREPROCESS_MAX_DEPTH)
		return -ELOOP;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		int r = try_include(pp, p, len, depth);

		line++;
		if (r < 0) {
			if (r != -EBADMSG)
				fprintf(stderr, "%s: could not open included file\n", src->name);
			return r;
		}
		if (r == 0 && pp->stop && pp->stop->src == src && pp->stop->line == line) {
			emit_until_error(pp, p, len, pp->stop->col);
			return -EBADMSG;
		}
		if (r == 0) {
			fwrite(p, 1, len, pp->out);
			if (is_assignment(p, p + len)) {
				/* the line ending, "\r\n" included, comes out twice */
				if (nl && len && p[len - 1] == '\r')
					fputs("\n\r", pp->out);
				else if (nl)
					fputc('\n', pp->out);
			} else {
				track_blocks(pp, p, p + len);
			}
			fputc('\n', pp->out);
		}
		p += len + (nl ? 1 : 0);
	}
	return 0;
}

int preprocess_file(struct source_cache *c, const char *path, FILE *out)
{
	return preprocess_file_until(c, path, out, NULL);
}

int preprocess_file_until(struct source_cache *c, const char *path, FILE *out,
			  const struct loc *stop)
{
	struct pp *pp = calloc(1, sizeof(*pp));
	struct source *src;
	int r;

	if (!pp)
		return -ENOMEM;
	pp->c = c;
	pp->out = out;
	pp->stop = stop;
	if (!path || strcmp(path, "-") == 0)
		r = source_load_stdin(c, &src);
	else
		r = source_load_file(c, path, &src);
	if (r >= 0)
		r = emit_source(pp, src, 0);
	free(pp);
	return r;
}
