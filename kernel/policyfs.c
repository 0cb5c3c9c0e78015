// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - .load, .replace, .remove, profiles and revision
 *
 * The root namespace's policy interface in
 * /sys/kernel/security/apparmor/. Writes are one whole buffer at offset
 * 0; the buffer is copied before anything looks at it.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

#include "include/policy.h"
#include "include/policy_audit.h"
#include "include/policy_load.h"
#include "include/policy_dir.h"
#include "include/policyfs.h"
#include "include/pseudofs.h"
#include "include/query.h"
#include "include/task.h"

/* Only the opener's own label, or an unconfined opener, covers a writer. */
static bool vigil_label_covers(const struct cred *opener,
			       const struct cred *writer)
{
	struct vigil_label *o = vigil_label_newest(*vigil_cred_label(opener));
	struct vigil_label *w = vigil_label_newest(*vigil_cred_label(writer));
	bool covers = (o->flags & VIGIL_LABEL_UNCONFINED) || o == w;

	vigil_label_put(o);
	vigil_label_put(w);
	return covers;
}

/*
 * Policy administration: the writer must be root in the initial user
 * namespace with CAP_MAC_ADMIN, and, when the file was opened by other
 * credentials, must not hold more than the opener did.
 */
static int vigil_may_manage_policy(struct file *file, const char *op)
{
	const struct cred *cred = current_cred();
	const struct cred *opener = file->f_cred;

	if (opener != cred &&
	    (opener->user_ns != cred->user_ns ||
	     !cap_issubset(cred->cap_effective, opener->cap_effective) ||
	     !cap_issubset(cred->cap_permitted, opener->cap_permitted) ||
	     !vigil_label_covers(opener, cred))) {
		vigil_audit_policy(op, NULL, NULL,
				   "not privileged for target profile",
				   -EACCES);
		return -EACCES;
	}
	if (cred->user_ns != &init_user_ns ||
	    (!uid_eq(cred->euid, GLOBAL_ROOT_UID) &&
	     !gid_eq(cred->egid, GLOBAL_ROOT_GID)) ||
	    !capable(CAP_MAC_ADMIN)) {
		vigil_audit_policy(op, NULL, NULL, "not policy admin",
				   -EACCES);
		return -EACCES;
	}
	return 0;
}

static ssize_t vigil_policy_update(struct file *file, const char __user *ubuf,
				   size_t size, loff_t *ppos, bool replace)
{
	ssize_t ret;
	void *data;

	/* As stock: a non-admin learns nothing, not even about ppos. */
	ret = vigil_may_manage_policy(file, replace ? VIGIL_OP_PROFILE_REPLACE :
				      VIGIL_OP_PROFILE_LOAD);
	if (ret)
		return ret;
	if (*ppos != 0)
		return -ESPIPE;
	data = vmemdup_user(ubuf, size);
	if (IS_ERR(data))
		return PTR_ERR(data);
	ret = vigil_policy_replace(&vigil_root_ns, data, size, replace);
	kvfree(data);
	return ret;
}

static ssize_t vigil_load_write(struct file *file, const char __user *ubuf,
				size_t size, loff_t *ppos)
{
	return vigil_policy_update(file, ubuf, size, ppos, false);
}

static ssize_t vigil_replace_write(struct file *file, const char __user *ubuf,
				   size_t size, loff_t *ppos)
{
	return vigil_policy_update(file, ubuf, size, ppos, true);
}

static ssize_t vigil_remove_write(struct file *file, const char __user *ubuf,
				  size_t size, loff_t *ppos)
{
	ssize_t ret;
	char *name;

	ret = vigil_may_manage_policy(file, VIGIL_OP_PROFILE_REMOVE);
	if (ret)
		return ret;
	if (*ppos != 0)
		return -ESPIPE;
	/*
	 * The name ends at the first NUL; a trailing newline is kept.
	 * kvmalloc(): the size is the writer's, up to MAX_RW_COUNT.
	 */
	name = kvmalloc(size + 1, GFP_KERNEL);
	if (!name)
		return -ENOMEM;
	if (copy_from_user(name, ubuf, size)) {
		kvfree(name);
		return -EFAULT;
	}
	name[size] = '\0';
	ret = vigil_policy_remove(&vigil_root_ns, name, size);
	kvfree(name);
	return ret;
}

const struct file_operations vigil_load_fops = {
	.write = vigil_load_write,
	.llseek = default_llseek,
};

const struct file_operations vigil_replace_fops = {
	.write = vigil_replace_write,
	.llseek = default_llseek,
};

const struct file_operations vigil_remove_fops = {
	.write = vigil_remove_write,
	.llseek = default_llseek,
};

/* Depth first, a profile before its children, without recursion. */
static struct vigil_profile *vigil_next_profile(struct vigil_ns *ns,
						struct vigil_profile *profile)
{
	struct list_head *list;

	if (!list_empty(&profile->children))
		return list_first_entry(&profile->children,
					struct vigil_profile, list);
	for (; profile; profile = profile->parent) {
		list = profile->parent ? &profile->parent->children :
					 &ns->profiles;
		if (!list_is_last(&profile->list, list))
			return list_next_entry(profile, list);
	}
	return NULL;
}

static int vigil_profiles_show(struct seq_file *seq, void *v)
{
	struct vigil_ns *ns = &vigil_root_ns;
	struct vigil_profile *profile;

	mutex_lock(&ns->lock);
	profile = list_first_entry_or_null(&ns->profiles,
					   struct vigil_profile, list);
	for (; profile; profile = vigil_next_profile(ns, profile))
		seq_printf(seq, "%s (%s)\n", profile->hname,
			   vigil_mode_name(profile->mode));
	mutex_unlock(&ns->lock);
	return 0;
}

