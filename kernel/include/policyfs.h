/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - the policy files of the securityfs interface
 */

#ifndef _VIGIL_POLICYFS_H
#define _VIGIL_POLICYFS_H

#include <linux/fs.h>
#include <linux/init.h>

extern const struct file_operations vigil_load_fops;
extern const struct file_operations vigil_replace_fops;
extern const struct file_operations vigil_remove_fops;
extern const struct file_operations vigil_revision_fops;

int __init vigil_policyfs_init(struct dentry *root);
bool vigil_may_view_policy(void);

#endif /* _VIGIL_POLICYFS_H */
