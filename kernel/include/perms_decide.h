/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - turning a permission record into a decision
 *
 * Given what a task asks for and the record policy has for it, decide
 * whether the request is allowed, which error it gets and what (if
 * anything) goes into the audit log. Profile and audit modes are folded
 * into the record first, so the decision itself is mode-free.
 */

#ifndef _VIGIL_PERMS_DECIDE_H
#define _VIGIL_PERMS_DECIDE_H

#include "perms.h"
#include "profile_record.h"

#define VIGIL_ALL_PERMS		0xffffffff

/**
 * enum vigil_audit_mode - how much a profile logs
 * @VIGIL_AUDIT_NORMAL: log denials not quieted and audited allows
 * @VIGIL_AUDIT_QUIET_DENIED: log no denials
 * @VIGIL_AUDIT_QUIET: log nothing
 * @VIGIL_AUDIT_NOQUIET: log all denials, ignoring quiet bits
 * @VIGIL_AUDIT_ALL: log every request, allowed or not
 */
enum vigil_audit_mode {
	VIGIL_AUDIT_NORMAL,
	VIGIL_AUDIT_QUIET_DENIED,
	VIGIL_AUDIT_QUIET,
	VIGIL_AUDIT_NOQUIET,
	VIGIL_AUDIT_ALL,
};

/**
 * enum vigil_audit_type - the kind of audit record a decision needs
 * @VIGIL_RECORD_NONE: nothing is logged
 * @VIGIL_RECORD_AUDIT: an allowed request that is audited
 * @VIGIL_RECORD_ALLOWED: a request allowed only because of complain mode
 * @VIGIL_RECORD_DENIED: a denied request
 * @VIGIL_RECORD_KILL: a denied request; the task is killed
 * @VIGIL_RECORD_STATUS: policy management (never a decision's outcome)
 */
enum vigil_audit_type {
	VIGIL_RECORD_NONE,
	VIGIL_RECORD_AUDIT,
	VIGIL_RECORD_ALLOWED,
	VIGIL_RECORD_DENIED,
	VIGIL_RECORD_KILL,
	VIGIL_RECORD_STATUS,
};

/**
 * struct vigil_decision - outcome of checking one request
 * @error: 0, -EACCES, or -ENOENT for a denial the policy hides
 * @type: audit record to emit
 * @request: requested bits to report in the record
 * @denied: denied bits to report in the record
 */
struct vigil_decision {
	int error;
	enum vigil_audit_type type;
	u32 request;
	u32 denied;
};

void vigil_perms_apply_modes(struct vigil_perms *perms,
			     enum vigil_profile_mode mode,
			     enum vigil_audit_mode audit);
void vigil_perms_decide(const struct vigil_perms *perms, u32 request,
			struct vigil_decision *decision);

#endif /* _VIGIL_PERMS_DECIDE_H */