/**
 * vigil_may_view_policy - may the caller read loaded policy
 *
 * Return: true for root (uid or gid) in the initial user namespace.
 */
bool vigil_may_view_policy(void)
{
	const struct cred *cred = current_cred();

	return cred->user_ns == &init_user_ns &&
	       (uid_eq(cred->euid, GLOBAL_ROOT_UID) ||
		gid_eq(cred->egid, GLOBAL_ROOT_GID));
}

static int vigil_profiles_open(struct inode *inode, struct file *file)
{
	if (!vigil_may_view_policy())
		return -EACCES;
	return single_open(file, vigil_profiles_show, NULL);
}

static const struct file_operations vigil_profiles_fops = {
	.open = vigil_profiles_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

/**
 * struct vigil_revision_reader - state of one open revision file
 * @last: the revision value last read to the end; starts at 0, so a
 *	first read at revision 0 already waits, as in stock 6.12
 */
struct vigil_revision_reader {
	long last;
};

static int vigil_revision_open(struct inode *inode, struct file *file)
{
	struct vigil_revision_reader *reader;

	reader = kzalloc(sizeof(*reader), GFP_KERNEL);
	if (!reader)
		return -ENOMEM;
	file->private_data = reader;
	return 0;
}

static int vigil_revision_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

/*
 * A read waits while the revision equals the one last read to the
 * end. A read that reaches past the end of the text marks the current
 * revision read and starts over at offset 0, so a large read returns
 * the whole value and the next one waits for a change.
 */
static ssize_t vigil_revision_read(struct file *file, char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	struct vigil_revision_reader *reader = file->private_data;
	struct vigil_ns *ns = &vigil_root_ns;
	char text[24];
	long revision;
	int len;

	if (READ_ONCE(ns->revision) == reader->last) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(ns->wait,
					     READ_ONCE(ns->revision) !=
					     reader->last))
			return -ERESTARTSYS;
	}
	revision = READ_ONCE(ns->revision);
	len = scnprintf(text, sizeof(text), "%ld\n", revision);
	if (*ppos < 0)
		return -EINVAL;
	if (*ppos + count > len) {
		reader->last = revision;
		*ppos = 0;
	}
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static __poll_t vigil_revision_poll(struct file *file, poll_table *wait)
{
	struct vigil_revision_reader *reader = file->private_data;
	struct vigil_ns *ns = &vigil_root_ns;

	poll_wait(file, &ns->wait, wait);
	if (READ_ONCE(ns->revision) != reader->last)
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

const struct file_operations vigil_revision_fops = {
	.open = vigil_revision_open,
	.read = vigil_revision_read,
	.poll = vigil_revision_poll,
	.llseek = generic_file_llseek,
	.release = vigil_revision_release,
};

/*
 * What a task in the root namespace without a stacked label is told
 * about its namespace and label (Vigil has neither nesting nor stacks),
 * and the zstd level range stock accepts for raw data compression.
 */
static const char *const vigil_constant_files[][2] = {
	{ ".stacked", "no\n" },
	{ ".ns_stacked", "no\n" },
	{ ".ns_level", "0\n" },
	{ ".ns_name", "root\n" },
	{ "raw_data_compression_level_min", "-131072\n" },
	{ "raw_data_compression_level_max", "22\n" },
};

static ssize_t vigil_constant_read(struct file *file, char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	const char *text = file_inode(file)->i_private;

	return simple_read_from_buffer(ubuf, count, ppos, text, strlen(text));
}

static const struct file_operations vigil_constant_fops = {
	.read = vigil_constant_read,
	.llseek = default_llseek,
};

/**
 * struct vigil_policy_file - one policy file of the securityfs root
 * @name: file name
 * @mode: permissions; access checks are done on write and open
 * @fops: file operations
 */
struct vigil_policy_file {
	const char *name;
	umode_t mode;
	const struct file_operations *fops;
};

static const struct vigil_policy_file vigil_policy_files[] __initconst = {
	{ ".load", 0666, &vigil_load_fops },
	{ ".replace", 0666, &vigil_replace_fops },
	{ ".remove", 0666, &vigil_remove_fops },
	{ "profiles", 0444, &vigil_profiles_fops },
	{ "revision", 0444, &vigil_revision_fops },
	{ ".access", 0666, &vigil_access_fops },
};

/**
 * vigil_policyfs_init - create the policy files
 * @root: /sys/kernel/security/apparmor
 *
 * Return: 0 or a negative errno; the caller removes @root on failure.
 */
int __init vigil_policyfs_init(struct dentry *root)
{
	struct dentry *dentry;
	size_t i;
	int err;

	err = vigil_fs_init();
	if (err)
		return err;
	err = vigil_ns_files_init(&vigil_root_ns);
	if (err)
		return err;
	dentry = securityfs_create_symlink("policy", root, NULL,
					   &vigil_policy_link_iops);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);

	for (i = 0; i < ARRAY_SIZE(vigil_policy_files); i++) {
		dentry = securityfs_create_file(vigil_policy_files[i].name,
						vigil_policy_files[i].mode,
						root, NULL,
						vigil_policy_files[i].fops);
		if (IS_ERR(dentry))
			return PTR_ERR(dentry);
	}
	for (i = 0; i < ARRAY_SIZE(vigil_constant_files); i++) {
		/* The text is static and read-only; i_private is untyped. */
		dentry = securityfs_create_file(vigil_constant_files[i][0],
						0444, root,
						(void *)vigil_constant_files[i][1],
						&vigil_constant_fops);
		if (IS_ERR(dentry))
			return PTR_ERR(dentry);
	}
	return 0;
}
