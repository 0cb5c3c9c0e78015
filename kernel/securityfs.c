// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - the /sys/kernel/security/apparmor/ interface
 *
 * The features/ tree, and the policy files of policyfs.c.
 */

#define pr_fmt(fmt) "AppArmor: " fmt

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/security.h>
#include <linux/slab.h>

#include "include/features.h"
#include "include/lsm.h"
#include "include/policyfs.h"

static struct dentry *vigil_securityfs_root __ro_after_init;

static ssize_t vigil_feature_read(struct file *file, char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	const struct vigil_feature *feature = file_inode(file)->i_private;
	size_t len = vigil_feature_format(feature, NULL, 0);
	ssize_t ret;
	char *text;

	text = kmalloc(len + 1, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	vigil_feature_format(feature, text, len + 1);
	ret = simple_read_from_buffer(ubuf, count, ppos, text, len);
	kfree(text);
	return ret;
}

static const struct file_operations vigil_feature_fops = {
	.read = vigil_feature_read,
	.llseek = default_llseek,
};

static int __init vigil_features_populate(struct dentry *parent,
					  const struct vigil_feature *table)
{
	const struct vigil_feature *entry;
	struct dentry *dentry;
	int err;

	for (entry = table; entry->kind != VIGIL_FEATURE_END; entry++) {
		if (entry->kind == VIGIL_FEATURE_DIR) {
			dentry = securityfs_create_dir(entry->name, parent);
			if (IS_ERR(dentry))
				return PTR_ERR(dentry);
			err = vigil_features_populate(dentry,
						      entry->value.children);
			if (err)
				return err;
			continue;
		}
		/* The entry is static and read-only; i_private is untyped. */
		dentry = securityfs_create_file(entry->name, 0444, parent,
						(void *)entry,
						&vigil_feature_fops);
		if (IS_ERR(dentry))
			return PTR_ERR(dentry);
	}
	return 0;
}

static int __init vigil_securityfs_init(void)
{
	struct dentry *features;
	int err;

	if (!vigil_initialized)
		return 0;

	/*
	 * A malformed table is a build defect; publish nothing rather
	 * than a half-made tree.
	 */
	err = vigil_features_validate(vigil_features);
	if (err) {
		pr_err("features table is malformed, securityfs not created\n");
		return err;
	}

	vigil_securityfs_root = securityfs_create_dir(VIGIL_LSM_NAME, NULL);
	if (IS_ERR(vigil_securityfs_root)) {
		err = PTR_ERR(vigil_securityfs_root);
		vigil_securityfs_root = NULL;
		goto fail;
	}

	features = securityfs_create_dir("features", vigil_securityfs_root);
	if (IS_ERR(features)) {
		err = PTR_ERR(features);
		goto fail_remove;
	}

	err = vigil_features_populate(features, vigil_features);
	if (err)
		goto fail_remove;
	err = vigil_policyfs_init(vigil_securityfs_root);
	if (err)
		goto fail_remove;
	return 0;

fail_remove:
	securityfs_recursive_remove(vigil_securityfs_root);
	vigil_securityfs_root = NULL;
fail:
	pr_err("could not create securityfs interface: %d\n", err);
	return err;
}
fs_initcall(vigil_securityfs_init);
