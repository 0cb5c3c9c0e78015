// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - STATUS audit records of policy management
 *
 * Every load, replacement and removal, and every refusal of one, is
 * reported as apparmor="STATUS" with the loader's profile as subject,
 * as stock AppArmor does, so that aa-logprof and log readers see the
 * same records. Two shapes exist:
 *
 *   apparmor="STATUS" operation="OP" [info="..." [error=-N]]
 *   profile="LOADER" [name="PROFILE"] pid=N comm="..." [ns="NS"]
 *
 * for decisions about whole profiles, and, for a policy stream that
 * could not be decoded, no operation but the profile name again and
 * the byte offset where decoding stopped, after pid and comm:
 *
 *   apparmor="STATUS" info="..." error=-N profile="LOADER"
 *   [name="PROFILE"] pid=N comm="..." [name="PROFILE"] [offset=N]
 */

#include <linux/audit.h>

#include "include/audit.h"
#include "include/lsm.h"
#include "include/policy.h"
#include "include/policy_audit.h"
#include "include/task.h"

/**
 * struct vigil_status - a STATUS record and its trailing fields
 * @ad: the common part
 * @ns: namespace named by the request, or NULL
 * @offset: where decoding stopped; 0 prints nothing
 */
struct vigil_status {
	struct vigil_audit ad;
	const char *ns;
	size_t offset;
};

static void status_post(struct audit_buffer *ab, void *va)
{
	struct vigil_audit *ad = container_of((struct common_audit_data *)va,
					      struct vigil_audit, common);
	struct vigil_status *st = container_of(ad, struct vigil_status, ad);

	if (st->ns) {
		audit_log_format(ab, " ns=");
		audit_log_untrustedstring(ab, st->ns);
	}
	/* Unpack records repeat the name here (ad->op is unset for them). */
	if (!ad->op && ad->name) {
		audit_log_format(ab, " name=");
		audit_log_untrustedstring(ab, ad->name);
	}
	if (st->offset)
		audit_log_format(ab, " offset=%zu", st->offset);
}

static void status_log(struct vigil_status *st)
{
	struct vigil_label *label;

	/* KUnit suites also run when AppArmor is not the chosen LSM. */
	if (!vigil_initialized)
		return;
	label = vigil_current_label();
	st->ad.type = VIGIL_RECORD_STATUS;
	st->ad.profile = vigil_label_profile(label);
	st->ad.post = status_post;
	vigil_audit_log(&st->ad);
	vigil_label_put(label);
}

/**
 * vigil_audit_policy - report a load, replacement or removal decision
 * @op: VIGIL_OP_PROFILE_LOAD, _REPLACE or _REMOVE
 * @name: the profile concerned, or NULL
 * @ns: the namespace the request named, or NULL
 * @info: why it was refused or skipped, or NULL when it was done
 * @error: the error returned with @info, or 0
 */
void vigil_audit_policy(const char *op, const char *name, const char *ns,
			const char *info, int error)
{
	struct vigil_status st = {
		.ad = {
			.op = op,
			.name = name,
			.info = info,
			.error = error,
		},
		.ns = ns,
	};

	status_log(&st);
}

/**
 * vigil_audit_unpack - report a policy stream that could not be decoded
 * @name: the profile being decoded, "unknown" before its name, or NULL
 *	for a header
 * @info: what was wrong
 * @error: the error the load returns
 * @offset: byte offset in the stream where decoding stopped, or 0 when
 *	the failure is not about a position
 */
void vigil_audit_unpack(const char *name, const char *info, int error,
			size_t offset)
{
	struct vigil_status st = {
		.ad = {
			.name = name,
			.info = info,
			.error = error,
		},
		.offset = offset,
	};

	status_log(&st);
}
