// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - "set rlimit" rules
 *
 * A profile's rlimit rules cap the hard limits of the tasks that enter
 * it. Leaving a profile that limited a resource lowers the soft limit
 * back to at most init's soft limit, so a limit meant for one profile
 * does not leak upwards into the next as a soft default.
 */

#include <linux/init_task.h>
#include <linux/resource.h>
#include <linux/sched/signal.h>

#include "include/policy.h"
#include "include/rlimit.h"

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
