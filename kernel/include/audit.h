/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - audit records in AppArmor's format
 *
 * One record per mediation decision that needs logging, with the
 * fields, order and spelling aa-logprof and other log readers expect:
 *
 *   apparmor="DENIED" operation="open" class="file" [info="..." error=-N]
 *   profile="..." [name="..."] pid=N comm="..." [capability=N  capname=...]
 *   [requested_mask="..." denied_mask="..." fsuid=N ouid=N] [target="..."]
 */

#ifndef _VIGIL_AUDIT_H
#define _VIGIL_AUDIT_H

#include <linux/lsm_audit.h>
#include <linux/uidgid.h>

#include "audit_mask.h"
#include "capability.h"
#include "perms_decide.h"

struct vigil_profile;

/**
 * struct vigil_audit - what one audit record says
 * @common: the LSM audit data; pid and comm come from here
 * @type: DENIED, ALLOWED, AUDIT, KILLED or STATUS
 * @op: operation name, or NULL (decoding failures of a policy load)
 * @class: mediation class name, or NULL
 * @info: reason text, or NULL
 * @error: error reported with @info, 0 for none
 * @profile: subject profile
 * @name: object name, or NULL
 * @request: requested file permission bits (file records)
 * @denied: denied file permission bits (file records)
 * @file: the record carries the file fields (masks, fsuid, ouid)
 * @ouid: owner of the object (file records)
 * @cap: capability number (capability records)
 * @target: target name, or NULL
 * @post: writes a class's own fields at the end of the record, or NULL
 */
struct vigil_audit {
	struct common_audit_data common;
	enum vigil_audit_type type;
	const char *op;
	const char *class;
	const char *info;
	int error;
	struct vigil_profile *profile;
	const char *name;
	u32 request;
	u32 denied;
	bool file;
	kuid_t ouid;
	int cap;
	const char *target;
	void (*post)(struct audit_buffer *ab, void *va);
};

void vigil_audit_log(struct vigil_audit *ad);
int vigil_audit_finish(struct vigil_audit *ad, int error);

#endif /* _VIGIL_AUDIT_H */
