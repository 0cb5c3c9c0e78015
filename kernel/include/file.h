/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - file and path mediation
 */

#ifndef _VIGIL_FILE_H
#define _VIGIL_FILE_H

#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/path.h>
#include <linux/spinlock.h>

#include "policy.h"

/**
 * struct vigil_file_ctx - what Vigil remembers about an open file
 * @lock: protects @checked and @allow
 * @label: label of the task that opened it (holds a reference)
 * @checked: the last other label a full check allowed, or NULL (holds
 *	a reference)
 * @allow: permissions already granted to @label and @checked, so that
 *	reads and writes through the file need no new lookup
 */
struct vigil_file_ctx {
	spinlock_t lock;	/* @checked and @allow */
	struct vigil_label *label;
	struct vigil_label *checked;
	u32 allow;
};

/**
 * struct vigil_path_cond - the object facts a file rule depends on
 * @ouid: owner of the object (the task's fsuid for one being created)
 * @mode: its inode mode; directories get a trailing "/" in their name
 */
struct vigil_path_cond {
	kuid_t ouid;
	umode_t mode;
};

/**
 * vigil_inode_cond - the conditions of an existing object
 * @inode: its inode
 *
 * Return: owner and mode of @inode.
 */
static inline struct vigil_path_cond vigil_inode_cond(const struct inode *inode)
{
	return (struct vigil_path_cond){ .ouid = inode->i_uid,
					 .mode = inode->i_mode };
}

int vigil_path_perm(struct vigil_profile *profile, const char *op,
		    const struct path *path, u32 request,
		    const struct vigil_path_cond *cond);
const struct vigil_perms *vigil_profile_file_perms(struct vigil_profile *profile,
						   const char *name,
						   const struct vigil_path_cond *cond,
						   u32 *state);
char *vigil_path_name(const struct path *path, bool is_dir, char **buf);
struct vigil_profile *vigil_current_confined(void);
void vigil_revalidate_inherited(struct vigil_label *new);
void __init vigil_file_init(void);

#endif /* _VIGIL_FILE_H */
