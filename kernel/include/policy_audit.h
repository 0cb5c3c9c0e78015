/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - STATUS audit records of policy management
 */

#ifndef _VIGIL_POLICY_AUDIT_H
#define _VIGIL_POLICY_AUDIT_H

#include <linux/types.h>

#define VIGIL_OP_PROFILE_LOAD "profile_load"
#define VIGIL_OP_PROFILE_REPLACE "profile_replace"
#define VIGIL_OP_PROFILE_REMOVE "profile_remove"

void vigil_audit_policy(const char *op, const char *name, const char *ns,
			const char *info, int error);
void vigil_audit_unpack(const char *name, const char *info, int error,
			size_t offset);

#endif /* _VIGIL_POLICY_AUDIT_H */
