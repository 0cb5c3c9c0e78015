// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - label references, replacement proxies, label text
 *
 * A live label and its proxy point at each other: the label holds a
 * reference to the proxy and the proxy to the label. When the label is
 * replaced, its successor joins the same proxy and the proxy's
 * reference moves to it; when it is removed, the proxy moves to the
 * namespace's unconfined label. Either breaks the cycle, and the old
 * label lives only as long as credentials still hold it.
 */

#include <linux/slab.h>

#include "include/label.h"
#include "include/policy.h"

static void vigil_proxy_release(struct kref *kref)
{
	struct vigil_proxy *proxy = container_of(kref, struct vigil_proxy,
						 count);

	/* The last user is gone: nobody can race with this update. */
	vigil_label_put(rcu_dereference_protected(proxy->label, true));
	kfree(proxy);
}

/**
 * vigil_proxy_put - drop a reference to a proxy
 * @proxy: proxy, may be NULL
 */
void vigil_proxy_put(struct vigil_proxy *proxy)
{
	if (proxy)
		kref_put(&proxy->count, vigil_proxy_release);
}

/**
 * vigil_label_init - set up a new label with a proxy of its own
 * @label: zeroed label; its reference count becomes 1
 *
 * The proxy points back at @label but holds no reference yet: that is
 * taken when the label goes live (vigil_label_redirect() or insertion),
 * so a label that never goes live is freed by its single put.
 *
 * Return: 0 or -ENOMEM.
 */
int vigil_label_init(struct vigil_label *label)
{
	struct vigil_proxy *proxy;

	proxy = kzalloc(sizeof(*proxy), GFP_KERNEL);
	if (!proxy)
		return -ENOMEM;
	kref_init(&proxy->count);
	RCU_INIT_POINTER(proxy->label, NULL);
	kref_init(&label->count);
	label->proxy = proxy;
	return 0;
}

static void vigil_label_free_rcu(struct rcu_head *head)
{
	struct vigil_label *label = container_of(head, struct vigil_label,
						 rcu);

	vigil_profile_free(vigil_label_profile(label));
}

/**
 * vigil_label_release - kref release of a label
 * @kref: the label's reference count
 *
 * Lockless readers may still hold the pointer, so the profile is
 * freed after a grace period.
 */
void vigil_label_release(struct kref *kref)
{
	struct vigil_label *label = container_of(kref, struct vigil_label,
						 count);

	call_rcu(&label->rcu, vigil_label_free_rcu);
}

/**
 * vigil_label_newest - current version of a label
 * @label: label held by the caller
 *
 * Follows the proxy, which leads to the replacement of a replaced
 * label and to the unconfined label after a removal.
 *
 * Return: a new reference to the newest version (@label itself when it
 * is current, or when it never went live).
 */
struct vigil_label *vigil_label_newest(struct vigil_label *label)
{
	struct vigil_label *newest;

	rcu_read_lock();
	do {
		newest = rcu_dereference(label->proxy->label);
		if (!newest)
			newest = label;
	} while (!kref_get_unless_zero(&newest->count));
	rcu_read_unlock();
	return newest;
}

/**
 * vigil_label_adopt_proxy - make a new label share an old label's proxy
 * @label: label that has not gone live yet
 * @old: label it is about to replace
 *
 * Must be called under the namespace lock, before vigil_label_redirect().
 */
void vigil_label_adopt_proxy(struct vigil_label *label,
			     struct vigil_label *old)
{
	struct vigil_proxy *unused = label->proxy;

	kref_get(&old->proxy->count);
	label->proxy = old->proxy;
	vigil_proxy_put(unused);
}

/**
 * vigil_label_redirect - make a proxy lead to a new label
 * @old: label whose proxy is redirected, or NULL to make @new live on
 *	its own proxy
 * @new: label the proxy leads to from now on
 *
 * Marks @old stale. Must be called under the namespace lock.
 */
void vigil_label_redirect(struct vigil_label *old, struct vigil_label *new)
{
	struct vigil_proxy *proxy = old ? old->proxy : new->proxy;
	struct vigil_label *prev;

	prev = rcu_replace_pointer(proxy->label, vigil_label_get(new), true);
	if (old)
		old->flags |= VIGIL_LABEL_STALE;
	vigil_label_put(prev);
}

/**
 * vigil_label_text - the text shown for a label in attr/current
 * @label: label, current version
 * @gfp: allocation flags
 *
 * "unconfined" for a namespace's unconfined label, "<hname> (<mode>)"
 * otherwise (also for a profile in unconfined mode, such as the boot
 * profile); both followed by a newline.
 *
 * Return: a kmalloc()ed string, or NULL when out of memory.
 */
char *vigil_label_text(struct vigil_label *label, gfp_t gfp)
{
	struct vigil_profile *profile = vigil_label_profile(label);

	if (profile->ns && profile == profile->ns->unconfined)
		return kstrdup("unconfined\n", gfp);
	return kasprintf(gfp, "%s (%s)\n", profile->hname,
			 vigil_mode_name(profile->mode));
}
