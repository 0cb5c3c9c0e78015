/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - labels and replacement proxies
 *
 * A label is what a task's credentials point to. For now every label
 * is a single profile (the label is embedded in it). Labels are never
 * changed in place: replacing or removing a profile redirects the
 * label's proxy to the label that takes its place, so every holder of
 * the old label finds the current one through the proxy.
 *
 * This is also how a boot profile is meant to hand over: init's
 * credentials get a named profile's label before the first load, and
 * the .replace of that name later moves every task still in it at once.
 */

#ifndef _VIGIL_LABEL_H
#define _VIGIL_LABEL_H

#include <linux/kref.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

/* The label was replaced or removed; its proxy leads to the successor. */
#define VIGIL_LABEL_STALE	0x1
/* The label does not confine (a namespace's unconfined profile). */
#define VIGIL_LABEL_UNCONFINED	0x2
/* The boot profile: does not confine, but is a named profile (boot.c). */
#define VIGIL_LABEL_BOOT	0x4

struct vigil_label;

/**
 * struct vigil_proxy - indirection from a label to its current version
 * @count: references: every label sharing the proxy holds one
 * @label: the current label; holds a reference to it
 */
struct vigil_proxy {
	struct kref count;
	struct vigil_label __rcu *label;
};

/**
 * struct vigil_label - what a task is confined by
 * @count: references (credentials, the policy tree, proxies, children)
 * @proxy: shared with every earlier and later version of this label
 * @flags: VIGIL_LABEL_* bits; STALE is set once, under the ns lock
 * @rcu: deferred freeing, lockless readers may still hold a pointer
 */
struct vigil_label {
	struct kref count;
	struct vigil_proxy *proxy;
	unsigned long flags;
	struct rcu_head rcu;
};

int vigil_label_init(struct vigil_label *label);
void vigil_label_release(struct kref *kref);
struct vigil_label *vigil_label_newest(struct vigil_label *label);
void vigil_label_adopt_proxy(struct vigil_label *label,
			     struct vigil_label *old);
void vigil_label_redirect(struct vigil_label *old, struct vigil_label *new);
void vigil_proxy_put(struct vigil_proxy *proxy);
char *vigil_label_text(struct vigil_label *label, gfp_t gfp);

/**
 * vigil_label_get - take a reference to a label
 * @label: label, may be NULL
 *
 * Return: @label.
 */
static inline struct vigil_label *vigil_label_get(struct vigil_label *label)
{
	if (label)
		kref_get(&label->count);
	return label;
}

/**
 * vigil_label_put - drop a reference to a label
 * @label: label, may be NULL; freed after an RCU grace period when the
 *	last reference goes
 */
static inline void vigil_label_put(struct vigil_label *label)
{
	if (label)
		kref_put(&label->count, vigil_label_release);
}

#endif /* _VIGIL_LABEL_H */
