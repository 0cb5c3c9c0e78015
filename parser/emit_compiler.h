/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The policy stream writer's per-profile compiler state and the helpers
 * its rule-class files share (emit.c, emit_mount.c). Internal to the
 * writer.
 */
#ifndef VIGIL_PARSER_EMIT_COMPILER_H
#define VIGIL_PARSER_EMIT_COMPILER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "parser/arena.h"
#include "parser/compile/compile.h"
#include "parser/emit.h"

#define MAX_XTABLE 12

struct compiler {
	const struct features *features;
	const struct emit_options *options;
	FILE *err;
	const struct policy *pol;
	struct arena *arena;
	VcFileRule *rules;
	size_t n_rules, cap_rules;
	/* the policy rule each file rule comes from (NULL: implied), for errors */
	const struct rule **origins;
	const struct rule *origin;
	const char *xtable[MAX_XTABLE];
	size_t n_xtable;
	size_t record_start; /* DFA alignment is relative to the record's header */
	/* policydb rules beyond the class markers */
	VcRegex rx;
	VcDfaRule *pdb;
	size_t n_pdb, cap_pdb;
};

bool emit_has_feature(const struct compiler *c, const char *path);

/* The xtable index of name, added at the end if new; -E2BIG past 12. */
int emit_xtable_index(struct compiler *c, const char *name, uint32_t *ret);

/* The first value of r's condition name, or NULL. */
const char *emit_cond_value(const struct rule *r, const char *name);

/* The set of one byte, or of every byte for b < 0. */
VcByteSet emit_byte_set(int b);

/*
 * Add a policydb rule whose regex is built: r's qualifiers, perms for
 * owner and other, and owner bits audited without being granted.
 */
int emit_pdb_root(struct compiler *c, const struct rule *r, uint32_t root, bool exact,
		  uint16_t perms, uint16_t other, uint16_t audit_always);

/* The mount class (emit_mount.c): mount and remount, umount, pivot_root. */
int emit_add_mount(struct compiler *c, const struct rule *r);
int emit_add_umount(struct compiler *c, const struct rule *r);
int emit_add_pivot_root(struct compiler *c, const struct rule *r);

#endif
