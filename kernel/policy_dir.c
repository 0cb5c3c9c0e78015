// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - policy/: a namespace and its profiles in the
 * internal filesystem, laid out as stock 6.12 lays them out
 *
 *   policy/{.load,.replace,.remove,revision,namespaces/,raw_data/}
 *   policy/profiles/<dirname>/{name,mode,attach,sha256}
 *   policy/profiles/<dirname>/{raw_data,raw_abi,raw_sha256} -> raw_data/
 *   policy/profiles/<dirname>/profiles/<child dirname>/...
 *
 * Every profile file holds the profile's proxy, so it shows whatever
 * version of the profile is current: a replacement keeps the directory
 * and changes what its files say.
 */

#include <linux/ctype.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "include/policy.h"
#include "include/policy_dir.h"
#include "include/policyfs.h"
#include "include/pseudofs.h"
#include "include/rawdata.h"

/* One character of a directory name, or 0 to leave it out. */
static char vigil_mangle_char(char c)
{
	if (isalnum(c) || c == '.' || c == '_' || c == '-')
		return c;
	if (c == '/')
		return '.';
	return isspace(c) ? '_' : 0;
}

/**
 * vigil_mangle_name - a profile name as a directory name
 * @name: NUL-terminated profile base name
 * @out: buffer of at least the returned length + 1, or NULL to measure
 *
 * Leading '/' and '.' go, '/' becomes '.', white space becomes '_',
 * and anything but letters, digits, '.', '_' and '-' is dropped.
 *
 * Return: the length of the mangled name.
 */
size_t vigil_mangle_name(const char *name, char *out)
{
	size_t len = 0;
	char c;

	name += strspn(name, "/.");
	for (; *name; name++) {
		c = vigil_mangle_char(*name);
		if (!c)
			continue;
		if (out)
			out[len] = c;
		len++;
	}
	if (out)
		out[len] = '\0';
	return len;
}

/* The current profile behind a proxy, referenced; NULL before it is live. */
static struct vigil_profile *vigil_proxy_profile(struct vigil_proxy *proxy)
{
	struct vigil_label *label;

	rcu_read_lock();
	do {
		label = rcu_dereference(proxy->label);
	} while (label && !kref_get_unless_zero(&label->count));
	rcu_read_unlock();
	return label ? vigil_label_profile(label) : NULL;
}

static void vigil_proxy_put_obj(void *obj)
{
	vigil_proxy_put(obj);
}

static int vigil_profile_name_show(struct seq_file *seq,
				   struct vigil_profile *profile)
{
	seq_printf(seq, "%s\n", profile->base);
	return 0;
}

static int vigil_profile_mode_show(struct seq_file *seq,
				   struct vigil_profile *profile)
{
	seq_printf(seq, "%s\n", vigil_mode_name(profile->mode));
	return 0;
}

static int vigil_profile_attach_show(struct seq_file *seq,
				     struct vigil_profile *profile)
{
	if (profile->record.attach)
		seq_printf(seq, "%s\n", profile->record.attach);
	else if (profile->record.xmatch.dfa)
		seq_puts(seq, "<unknown>\n");
	else
		seq_printf(seq, "%s\n", profile->base);
	return 0;
}

static int vigil_profile_sha256_show(struct seq_file *seq,
				     struct vigil_profile *profile)
{
	seq_printf(seq, "%*phN\n", (int)sizeof(profile->files.hash),
		   profile->files.hash);
	return 0;
}

/**
 * struct vigil_profile_file - one file of a profile directory
 * @name: file name
 * @show: prints the current profile's value
 */
struct vigil_profile_file {
	const char *name;
	int (*show)(struct seq_file *seq, struct vigil_profile *profile);
};

static const struct vigil_profile_file vigil_profile_files[] = {
	{ "name", vigil_profile_name_show },
	{ "mode", vigil_profile_mode_show },
	{ "attach", vigil_profile_attach_show },
	{ "sha256", vigil_profile_sha256_show },
};

static int vigil_profile_file_show(struct seq_file *seq, void *v)
{
	const struct vigil_profile_file *file = seq->private;
	struct inode *inode = file_inode(seq->file);
	struct vigil_profile *profile;
	int ret;

	profile = vigil_proxy_profile(vigil_fs_object(inode));
	if (!profile)
		return 0;
	ret = file->show(seq, profile);
	vigil_profile_put(profile);
	return ret;
}

