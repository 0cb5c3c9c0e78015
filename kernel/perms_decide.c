// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - turning a permission record into a decision
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/perms_decide.h"

/**
 * vigil_perms_apply_modes - fold profile and audit modes into a record
 * @perms: record looked up for the request; modified in place
 * @mode: mode of the profile the record belongs to
 * @audit: audit mode in force (the global one overrides the profile's)
 *
 * Audit modes widen or clear the audit and quiet sets; kill mode makes
 * every denial kill, complain mode makes every denial a logged allow,
 * user mode defers every denial to a prompt.
 */
void vigil_perms_apply_modes(struct vigil_perms *perms,
			     enum vigil_profile_mode mode,
			     enum vigil_audit_mode audit)
{
	switch (audit) {
	case VIGIL_AUDIT_ALL:
		perms->audit = VIGIL_ALL_PERMS;
		perms->quiet = 0;
		break;
	case VIGIL_AUDIT_NOQUIET:
		perms->quiet = 0;
		break;
	case VIGIL_AUDIT_QUIET:
		perms->audit = 0;
		perms->quiet = VIGIL_ALL_PERMS;
		break;
	case VIGIL_AUDIT_QUIET_DENIED:
		perms->quiet = VIGIL_ALL_PERMS;
		break;
	case VIGIL_AUDIT_NORMAL:
		break;
	}

	switch (mode) {
	case VIGIL_MODE_KILL:
		perms->kill = VIGIL_ALL_PERMS;
		break;
	case VIGIL_MODE_COMPLAIN:
		perms->complain = VIGIL_ALL_PERMS;
		break;
	case VIGIL_MODE_USER:
		perms->prompt = VIGIL_ALL_PERMS;
		break;
	case VIGIL_MODE_ENFORCE:
	case VIGIL_MODE_UNCONFINED:
		break;
	}
}

/**
 * vigil_perms_decide - decide one request against a record
 * @perms: record with modes already applied
 * @request: requested permission bits
 * @decision: filled with the outcome
 *
 * A request is denied in the bits the record does not allow or
 * explicitly denies. Allowed requests are logged only in their audited
 * bits. Denials are killed if any denied bit kills, logged as ALLOWED
 * and permitted if complain covers every denied bit, and hidden as
 * -ENOENT if hide covers every denied bit. Quiet bits drop out of the
 * record; a denial left with nothing to log is not logged and, as in
 * 6.12, keeps its error even in complain mode: a quieted denial (an
 * explicit deny rule) is enforced by complain-mode profiles too.
 */
void vigil_perms_decide(const struct vigil_perms *perms, u32 request,
			struct vigil_decision *decision)
{
	u32 denied = request & (~perms->allow | perms->deny);

	decision->denied = 0;
	if (!denied) {
		decision->error = 0;
		decision->request = request & perms->audit;
		decision->type = decision->request ? VIGIL_RECORD_AUDIT :
						     VIGIL_RECORD_NONE;
		return;
	}

	decision->request = request;
	decision->error = -EACCES;
	if (denied & perms->kill)
		decision->type = VIGIL_RECORD_KILL;
	else if (!(denied & ~perms->complain))
		decision->type = VIGIL_RECORD_ALLOWED;
	else
		decision->type = VIGIL_RECORD_DENIED;
	if (!(denied & ~perms->hide))
		decision->error = -ENOENT;

	denied &= ~perms->quiet;
	if (!denied) {
		decision->type = VIGIL_RECORD_NONE;
		return;
	}
	decision->denied = denied;
	if (decision->type == VIGIL_RECORD_ALLOWED)
		decision->error = 0;
}
