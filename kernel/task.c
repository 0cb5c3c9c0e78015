// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - task labels in credentials
 *
 * Every credential holds one reference to a label. The label may go
 * stale when its profile is replaced or removed; readers always go
 * through vigil_label_newest(), so a task's confinement follows
 * replacement at once without touching its credentials.
 */

#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "include/attr.h"
#include "include/file.h"
#include "include/lsm.h"
#include "include/task.h"

struct lsm_blob_sizes vigil_blob_sizes __ro_after_init = {
	.lbs_cred = sizeof(struct vigil_label *),
	.lbs_file = sizeof(struct vigil_file_ctx),
	.lbs_task = sizeof(struct vigil_task_ctx),
};

static int vigil_cred_alloc_blank(struct cred *cred, gfp_t gfp)
{
	*vigil_cred_label(cred) = NULL;
	return 0;
}

static void vigil_cred_free(struct cred *cred)
{
	struct vigil_label **slot = vigil_cred_label(cred);

	vigil_label_put(*slot);
	*slot = NULL;
}

static int vigil_cred_prepare(struct cred *new, const struct cred *old,
			      gfp_t gfp)
{
	*vigil_cred_label(new) = vigil_label_get(*vigil_cred_label(old));
	return 0;
}

static void vigil_cred_transfer(struct cred *new, const struct cred *old)
{
	*vigil_cred_label(new) = vigil_label_get(*vigil_cred_label(old));
}

/**
 * vigil_current_label - the current version of the calling task's label
 *
 * Return: a new reference; never NULL once Vigil is initialised.
 */
struct vigil_label *vigil_current_label(void)
{
	return vigil_label_newest(*vigil_cred_label(current_cred()));
}

static struct security_hook_list vigil_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(cred_alloc_blank, vigil_cred_alloc_blank),
	LSM_HOOK_INIT(cred_free, vigil_cred_free),
	LSM_HOOK_INIT(cred_prepare, vigil_cred_prepare),
	LSM_HOOK_INIT(cred_transfer, vigil_cred_transfer),
};

/**
 * vigil_task_init - label the boot task and install the task hooks
 * @first: label of the boot task, inherited by every task after it
 */
void __init vigil_task_init(struct vigil_label *first)
{
	/* The boot task's credentials are not shared with anyone yet. */
	struct cred *cred = (__force struct cred *)current->real_cred;

	*vigil_cred_label(cred) = vigil_label_get(first);
	security_add_hooks(vigil_task_hooks, ARRAY_SIZE(vigil_task_hooks),
			   &vigil_lsmid);
}