static int vigil_profile_file_open(struct inode *inode, struct file *file)
{
	const struct vigil_profile_file *entry = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vigil_profile_files); i++)
		if (!strcmp(vigil_profile_files[i].name,
			    file->f_path.dentry->d_name.name))
			entry = &vigil_profile_files[i];
	if (!entry)
		return -ENOENT;
	return single_open(file, vigil_profile_file_show, (void *)entry);
}

static const struct file_operations vigil_profile_file_fops = {
	.open = vigil_profile_file_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

/*
 * The links of a profile directory into policy/raw_data/<n>/: the
 * link's name and the file of the raw data directory it leads to.
 */
static const struct {
	const char *name;
	const char *file;
} vigil_profile_links[] = {
	{ "raw_sha256", "sha256" },
	{ "raw_abi", "abi" },
	{ "raw_data", "raw_data" },
};

static const char *vigil_profile_link_file(const struct dentry *dentry)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vigil_profile_links); i++)
		if (!strcmp(dentry->d_name.name, vigil_profile_links[i].name))
			return vigil_profile_links[i].file;
	return NULL;
}

/* Resolves every link of vigil_profile_links, by the link's own name. */
static const char *vigil_rawdata_link(struct dentry *dentry,
				      struct inode *inode,
				      struct delayed_call *done)
{
	struct vigil_profile *profile, *p;
	const char *file;
	char *target, *s;
	size_t depth = 0;

	if (!dentry)
		return ERR_PTR(-ECHILD);
	file = vigil_profile_link_file(dentry);
	if (!file)
		return ERR_PTR(-ENOENT);
	profile = vigil_proxy_profile(vigil_fs_object(inode));
	if (!profile)
		return ERR_PTR(-ENOENT);
	if (!profile->files.rawdata) {
		vigil_profile_put(profile);
		return ERR_PTR(-ENOENT);
	}
	rcu_read_lock();
	for (p = profile; p; p = READ_ONCE(p->parent))
		depth++;
	rcu_read_unlock();
	target = kmalloc(depth * 6 + sizeof("raw_data/") +
			 strlen(profile->files.rawdata->name) + 1 +
			 strlen(file), GFP_KERNEL);
	if (!target) {
		vigil_profile_put(profile);
		return ERR_PTR(-ENOMEM);
	}
	for (s = target; depth; depth--)
		s += sprintf(s, "../../");
	sprintf(s, "raw_data/%s/%s", profile->files.rawdata->name, file);
	vigil_profile_put(profile);
	set_delayed_call(done, kfree_link, target);
	return target;
}

static const struct inode_operations vigil_rawdata_link_iops = {
	.get_link = vigil_rawdata_link,
};

static struct vigil_proxy *vigil_proxy_get(struct vigil_proxy *proxy)
{
	kref_get(&proxy->count);
	return proxy;
}

static int vigil_profile_fill_dir(struct vigil_profile *profile,
				  struct dentry *dir)
{
	struct vigil_proxy *proxy = profile->label.proxy;
	struct dentry *dentry;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vigil_profile_files); i++) {
		dentry = vigil_fs_create(vigil_profile_files[i].name,
					 S_IFREG | 0444, dir,
					 vigil_proxy_get(proxy),
					 vigil_proxy_put_obj,
					 &vigil_profile_file_fops, NULL);
		if (IS_ERR(dentry))
			return PTR_ERR(dentry);
	}
	if (!profile->files.rawdata)
		return 0;
	for (i = 0; i < ARRAY_SIZE(vigil_profile_links); i++) {
		dentry = vigil_fs_create(vigil_profile_links[i].name,
					 S_IFLNK | 0444, dir,
					 vigil_proxy_get(proxy),
					 vigil_proxy_put_obj, NULL,
					 &vigil_rawdata_link_iops);
		if (IS_ERR(dentry))
			return PTR_ERR(dentry);
	}
	return 0;
}

/**
 * vigil_profile_files_create - make the directory of a new profile
 * @ns: namespace, its lock held
 * @profile: profile not yet in the tree, without a directory
 * @parent: profile whose profiles/ directory it goes in (in the tree,
 *	or earlier in the same load), or NULL for the namespace's
 *
 * Return: 0, -ENOENT when @parent has no directory, or another
 * negative errno; on error @profile has no directory (a profiles/
 * directory made for @parent stays, as in stock).
 */
