// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parser/preprocess.h"

#define PREPROCESS_MAX_DEPTH 64

struct seen {
	const struct source *v[4096];
	size_t n;
};

static int emit_source(struct source_cache *c, const struct source *src, FILE *out,
		       struct seen *seen, unsigned depth);

static int emit_path(struct source_cache *c, const char *path, FILE *out, struct seen *seen,
		     unsigned depth)
{
	struct stat st;
	struct source *src;
	int r;

	if (stat(path, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode)) {
		/* directory order, unsorted, as apparmor_parser -p shows it */
		DIR *d = opendir(path);
		struct dirent *de;

		if (!d)
			return -errno;
		r = 0;
		while (r >= 0 && (de = readdir(d))) {
			char *sub;
			struct stat sst;

			if (de->d_name[0] == '.')
				continue;
			sub = arena_printf(c->arena, "%s/%s", path, de->d_name);
			if (stat(sub, &sst) == 0 && S_ISREG(sst.st_mode))
				r = emit_path(c, sub, out, seen, depth + 1);
		}
		closedir(d);
		return r;
	}
	r = source_load_file(c, path, &src);
	if (r < 0)
		return r;
	return emit_source(c, src, out, seen, depth + 1);
}

/*
 * If line is an include directive, inline it and return 1. The layout
 * follows apparmor_parser -p: what precedes the directive, a blank, an
 * empty line, "##included <name>", the file, then the rest of the line.
 */
static int try_include(struct source_cache *c, const char *line, size_t len, FILE *out,
		       struct seen *seen, unsigned depth)
{
	const char *p = line, *end = line + len, *directive, *rest;
	bool if_exists = false, magic = false;
	char name[4096];
	size_t n;
	char *path;
	int r;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	directive = p;
	if ((size_t)(end - p) >= 9 && memcmp(p, "#include", 8) == 0 &&
	    (p[8] == ' ' || p[8] == '\t' || p[8] == '<' || p[8] == '"'))
		p += 8;
	else if ((size_t)(end - p) >= 8 && memcmp(p, "include", 7) == 0 &&
		 (p[7] == ' ' || p[7] == '\t'))
		p += 7;
	else
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(end - p) > 10 && memcmp(p, "if exists", 9) == 0) {
		if_exists = true;
		p += 9;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
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
	fwrite(line, 1, (size_t)(directive - line), out);
	fprintf(out, " \n\n##included %s%s%s\n", magic ? "<" : "\"", name, magic ? ">" : "\"");
	if (source_resolve_include(c, name, magic, &path) < 0) {
		if (!if_exists)
			return -ENOENT;
	} else {
		r = emit_path(c, path, out, seen, depth);
		if (r < 0 && !if_exists)
			return r;
	}
	fwrite(rest, 1, (size_t)(end - rest), out);
	fputc('\n', out);
	return 1;
}

static int emit_source(struct source_cache *c, const struct source *src, FILE *out,
		       struct seen *seen, unsigned depth)
{
	const char *p = src->data, *end = src->data + src->len;

	if (depth > PREPROCESS_MAX_DEPTH)
		return -ELOOP;
	for (size_t i = 0; i < seen->n; i++)
		if (seen->v[i] == src)
			return 0;
	if (seen->n < sizeof(seen->v) / sizeof(seen->v[0]))
		seen->v[seen->n++] = src;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		int r = try_include(c, p, len, out, seen, depth);

		if (r < 0) {
			fprintf(stderr, "%s: could not open included file\n", src->name);
			return r;
		}
		if (r == 0) {
			fwrite(p, 1, len, out);
			fputc('\n', out);
		}
		p += len + (nl ? 1 : 0);
	}
	return 0;
}

int preprocess_file(struct source_cache *c, const char *path, FILE *out)
{
	struct seen *seen = calloc(1, sizeof(*seen));
	struct source *src;
	int r;

	if (!seen)
		return -ENOMEM;
	if (!path || strcmp(path, "-") == 0)
		r = source_load_stdin(c, &src);
	else
		r = source_load_file(c, path, &src);
	if (r >= 0)
		r = emit_source(c, src, out, seen, 0);
	free(seen);
	return r;
}
