// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - "set rlimit" rules
 *
 * A profile's rlimit rules cap the hard limits of the tasks that enter
 * it. Leaving a profile that limited a resource lowers the soft limit
 * back to at most init's soft limit, so a limit meant for one profile
 * does not leak upwards into the next as a soft default. A confined
 * task cannot raise a limited hard limit above the rule either.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/init_task.h>
#include <linux/lsm_hooks.h>
#include <linux/resource.h>
#include <linux/sched/signal.h>

#include "include/audit.h"
#include "include/file.h"
#include "include/lsm.h"
#include "include/policy.h"
#include "include/rlimit.h"
#include "include/task.h"

/* Linux resource numbers in the order policy sends limits. */
static const unsigned int vigil_policy_rlimits[VIGIL_RLIMIT_COUNT] = {
	RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE,
	RLIMIT_RSS, RLIMIT_NPROC, RLIMIT_NOFILE, RLIMIT_MEMLOCK, RLIMIT_AS,
	RLIMIT_LOCKS, RLIMIT_SIGPENDING, RLIMIT_MSGQUEUE, RLIMIT_NICE,
	RLIMIT_RTPRIO, RLIMIT_RTTIME,
};

static const struct vigil_profile_record *vigil_rlimit_record(struct vigil_label *label)
{
	if (label->flags & VIGIL_LABEL_UNCONFINED)
		return NULL;
	return &vigil_label_profile(label)->record;
}

/**
 * vigil_rlimits_transition - apply rlimit rules when a task changes label
 * @old: the label the task leaves
 * @new: the label it enters
 *
 * Called for the current task while its new credentials are committed.
 */
void vigil_rlimits_transition(struct vigil_label *old, struct vigil_label *new)
{
	const struct vigil_profile_record *record;
	struct rlimit *rlim, *init_rlim;
	unsigned int i;

	task_lock(current->group_leader);
	record = vigil_rlimit_record(old);
	for (i = 0; record && i < VIGIL_RLIMIT_COUNT; i++) {
		if (!(record->rlimit_mask & (1U << i)))
			continue;
		rlim = &current->signal->rlim[vigil_policy_rlimits[i]];
		init_rlim = &init_task.signal->rlim[vigil_policy_rlimits[i]];
		rlim->rlim_cur = min(rlim->rlim_max, init_rlim->rlim_cur);
	}
	record = vigil_rlimit_record(new);
	for (i = 0; record && i < VIGIL_RLIMIT_COUNT; i++) {
		if (!(record->rlimit_mask & (1U << i)))
			continue;
		rlim = &current->signal->rlim[vigil_policy_rlimits[i]];
		rlim->rlim_max = min_t(u64, rlim->rlim_max,
				       record->rlimit_max[i]);
		rlim->rlim_cur = min(rlim->rlim_cur, rlim->rlim_max);
	}
	task_unlock(current->group_leader);
}

/* AppArmor's names of the resources, by Linux resource number. */
static const char *const vigil_rlimit_names[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = "cpu",		[RLIMIT_FSIZE] = "fsize",
	[RLIMIT_DATA] = "data",		[RLIMIT_STACK] = "stack",
	[RLIMIT_CORE] = "core",		[RLIMIT_RSS] = "rss",
	[RLIMIT_NPROC] = "nproc",	[RLIMIT_NOFILE] = "nofile",
	[RLIMIT_MEMLOCK] = "memlock",	[RLIMIT_AS] = "as",
	[RLIMIT_LOCKS] = "locks",	[RLIMIT_SIGPENDING] = "sigpending",
	[RLIMIT_MSGQUEUE] = "msgqueue",	[RLIMIT_NICE] = "nice",
	[RLIMIT_RTPRIO] = "rtprio",	[RLIMIT_RTTIME] = "rttime",
};

/* The audit record of a setrlimit decision: the resource and value. */
struct vigil_rlimit_audit {
	struct vigil_audit ad;
	unsigned int resource;
	u64 value;
};

static void vigil_rlimit_audit_post(struct audit_buffer *ab, void *va)
{
	struct vigil_audit *ad = container_of((struct common_audit_data *)va,
					      struct vigil_audit, common);
	struct vigil_rlimit_audit *ra = container_of(ad,
						     struct vigil_rlimit_audit,
						     ad);

	audit_log_format(ab, " rlimit=%s value=%llu",
			 vigil_rlimit_names[ra->resource], ra->value);
}

/* Whether the profile's rules let @resource's hard limit be @max. */
static int vigil_rlimit_decide(struct vigil_profile *profile,
			       unsigned int resource, u64 max)
{
	const struct vigil_profile_record *record = &profile->record;
	struct vigil_perms perms = { .allow = 1 };
	struct vigil_decision decision;
	struct vigil_rlimit_audit ra = {
		.ad = {
			.op = "setrlimit",
			.class = "rlimits",
			.profile = profile,
			.post = vigil_rlimit_audit_post,
		},
		.resource = resource,
		.value = max,
	};
	unsigned int i;

	for (i = 0; i < VIGIL_RLIMIT_COUNT; i++)
		if (vigil_policy_rlimits[i] == resource &&
		    (record->rlimit_mask & (1U << i)) &&
		    max > record->rlimit_max[i])
			perms.allow = 0;
	vigil_perms_apply_modes(&perms, profile->mode,
				record->audit_all ? VIGIL_AUDIT_ALL :
						    VIGIL_AUDIT_NORMAL);
	vigil_perms_decide(&perms, 1, &decision);
	ra.ad.type = decision.type;
	return vigil_audit_finish(&ra.ad, decision.error);
}

static int vigil_task_setrlimit(struct task_struct *task,
				unsigned int resource, struct rlimit *new_rlim)
{
	struct vigil_profile *profile = vigil_current_confined();
	struct vigil_label *peer;
	const struct cred *cred;
	bool other_label;
	int error;

	if (!profile)
		return 0;
	cred = get_task_cred(task);
	peer = vigil_label_newest(*vigil_cred_label(cred));
	put_cred(cred);
	other_label = peer != &profile->label;
	vigil_label_put(peer);
	/* Setting another profile's limits takes CAP_SYS_RESOURCE only. */
	if (other_label && ns_capable_noaudit(&init_user_ns, CAP_SYS_RESOURCE))
		error = 0;
	else
		error = vigil_rlimit_decide(profile, resource,
					    new_rlim->rlim_max);
	vigil_profile_put(profile);
	return error;
}

static struct security_hook_list vigil_rlimit_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_setrlimit, vigil_task_setrlimit),
};

/**
 * vigil_rlimit_init - install the setrlimit hook
 */
void __init vigil_rlimit_init(void)
{
	security_add_hooks(vigil_rlimit_hooks, ARRAY_SIZE(vigil_rlimit_hooks),
			   &vigil_lsmid);
}
