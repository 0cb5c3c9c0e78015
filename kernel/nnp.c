// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - domain changes of a task with no_new_privs set
 *
 * no_new_privs promises that nothing the task does gains it rights, so
 * a confined task under it may only move to a label that still holds
 * every profile it was confined by when no_new_privs was first seen
 * (the same profile, or that profile with others stacked on it). The
 * label of that moment is kept in the task context, because the kernel
 * has no hook for the prctl() that sets the flag. Unconfined tasks
 * are not restricted: any profile they enter only takes rights away.
 */

#include <linux/sched/task.h>
#include <linux/string.h>

#include "include/nnp.h"
#include "include/policy.h"

/**
 * vigil_nnp_note - remember the label no_new_privs was first seen under
 * @ctx: the current task's context
 * @label: the current task's label
 * @no_new_privs: whether no_new_privs is set for this change
 *
 * Called before every domain change; only the first confined label
 * counts, and an unconfined task has nothing to keep.
 */
void vigil_nnp_note(struct vigil_task_ctx *ctx, struct vigil_label *label,
		    bool no_new_privs)
{
	if (!no_new_privs || ctx->nnp ||
	    (label->flags & VIGIL_LABEL_UNCONFINED))
		return;
	task_lock(current);
	ctx->nnp = vigil_label_get(label);
	task_unlock(current);
}

/*
 * Whether @new holds the profile of @kept. Versions of one profile
 * share its name, so a replaced profile is still the same profile.
 */
static bool vigil_label_holds(struct vigil_label *new, struct vigil_label *kept)
{
	struct vigil_profile *have, *want;

	if (new == kept || (kept->flags & VIGIL_LABEL_UNCONFINED))
		return true;
	have = vigil_label_profile(new);
	want = vigil_label_profile(kept);
	return have->ns == want->ns && !strcmp(have->hname, want->hname);
}

/**
 * vigil_nnp_allows - whether no_new_privs lets the task change label
 * @ctx: the current task's context, after vigil_nnp_note()
 * @label: the label the task is leaving
 * @new: the label it would enter
 * @no_new_privs: whether no_new_privs is set for this change
 *
 * Return: false if the change must fail with -EPERM ("no new privs").
 */
bool vigil_nnp_allows(const struct vigil_task_ctx *ctx,
		      struct vigil_label *label, struct vigil_label *new,
		      bool no_new_privs)
{
	if (!no_new_privs || (label->flags & VIGIL_LABEL_UNCONFINED) ||
	    !ctx->nnp)
		return true;
	return vigil_label_holds(new, ctx->nnp);
}
