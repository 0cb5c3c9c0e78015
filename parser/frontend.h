/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_FRONTEND_H
#define VIGIL_PARSER_FRONTEND_H

#include <stdio.h>

#include "parser/arena.h"
#include "parser/diag.h"
#include "parser/features.h"
#include "parser/policy.h"
#include "parser/source.h"

/*
 * The front end as one unit: files in, a validated in-memory policy out.
 * One frontend can process many files; included files are read once.
 */
struct frontend {
	struct arena arena; /* sources, features: kept for the whole run */
	/*
	 * The last loaded policy's AST: released when the next file is
	 * loaded, so memory follows the largest file, not the sum of all.
	 */
	struct arena policy_arena;
	struct source_cache sources;
	struct diag diag;
	const struct features *features;
};

void frontend_init(struct frontend *fe, const char *const *include_dirs, size_t n_include_dirs,
		   FILE *err);
void frontend_release(struct frontend *fe);

/*
 * Parse and check one policy file (path NULL or "-" for stdin; or the
 * given text when data is non-NULL). On success *ret points into the
 * frontend's policy arena, valid until the next load. -ENOENT if the file
 * does not exist.
 */
int frontend_load(struct frontend *fe, const char *path, struct policy **ret);
int frontend_load_text(struct frontend *fe, const char *name, const char *text,
		       struct policy **ret);

/* Write "name", "parent//child" lines for every profile, in name order. */
void frontend_print_names(const struct policy *pol, FILE *out);

/*
 * The top-level profile names in name order (the order apparmor_parser
 * loads and removes them in), in the policy's arena.
 */
size_t frontend_top_names(const struct policy *pol, const char *const **ret);

#endif
