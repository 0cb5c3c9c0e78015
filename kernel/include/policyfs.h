/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - the policy files of the securityfs interface
 */

#ifndef _VIGIL_POLICYFS_H
#define _VIGIL_POLICYFS_H

#include <linux/init.h>

struct dentry;

int __init vigil_policyfs_init(struct dentry *root);

#endif /* _VIGIL_POLICYFS_H */
