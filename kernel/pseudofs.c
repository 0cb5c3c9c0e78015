// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - the internal filesystem behind policy/
 *
 * As in stock 6.12, /sys/kernel/security/apparmor/policy is a magic
 * link into a kernel-internal filesystem ("apparmorfs") whose tree
 * follows every policy load. A filesystem of its own lets each inode
 * hold a counted reference to the object it shows (a profile's proxy,
 * a load's raw data) and drop it only when the inode is evicted, so an
 * open file stays safe after its object has left the tree.
 */

#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/magic.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/slab.h>

#include "include/policy.h"
#include "include/pseudofs.h"

#define VIGIL_FS_NAME "apparmorfs"

static struct vfsmount *vigil_fs_mnt __ro_after_init;

/**
 * struct vigil_fs_node - what an inode of the filesystem refers to
 * @obj: the object; the node holds one reference to it
 * @put: drops that reference when the inode is evicted
 */
struct vigil_fs_node {
	void *obj;
	void (*put)(void *obj);
};

static void vigil_fs_evict(struct inode *inode)
{
	struct vigil_fs_node *node = inode->i_private;

	clear_inode(inode);
	if (node) {
		node->put(node->obj);
		kfree(node);
	}
	inode->i_private = NULL;
}

static int vigil_fs_show_path(struct seq_file *seq, struct dentry *dentry)
{
	seq_printf(seq, "%s:[%lu]", VIGIL_FS_NAME, d_inode(dentry)->i_ino);
	return 0;
}

static const struct super_operations vigil_fs_super_ops = {
	.statfs = simple_statfs,
	.evict_inode = vigil_fs_evict,
	.show_path = vigil_fs_show_path,
};

static int vigil_fs_fill_super(struct super_block *sb, struct fs_context *fc)
{
	static const struct tree_descr no_files[] = { {""} };
	int err;

	err = simple_fill_super(sb, AAFS_MAGIC, no_files);
	if (err)
		return err;
	sb->s_op = &vigil_fs_super_ops;
	return 0;
}

static int vigil_fs_get_tree(struct fs_context *fc)
{
	return get_tree_single(fc, vigil_fs_fill_super);
}

static const struct fs_context_operations vigil_fs_context_ops = {
	.get_tree = vigil_fs_get_tree,
};

static int vigil_fs_init_fs_context(struct fs_context *fc)
{
	fc->ops = &vigil_fs_context_ops;
	return 0;
}

/* Never registered: it cannot be mounted from userspace. */
static struct file_system_type vigil_fs_type = {
	.name = VIGIL_FS_NAME,
	.init_fs_context = vigil_fs_init_fs_context,
	.kill_sb = kill_anon_super,
};

/**
 * vigil_fs_object - the object an inode of the filesystem shows
 * @inode: inode made by vigil_fs_create()
 *
 * Return: the object, valid as long as the inode is.
 */
void *vigil_fs_object(const struct inode *inode)
{
	const struct vigil_fs_node *node = inode->i_private;

	return node ? node->obj : NULL;
}

/**
 * vigil_fs_create - create a file, directory or symlink
 * @name: entry name
 * @mode: S_IFREG, S_IFDIR or S_IFLNK with permission bits
 * @parent: directory to create it in; NULL for the filesystem root
 * @obj: object the inode refers to, or NULL
 * @put: drops a reference to @obj
 * @fops: file operations of a regular file
 * @iops: inode operations of a symlink or special directory
 *
 * The caller passes one reference to @obj, which the inode keeps until
 * it is evicted; on failure the reference is dropped here.
 *
 * Return: the new dentry, pinned until vigil_fs_remove(), or an
 * ERR_PTR (-EEXIST when @name exists, -ENOMEM).
 */
struct dentry *vigil_fs_create(const char *name, umode_t mode,
			       struct dentry *parent, void *obj,
			       void (*put)(void *obj),
			       const struct file_operations *fops,
			       const struct inode_operations *iops)
{
	struct vigil_fs_node *node = NULL;
	struct dentry *dentry;
	struct inode *dir, *inode;
	int err = -ENOMEM;
	size_t name_len;

	if (obj) {
		node = kmalloc(sizeof(*node), GFP_KERNEL);
		if (!node)
			goto fail;
		node->obj = obj;
		node->put = put;
	}
	if (!parent)
		parent = vigil_fs_mnt->mnt_root;
	dir = d_inode(parent);
	name_len = strlen(name);
	inode_lock(dir);
	dentry = lookup_one_len(name, parent, name_len);
	if (IS_ERR(dentry)) {
		err = PTR_ERR(dentry);
		goto fail_unlock;
	}
	if (d_really_is_positive(dentry)) {
		err = -EEXIST;
		goto fail_dput;
	}
	inode = new_inode(dir->i_sb);
	if (!inode)
		goto fail_dput;
	inode->i_ino = get_next_ino();
	inode->i_mode = mode;
	simple_inode_init_ts(inode);
	inode->i_private = node;
	switch (mode & S_IFMT) {
	case S_IFDIR:
		inode->i_fop = &simple_dir_operations;
		inode->i_op = iops ?: &simple_dir_inode_operations;
		/* The new directory's "." and its ".." in the parent. */
		inc_nlink(inode);
		inc_nlink(dir);
		break;
	case S_IFLNK:
		inode->i_op = iops;
		break;
	default:
		inode->i_fop = fops;
		break;
	}
	d_instantiate(dentry, inode);
	inode_unlock(dir);
	return dentry;

fail_dput:
	dput(dentry);
fail_unlock:
	inode_unlock(dir);
fail:
	kfree(node);
	if (obj)
		put(obj);
	return ERR_PTR(err);
}

/**
 * vigil_fs_remove - remove an entry and everything below it
 * @dentry: entry from vigil_fs_create(), or NULL
 *
 * Open files keep their inodes, and so their objects, until closed.
 */
void vigil_fs_remove(struct dentry *dentry)
{
	if (!IS_ERR_OR_NULL(dentry))
		simple_recursive_removal(dentry, NULL);
}

static const char *vigil_policy_link_get(struct dentry *dentry,
					 struct inode *inode,
					 struct delayed_call *done)
{
	struct path path;

	if (!dentry)
		return ERR_PTR(-ECHILD);
	/* Only the root namespace exists: every task sees its policy. */
	path.mnt = mntget(vigil_fs_mnt);
	path.dentry = dget(vigil_root_ns.files.dir);
	return ERR_PTR(nd_jump_link(&path));
}

static int vigil_policy_link_read(struct dentry *dentry, char __user *ubuf,
				  int len)
{
	char text[32];

	snprintf(text, sizeof(text), "%s:[%lu]", VIGIL_FS_NAME,
		 d_inode(dentry)->i_ino);
	return readlink_copy(ubuf, len, text);
}

/* The magic link: like /proc/<pid>/ns/ files, it jumps into a tree. */
const struct inode_operations vigil_policy_link_iops = {
	.readlink = vigil_policy_link_read,
	.get_link = vigil_policy_link_get,
};

/**
 * vigil_fs_init - mount the internal filesystem
 *
 * Return: 0 or a negative errno.
 */
int __init vigil_fs_init(void)
{
	struct vfsmount *mnt = kern_mount(&vigil_fs_type);

	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	/* Path walks through the magic link must be able to enter it. */
	mnt->mnt_sb->s_flags &= ~SB_NOUSER;
	vigil_fs_mnt = mnt;
	return 0;
}
