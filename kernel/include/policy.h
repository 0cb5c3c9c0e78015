/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - profiles, the profile tree and the policy namespace
 *
 * A profile is the kernel object made from one decoded profile record.
 * Profiles form a tree by their hierarchical names ("parent//child")
 * below a namespace. Only the root namespace exists so far.
 *
 * Locking: the tree (sibling lists, parent pointers) and the revision
 * change only under the namespace mutex. A profile never changes after
 * it is in the tree; replacement puts a new object in its place.
 */

#ifndef _VIGIL_POLICY_H
#define _VIGIL_POLICY_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/wait.h>

#include "label.h"
#include "policy_dir.h"
#include "profile_record.h"

struct vigil_ns;

/**
 * struct vigil_profile - a loaded profile
 * @label: the profile's label; first so a label is a profile
 * @parent: parent profile (holds a reference), NULL at the top
 * @ns: namespace the profile belongs to
 * @hname: full hierarchical name, "a//b" for a child
 * @base: last component of @hname
 * @list: entry in the parent's (or namespace's) list of profiles
 * @children: child profiles, most recently added first
 * @mode: enforcement mode
 * @record: the decoded rules; empty for unconfined
 * @files: what policy/ shows of the profile
 */
struct vigil_profile {
	struct vigil_label label;
	struct vigil_profile *parent;
	struct vigil_ns *ns;
	char *hname;
	const char *base;
	struct list_head list;
	struct list_head children;
	enum vigil_profile_mode mode;
	struct vigil_profile_record record;
	struct vigil_profile_files files;
};

/**
 * struct vigil_ns - a policy namespace
 * @lock: serializes every change to the profile tree and @revision
 * @profiles: top-level profiles, most recently added first
 * @unconfined: the namespace's unconfined profile, never in @profiles
 * @revision: bumped once per successful load, replace or remove
 * @wait: woken when @revision changes
 * @files: the namespace's policy/ directory
 */
struct vigil_ns {
	struct mutex lock;	/* the tree and the revision */
	struct list_head profiles;
	struct vigil_profile *unconfined;
	long revision;
	wait_queue_head_t wait;
	struct vigil_ns_files files;
};

extern struct vigil_ns vigil_root_ns;

int vigil_policy_init(void);
int vigil_ns_init(struct vigil_ns *ns);
const char *vigil_mode_name(enum vigil_profile_mode mode);

struct vigil_profile *vigil_profile_alloc(const char *hname,
					  enum vigil_profile_mode mode,
					  unsigned long flags);
void vigil_profile_free(struct vigil_profile *profile);
struct vigil_profile *vigil_profile_lookup(struct vigil_ns *ns,
					   const char *hname, size_t len);
void vigil_profile_insert(struct vigil_ns *ns, struct vigil_profile *profile);
void vigil_profile_remove(struct vigil_ns *ns, struct vigil_profile *profile);
void vigil_ns_bump_revision(struct vigil_ns *ns);

/**
 * vigil_label_profile - the profile a label belongs to
 * @label: a label
 *
 * Return: the profile embedding @label.
 */
static inline struct vigil_profile *vigil_label_profile(struct vigil_label *label)
{
	return container_of(label, struct vigil_profile, label);
}

/**
 * vigil_profile_get - take a reference to a profile
 * @profile: profile, may be NULL
 *
 * Return: @profile.
 */
static inline struct vigil_profile *vigil_profile_get(struct vigil_profile *profile)
{
	if (profile)
		vigil_label_get(&profile->label);
	return profile;
}

/**
 * vigil_profile_put - drop a reference to a profile
 * @profile: profile, may be NULL
 */
static inline void vigil_profile_put(struct vigil_profile *profile)
{
	if (profile)
		vigil_label_put(&profile->label);
}

#endif /* _VIGIL_POLICY_H */
