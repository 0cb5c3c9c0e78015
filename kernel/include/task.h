/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - the label of a task, kept in its credentials
 */

#ifndef _VIGIL_TASK_H
#define _VIGIL_TASK_H

#include <linux/cred.h>
#include <linux/lsm_hooks.h>

#include "label.h"

extern struct lsm_blob_sizes vigil_blob_sizes;

/**
 * vigil_cred_label - the label slot in a credential's security blob
 * @cred: credentials
 *
 * Return: pointer to the slot; the slot holds a reference.
 */
static inline struct vigil_label **vigil_cred_label(const struct cred *cred)
{
	return cred->security + vigil_blob_sizes.lbs_cred;
}

struct vigil_label *vigil_current_label(void);
void __init vigil_task_init(struct vigil_label *first);

#endif /* _VIGIL_TASK_H */