int vigil_profile_files_create(struct vigil_ns *ns,
			       struct vigil_profile *profile,
			       struct vigil_profile *parent)
{
	struct dentry *where = ns->files.profiles, *dir;
	size_t len;
	int err;

	lockdep_assert_held(&ns->lock);
	if (parent) {
		if (!parent->files.dir)
			return -ENOENT;
		if (!parent->files.children) {
			dir = vigil_fs_create("profiles", S_IFDIR | 0755,
					      parent->files.dir, NULL, NULL,
					      NULL, NULL);
			if (IS_ERR(dir))
				return PTR_ERR(dir);
			parent->files.children = dir;
		}
		where = parent->files.children;
	}
	if (!profile->files.dirname) {
		len = vigil_mangle_name(profile->base, NULL);
		profile->files.dirname = kasprintf(GFP_KERNEL, "%*s.%ld",
						   (int)len, "",
						   ns->files.next_id);
		if (!profile->files.dirname)
			return -ENOMEM;
		vigil_mangle_name(profile->base, profile->files.dirname);
		profile->files.dirname[len] = '.';
		ns->files.next_id++;
	}
	dir = vigil_fs_create(profile->files.dirname, S_IFDIR | 0755, where,
			      NULL, NULL, NULL, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	err = vigil_profile_fill_dir(profile, dir);
	if (err) {
		vigil_fs_remove(dir);
		return err;
	}
	profile->files.dir = dir;
	return 0;
}

/**
 * vigil_profile_files_migrate - a replacement takes over a directory
 * @old: profile being replaced, ns lock held
 * @new: its replacement, which shares @old's proxy
 */
void vigil_profile_files_migrate(struct vigil_profile *old,
				 struct vigil_profile *new)
{
	swap(new->files.dirname, old->files.dirname);
	new->files.dir = old->files.dir;
	new->files.children = old->files.children;
	old->files.dir = NULL;
	old->files.children = NULL;
}

/**
 * vigil_profile_files_remove - remove a profile's directory and those
 *	of its descendants
 * @profile: profile leaving the tree, ns lock held
 */
void vigil_profile_files_remove(struct vigil_profile *profile)
{
	vigil_fs_remove(profile->files.dir);
	profile->files.dir = NULL;
	profile->files.children = NULL;
}

/**
 * vigil_profile_files_release - free what a freed profile held
 * @profile: profile with no references left; may run in RCU callback
 *	context
 */
void vigil_profile_files_release(struct vigil_profile *profile)
{
	vigil_rawdata_put_user(profile->files.rawdata);
	kfree(profile->files.dirname);
}

/**
 * vigil_ns_files_init - make the policy directory of the root namespace
 * @ns: the root namespace
 *
 * Return: 0 or a negative errno.
 */
int __init vigil_ns_files_init(struct vigil_ns *ns)
{
	static const struct {
		const char *name;
		umode_t mode;
		const struct file_operations *fops;
	} files[] = {
		{ "revision", S_IFREG | 0444, &vigil_revision_fops },
		{ ".load", S_IFREG | 0640, &vigil_load_fops },
		{ ".replace", S_IFREG | 0640, &vigil_replace_fops },
		{ ".remove", S_IFREG | 0640, &vigil_remove_fops },
		{ "namespaces", S_IFDIR | 0755, NULL },
	};
	struct dentry *dentry;
	size_t i;

	ns->files.dir = vigil_fs_create(".policy", S_IFDIR | 0755, NULL, NULL,
					NULL, NULL, NULL);
	if (IS_ERR(ns->files.dir))
		return PTR_ERR(ns->files.dir);
	ns->files.profiles = vigil_fs_create("profiles", S_IFDIR | 0755,
					     ns->files.dir, NULL, NULL, NULL,
					     NULL);
	if (IS_ERR(ns->files.profiles))
		return PTR_ERR(ns->files.profiles);
	ns->files.raw_data = vigil_fs_create("raw_data", S_IFDIR | 0755,
					     ns->files.dir, NULL, NULL, NULL,
					     NULL);
	if (IS_ERR(ns->files.raw_data))
		return PTR_ERR(ns->files.raw_data);
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		dentry = vigil_fs_create(files[i].name, files[i].mode,
					 ns->files.dir, NULL, NULL,
					 files[i].fops, NULL);
		if (IS_ERR(dentry))
			return PTR_ERR(dentry);
	}
	return 0;
}
