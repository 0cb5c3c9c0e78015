// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - profile objects and the profile tree of a namespace
 *
 * The tree holds one reference to every profile in it. Every walk is
 * iterative: hierarchical names come from userspace and may nest
 * arbitrarily deep, so nothing here recurses on the tree.
 */

#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "include/policy.h"

struct vigil_ns vigil_root_ns;

static const char *const vigil_mode_names[] = {
	[VIGIL_MODE_ENFORCE] = "enforce",
	[VIGIL_MODE_COMPLAIN] = "complain",
	[VIGIL_MODE_KILL] = "kill",
	[VIGIL_MODE_UNCONFINED] = "unconfined",
	[VIGIL_MODE_USER] = "user",
};

/**
 * vigil_mode_name - the name of a profile mode, as userspace shows it
 * @mode: a mode
 *
 * Return: "enforce", "complain", "kill", "unconfined" or "user".
 */
const char *vigil_mode_name(enum vigil_profile_mode mode)
{
	if ((unsigned int)mode >= ARRAY_SIZE(vigil_mode_names))
		return "unknown";
	return vigil_mode_names[mode];
}

/**
 * vigil_profile_alloc - allocate a profile that is not in any tree
 * @hname: hierarchical name, copied
 * @mode: enforcement mode
 * @flags: initial VIGIL_LABEL_* flags
 *
 * Return: a profile with one reference and an empty record, or NULL.
 */
struct vigil_profile *vigil_profile_alloc(const char *hname,
					  enum vigil_profile_mode mode,
					  unsigned long flags)
{
	struct vigil_profile *profile;
	const char *split;

	profile = kzalloc(sizeof(*profile), GFP_KERNEL);
	if (!profile)
		return NULL;
	profile->hname = kstrdup(hname, GFP_KERNEL);
	if (!profile->hname || vigil_label_init(&profile->label)) {
		kfree(profile->hname);
		kfree(profile);
		return NULL;
	}
	profile->base = profile->hname;
	while ((split = strstr(profile->base, "//")))
		profile->base = split + 2;
	INIT_LIST_HEAD(&profile->list);
	INIT_LIST_HEAD(&profile->children);
	profile->mode = mode;
	profile->label.flags = flags;
	return profile;
}

/**
 * vigil_profile_free - free a profile once its last reference is gone
 * @profile: profile with no references, out of every tree
 *
 * Called from the label's RCU callback; drops the references the
 * profile holds on its parent and proxy.
 */
void vigil_profile_free(struct vigil_profile *profile)
{
	vigil_profile_put(profile->parent);
	vigil_proxy_put(profile->label.proxy);
	vigil_profile_files_release(profile);
	vigil_profile_record_destroy(&profile->record);
	kfree(profile->hname);
	kfree(profile);
}

static struct vigil_profile *find_child(struct list_head *list,
					const char *name, size_t len)
{
	struct vigil_profile *profile;

	list_for_each_entry(profile, list, list)
		if (strlen(profile->base) == len &&
		    !memcmp(profile->base, name, len))
			return profile;
	return NULL;
}

/**
 * vigil_profile_lookup - find a profile by hierarchical name
 * @ns: namespace, its lock held
 * @hname: name, "a//b" for a child; need not be NUL terminated
 * @len: length of @hname
 *
 * Return: the profile (no reference taken), or NULL.
 */
struct vigil_profile *vigil_profile_lookup(struct vigil_ns *ns,
					   const char *hname, size_t len)
{
	struct list_head *list = &ns->profiles;
	struct vigil_profile *profile = NULL;
	const char *split;

	lockdep_assert_held(&ns->lock);
	for (;;) {
		split = strnstr(hname, "//", len);
		profile = find_child(list, hname,
				     split ? split - hname : len);
		if (!profile || !split)
			return profile;
		len -= split + 2 - hname;
		hname = split + 2;
		list = &profile->children;
	}
}

/**
 * vigil_profile_insert - put a profile into the tree, replacing any
 *	profile of the same name
 * @ns: namespace, its lock held
 * @profile: new profile; the caller's reference passes to the tree
 *
 * The parent (the name up to the last "//") must be in the tree. A
 * replaced profile hands its children and its proxy to @profile, so
 * tasks confined by it now see @profile.
 */
void vigil_profile_insert(struct vigil_ns *ns, struct vigil_profile *profile)
{
	struct vigil_profile *parent = NULL, *old, *child, *tmp;
	struct list_head *list = &ns->profiles;

	lockdep_assert_held(&ns->lock);
	if (profile->base != profile->hname) {
		parent = vigil_profile_lookup(ns, profile->hname,
					      profile->base - 2 -
					      profile->hname);
		if (WARN_ON(!parent))
			return;
		list = &parent->children;
	}
	profile->parent = vigil_profile_get(parent);
	profile->ns = ns;

	old = find_child(list, profile->base, strlen(profile->base));
	if (!old) {
		list_add_rcu(&profile->list, list);
		vigil_label_redirect(NULL, &profile->label);
		return;
	}

	list_for_each_entry_safe(child, tmp, &old->children, list) {
		list_move_tail(&child->list, &profile->children);
		child->parent = vigil_profile_get(profile);
		vigil_profile_put(old);
	}
	list_replace_rcu(&old->list, &profile->list);
	vigil_label_adopt_proxy(&profile->label, &old->label);
	vigil_label_redirect(&old->label, &profile->label);
	vigil_profile_put(old);
}

/**
 * vigil_profile_remove - take a profile and its descendants out of the tree
 * @ns: namespace, its lock held
 * @profile: profile in the tree
 *
 * Tasks confined by a removed profile become unconfined through its
 * proxy.
 */
void vigil_profile_remove(struct vigil_ns *ns, struct vigil_profile *profile)
{
	struct vigil_profile *leaf;

	lockdep_assert_held(&ns->lock);
	do {
		leaf = profile;
		while (!list_empty(&leaf->children))
			leaf = list_first_entry(&leaf->children,
						struct vigil_profile, list);
		list_del_rcu(&leaf->list);
		vigil_label_redirect(&leaf->label, &ns->unconfined->label);
		/* A child's parent reference keeps @profile alive. */
		vigil_profile_put(leaf);
	} while (leaf != profile);
}

/**
 * vigil_ns_bump_revision - record a change of policy
 * @ns: namespace, its lock held
 */
void vigil_ns_bump_revision(struct vigil_ns *ns)
{
	lockdep_assert_held(&ns->lock);
	WRITE_ONCE(ns->revision, ns->revision + 1);
	wake_up_interruptible(&ns->wait);
}

/**
 * vigil_ns_init - set up an empty namespace and its unconfined label
 * @ns: zeroed namespace
 *
 * Return: 0 or -ENOMEM.
 */
int vigil_ns_init(struct vigil_ns *ns)
{
	mutex_init(&ns->lock);
	INIT_LIST_HEAD(&ns->profiles);
	init_waitqueue_head(&ns->wait);
	INIT_LIST_HEAD(&ns->files.rawdata);
	ns->unconfined = vigil_profile_alloc("unconfined",
					     VIGIL_MODE_UNCONFINED,
					     VIGIL_LABEL_UNCONFINED);
	if (!ns->unconfined)
		return -ENOMEM;
	ns->unconfined->ns = ns;
	/* Live on its own proxy for good; never freed. */
	vigil_label_redirect(NULL, &ns->unconfined->label);
	return 0;
}

/**
 * vigil_policy_init - create the root namespace
 *
 * Return: 0 or -ENOMEM.
 */
int __init vigil_policy_init(void)
{
	return vigil_ns_init(&vigil_root_ns);
}
