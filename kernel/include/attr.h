/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - the attr files: change_profile, change_onexec and
 * change_hat, and what a task has pending for its next exec
 */

#ifndef _VIGIL_ATTR_H
#define _VIGIL_ATTR_H

#include <linux/init.h>
#include <linux/sched.h>

#include "label.h"

/**
 * struct vigil_task_ctx - per-task state of the attr interface
 * @onexec: label to enter at the next exec (holds a reference), or NULL
 * @previous: label to return to from a hat (holds a reference), or NULL
 * @token: the magic that must come with the return from a hat
 * @nnp: label the task had when no_new_privs was first seen (holds a
 *	reference), or NULL; kept across exec, see nnp.c
 * @reattach: task work that moves the task out of the boot profile
 * @flags: VIGIL_TASK_* bits, changed atomically
 */
struct vigil_task_ctx {
	struct vigil_label *onexec;
	struct vigil_label *previous;
	u64 token;
	struct vigil_label *nnp;
	struct callback_head reattach;
	unsigned long flags;
};

/* @reattach is queued and has not run yet (bit number in @flags). */
#define VIGIL_TASK_REATTACH_QUEUED	0

struct vigil_task_ctx *vigil_task_ctx(const struct task_struct *task);
void vigil_task_ctx_clear(struct vigil_task_ctx *ctx);
int vigil_commit_label(struct vigil_label *label);
void __init vigil_attr_init(void);

#endif /* _VIGIL_ATTR_H */
