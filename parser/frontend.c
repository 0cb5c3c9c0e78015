// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parser/check.h"
#include "parser/frontend.h"
#include "parser/parse.h"

void frontend_init(struct frontend *fe, const char *const *include_dirs, size_t n_include_dirs,
		   FILE *err)
{
	memset(fe, 0, sizeof(*fe));
	arena_init(&fe->arena);
	arena_init(&fe->policy_arena);
	fe->sources.arena = &fe->arena;
	fe->sources.include_dirs = include_dirs;
	fe->sources.n_include_dirs = n_include_dirs;
	fe->diag.out = err;
	fe->diag.show_warnings = false;
}

void frontend_release(struct frontend *fe)
{
	arena_release(&fe->policy_arena);
	arena_release(&fe->arena);
}

static int frontend_run(struct frontend *fe, const struct source *src, struct policy **ret)
{
	struct policy *pol;
	int r;

	/* the last file's AST goes: peak memory is one file's, not the sum */
	arena_release(&fe->policy_arena);
	pol = arena_new(&fe->policy_arena, struct policy);
	policy_init(pol, &fe->policy_arena);
	r = parse_policy_source(pol, &fe->sources, &fe->diag, src);
	if (r < 0)
		return r;
	r = check_policy(pol, &fe->diag, fe->features);
	if (r < 0)
		return r;
	*ret = pol;
	return 0;
}

int frontend_load(struct frontend *fe, const char *path, struct policy **ret)
{
	struct source *src;
	int r;

	source_track_reset(&fe->sources);
	if (!path || strcmp(path, "-") == 0)
		r = source_load_stdin(&fe->sources, &src);
	else
		r = source_load_file(&fe->sources, path, &src);
	if (r < 0)
		return r;
	return frontend_run(fe, src, ret);
}

int frontend_load_text(struct frontend *fe, const char *name, const char *text, struct policy **ret)
{
	struct source *src;

	source_from_memory(&fe->sources, name, text, strlen(text), &src);
	return frontend_run(fe, src, ret);
}

struct name_list {
	const char **v;
	size_t n, cap;
};

static void collect_names(const struct profile *p, const char *prefix, struct name_list *names,
			  struct arena *a, bool children)
{
	for (; p; p = p->next) {
		const char *full = prefix ? arena_printf(a, "%s//%s", prefix, p->name) : p->name;

		if (names->n == names->cap) {
			size_t ncap = names->cap ? names->cap * 2 : 32;
			const char **bigger = arena_alloc(a, ncap * sizeof(*bigger));

			if (names->n)
				memcpy(bigger, names->v, names->n * sizeof(*bigger));
			names->v = bigger;
			names->cap = ncap;
		}
		names->v[names->n++] = full;
		if (children)
			collect_names(p->children, full, names, a, true);
	}
}

static int compare_names(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static struct name_list sorted_names(const struct policy *pol, bool children)
{
	struct name_list names = {};

	collect_names(pol->profiles, NULL, &names, pol->arena, children);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), compare_names);
	return names;
}

void frontend_print_names(const struct policy *pol, FILE *out)
{
	struct name_list names = sorted_names(pol, true);

	for (size_t i = 0; i < names.n; i++)
		fprintf(out, "%s\n", names.v[i]);
}

size_t frontend_top_names(const struct policy *pol, const char *const **ret)
{
	struct name_list names = sorted_names(pol, false);

	*ret = names.v;
	return names.n;
}
