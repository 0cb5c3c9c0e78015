/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - permission tables from the old accept encoding
 *
 * Compilers for 6.12 (apparmor_parser 3.x, 4.x) pack permissions into
 * the DFA's ACCEPT and ACCEPT2 tables instead of sending a perms table.
 * These functions build the equivalent table and turn ACCEPT into
 * indexes, so the rest of the kernel sees a single representation.
 */

#ifndef _VIGIL_PERMS_COMPAT_H
#define _VIGIL_PERMS_COMPAT_H

#include "dfa.h"
#include "perms.h"

/* Policy ABI versions up to this one grant LOCK on every policydb state. */
#define VIGIL_ABI_POLICYDB_LOCK_LAST	8

int vigil_compat_file_perms(struct vigil_dfa *dfa, struct vigil_perms **perms,
			    u32 *count);
int vigil_compat_policy_perms(struct vigil_dfa *dfa, u32 abi,
			      struct vigil_perms **perms, u32 *count);
int vigil_compat_xmatch_perms(struct vigil_dfa *dfa,
			      struct vigil_perms **perms, u32 *count);

#endif /* _VIGIL_PERMS_COMPAT_H */
