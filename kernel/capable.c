// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - mediating capability use
 *
 * Decisions come from vigil_cap_decide(). Records are deduplicated as
 * AppArmor does: each CPU remembers the last profile it logged a
 * capability record for and the capabilities logged for it, and does
 * not log the same capability of the same profile again until another
 * profile's record comes along. The remembered profile holds a
 * reference, so a freed profile's address cannot be mistaken for it.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/percpu.h>
#include <linux/security.h>

#include "include/audit.h"
#include "include/capable.h"
#include "include/capability.h"
#include "include/lsm.h"
#include "include/policy.h"
#include "include/task.h"

struct vigil_cap_audit_cache {
	struct vigil_profile *profile;
	u64 caps;
};

static DEFINE_PER_CPU(struct vigil_cap_audit_cache, vigil_cap_cache);

/* Whether this record repeats the last one logged on this CPU. */
static bool vigil_cap_record_repeats(struct vigil_profile *profile, int cap)
{
	struct vigil_cap_audit_cache *cache = &get_cpu_var(vigil_cap_cache);
	struct vigil_profile *drop = NULL;
	u64 bit = (u64)1 << cap;
	bool repeats = false;

	if (cache->profile == profile && (cache->caps & bit)) {
		repeats = true;
	} else {
		if (cache->profile != profile) {
			drop = cache->profile;
			cache->profile = vigil_profile_get(profile);
			cache->caps = 0;
		}
		cache->caps |= bit;
	}
	put_cpu_var(vigil_cap_cache);
	vigil_profile_put(drop);
	return repeats;
}

static int vigil_capable(const struct cred *cred, struct user_namespace *ns,
			 int cap, unsigned int opts)
{
	struct vigil_label *label = vigil_label_newest(*vigil_cred_label(cred));
	struct vigil_profile *profile = vigil_label_profile(label);
	struct vigil_decision decision;
	struct vigil_audit ad = {
		.op = "capable",
		.class = "cap",
		.profile = profile,
		.cap = cap,
	};

	if (label->flags & VIGIL_LABEL_UNCONFINED) {
		vigil_label_put(label);
		return 0;
	}
	vigil_cap_decide(&profile->record, profile->mode, cap,
			 opts & CAP_OPT_NOAUDIT, &decision);
	ad.type = decision.type;
	if (ad.type != VIGIL_RECORD_NONE && cap < 64 &&
	    vigil_cap_record_repeats(profile, cap))
		ad.type = VIGIL_RECORD_NONE;
	ad.common.type = LSM_AUDIT_DATA_CAP;
	ad.common.u.cap = cap;
	vigil_audit_finish(&ad, decision.error);
	vigil_label_put(label);
	return decision.error;
}

static struct security_hook_list vigil_capable_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(capable, vigil_capable),
};

/**
 * vigil_capable_init - install the capable hook
 */
void __init vigil_capable_init(void)
{
	security_add_hooks(vigil_capable_hooks, ARRAY_SIZE(vigil_capable_hooks),
			   &vigil_lsmid);
}
