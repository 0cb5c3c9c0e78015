/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * File permissions: what a rule asks for, how the rules matching one DFA
 * state combine, and the two encodings of the result (spec §3).
 *
 * A rule's permissions use apparmor_parser's 14-bit "mode" field, once for
 * the file owner ("user") and once for everybody else ("other"):
 *
 *   bits 0-6   x w r a l k m
 *   bit 7      EXEC_PUX      unconfined fallback (the "u" of pux/cux)
 *   bit 8      EXEC_UNSAFE   lower-case exec mode: keep the environment
 *   bit 9      EXEC_INHERIT  ix, or the inherit fallback of pix/cix
 *   bits 10-13 exec target   1 unconfined, 2 profile by name, 3 child by name,
 *                            n >= 4 xtable entry n - 4
 *
 * The combined result of a state is kept in the parser's own output
 * encoding (VcAccept, the ACCEPT and ACCEPT2 words, spec §3.2); the kernel
 * record (permstable32, spec §3.6) is derived from it the way the 6.12
 * kernel remaps old-format DFAs, so both encodings mean the same thing by
 * construction.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define VC_MAY_EXEC	     0x0001u
#define VC_MAY_WRITE	     0x0002u
#define VC_MAY_READ	     0x0004u
#define VC_MAY_APPEND	     0x0008u
#define VC_MAY_LINK	     0x0010u
#define VC_MAY_LOCK	     0x0020u /* LINK_SUBSET in the second half of a link pair */
#define VC_EXEC_MMAP	     0x0040u
#define VC_EXEC_PUX	     0x0080u
#define VC_EXEC_UNSAFE	     0x0100u
#define VC_EXEC_INHERIT	     0x0200u
#define VC_EXEC_TARGET_SHIFT 10
#define VC_EXEC_TARGET_MASK  0x3c00u
#define VC_BASE_PERMS	     0x007fu /* x w r a l k m: the bits audit/quiet can carry */
#define VC_EXEC_TYPE_MASK    0x3f80u /* everything describing how x transitions */
#define VC_MODE_MASK	     0x3fffu

#define VC_EXEC_TARGET_UNCONFINED 1u
#define VC_EXEC_TARGET_NAME	  2u
#define VC_EXEC_TARGET_CHILD	  3u
#define VC_EXEC_TARGET_TABLE	  4u /* + xtable index, at most 12 entries */

/* Bits of the ACCEPT word shared by both halves. */
#define VC_ACCEPT_CHANGE_PROFILE 0x80000000u
#define VC_ACCEPT_ONEXEC	 0x40000000u

typedef struct VcRulePerms {
	uint16_t user;	/* mode for the file owner (0 for none) */
	uint16_t other; /* mode for other users; "owner" rules leave it 0 */
	uint32_t extra; /* VC_ACCEPT_CHANGE_PROFILE | VC_ACCEPT_ONEXEC */
	bool deny;	/* deny rule: subtracts, and is quiet unless audit */
	bool audit;	/* audit allow: log grants; audit deny: log denials (not quiet) */
	bool link_pair; /* second half of a link pair: k means LINK_SUBSET, never logged */
	/*
	 * Owner-half bits an allow rule puts in the audit field whether or not
	 * it is audited, without granting them: apparmor_parser 3.0.8 marks
	 * every mount rule's state with the mount class's "match the data
	 * too" bit (0x40) this way. Ignored for deny rules.
	 */
	uint16_t audit_always;
	/*
	 * The exec type bits are plain bits: OR-ed over the exact allow rules
	 * if there is one, else over the globbing ones, the deny rules'
	 * subtracted, kept when x itself is denied, never a conflict.
	 * apparmor_parser 3.0.8 combines pivot_root transitions in the
	 * policydb this way (two targets on the same paths give the OR of
	 * their indexes).
	 */
	bool plain_exec;
} VcRulePerms;

/* A state's permissions in the parser's ACCEPT/ACCEPT2 layout. */
typedef struct VcAccept {
	uint32_t accept;
	uint32_t accept2;
} VcAccept;

/* Running combination of all rules that match in one DFA state. */
typedef struct VcPermsAccumulator {
	uint16_t allow[2]; /* [0] user, [1] other: base bits x w r a l k m */
	uint16_t deny[2];
	uint16_t audit[2];
	uint16_t quiet[2];
	uint16_t exact_exec[2]; /* exec type from exact (non-glob) rules */
	uint16_t glob_exec[2];	/* exec type from glob rules */
	bool has_exact_exec[2], has_glob_exec[2];
	/* from plain_exec rules */
	uint16_t plain_exact_exec[2], plain_glob_exec[2], plain_deny_exec[2];
	bool has_plain_exact[2];
	bool conflict; /* two different exec modes at the same precedence */
	uint32_t extra;
} VcPermsAccumulator;

void vc_perms_add(VcPermsAccumulator *acc, const VcRulePerms *rule, bool exact);

/*
 * Resolve the combination: allow union minus deny (a denied x also drops
 * the exec type), exact rules' exec mode over globbing ones, audit from
 * audited allow rules, quiet from non-audited deny rules.
 * Returns 0, or -ENOTUNIQ for conflicting exec modes ("profile has merged
 * rule with conflicting x modifiers").
 */
int vc_perms_finish(const VcPermsAccumulator *acc, VcAccept *ret);

/* The kernel's permission record (spec §3.1, permstable32 §3.6). */
typedef struct VcKernelPerms {
	uint32_t allow, deny, subtree, cond, kill, complain, prompt, audit, quiet, hide, xindex,
	    tag, label;
} VcKernelPerms;

#define VC_AA_X_UNCONFINED 0x80000000u
#define VC_AA_X_INHERIT	   0x40000000u
#define VC_AA_X_CHILD	   0x20000000u
#define VC_AA_X_UNSAFE	   0x10000000u
#define VC_AA_X_NAME	   0x04000000u
#define VC_AA_X_TABLE	   0x08000000u

/* What the 6.12 kernel makes of a file DFA state's ACCEPT/ACCEPT2 words. */
void vc_accept_to_kernel(VcAccept a, VcKernelPerms *ret_owner, VcKernelPerms *ret_other);

bool vc_kernel_perms_equal(const VcKernelPerms *a, const VcKernelPerms *b);

/*
 * Parse a file rule's mode letters ("rw", "ix", "Pix", "mr", "l", ...) into
 * the 14-bit field, the way apparmor_parser does: w implies a. (ix, pix
 * and cix also imply m, but that is added when rules are combined, because
 * an implied m is not audited.) Returns 0 or -EINVAL.
 */
int vc_parse_file_mode(const char *letters, uint16_t *ret);
