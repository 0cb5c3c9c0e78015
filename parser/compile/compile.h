/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The compiler core's entry point for the front end: a profile's file rules
 * in, the file DFA blob out.
 */
#pragma once

#include <stddef.h>

#include "parser/compile/dfa.h"
#include "parser/compile/perms.h"
#include "parser/compile/table.h"

typedef struct VcFileRule {
	/* Path glob, variables expanded and quotes removed. */
	const char *glob;
	/*
	 * Mode for owner and others (vc_parse_file_mode() reads the letters;
	 * an "owner" rule sets only .user), deny/audit qualifiers and the
	 * change_profile/onexec bits.
	 */
	VcRulePerms perms;
	/*
	 * "link [subset] GLOB -> TARGET": the target glob, with perms
	 * carrying VC_MAY_LINK. NULL for ordinary rules; an ordinary rule
	 * with 'l' gets the implicit target "any absolute path" with subset
	 * checking, as apparmor_parser does.
	 */
	const char *link_target;
	bool link_subset;
	/*
	 * Rules on a pair "GLOB\0TARGET" with exactly .perms and nothing
	 * implicit: change_profile's "exec\0profile" entry (ONEXEC in
	 * .perms.extra plus x in both halves when an exec path is given).
	 * TARGET is a glob too. NULL for ordinary rules.
	 */
	const char *pair_target;
} VcFileRule;

/*
 * Compile rules into a minimal DFA. On failure *ret_bad_rule (if not NULL)
 * names the offending rule: -EINVAL malformed glob, -ENOTUNIQ conflicting
 * exec modes ("conflicting x modifiers"), -E2BIG too many states, -ENOMEM.
 */
int vc_compile_file_dfa(const VcFileRule *rules, size_t n_rules, VcDfa *ret, size_t *ret_bad_rule);

/* The same, serialised as the file pdb's "aadfa" blob (see table.h). */
int vc_compile_file_rules(const VcFileRule *rules, size_t n_rules, const VcBlobOptions *options,
			  VcBlob *ret, size_t *ret_bad_rule);

/*
 * The attachment ("xmatch") DFA of a profile attached to GLOB: accepting
 * states carry x for the owner half, as apparmor_parser writes them, and
 * *ret_xmatch_len receives the value for the "xmatch_len" field.
 * options->diff_encode is ignored: attachment matching cannot follow it.
 */
int vc_compile_xmatch(const char *glob, const VcBlobOptions *options, VcBlob *ret,
		      uint32_t *ret_xmatch_len);
