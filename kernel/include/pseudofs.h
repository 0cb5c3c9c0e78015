/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - the internal filesystem behind policy/
 */

#ifndef _VIGIL_PSEUDOFS_H
#define _VIGIL_PSEUDOFS_H

#include <linux/fs.h>
#include <linux/init.h>

extern const struct inode_operations vigil_policy_link_iops;

int __init vigil_fs_init(void);
void *vigil_fs_object(const struct inode *inode);
struct dentry *vigil_fs_create(const char *name, umode_t mode,
			       struct dentry *parent, void *obj,
			       void (*put)(void *obj),
			       const struct file_operations *fops,
			       const struct inode_operations *iops);
void vigil_fs_remove(struct dentry *dentry);

#endif /* _VIGIL_PSEUDOFS_H */
