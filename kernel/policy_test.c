// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the profile tree: insertion, lookup, replacement
 * through the label proxy, removal to unconfined, and whole loads.
 */

#include <kunit/test.h>

#include "include/policy.h"
#include "include/policy_load.h"
#include "include/test_ns.h"

static struct vigil_profile *lookup(struct vigil_ns *ns, const char *hname)
{
	struct vigil_profile *profile;

	mutex_lock(&ns->lock);
	profile = vigil_profile_lookup(ns, hname, strlen(hname));
	mutex_unlock(&ns->lock);
	return profile;
}

static void policy_test_lookup(struct kunit *test)
{
	struct vigil_ns *ns = test->priv;
	struct vigil_profile *a, *b;

	a = vigil_test_ns_add(test, "a", VIGIL_MODE_ENFORCE);
	b = vigil_test_ns_add(test, "a//b", VIGIL_MODE_COMPLAIN);
	KUNIT_EXPECT_PTR_EQ(test, lookup(ns, "a"), a);
	KUNIT_EXPECT_PTR_EQ(test, lookup(ns, "a//b"), b);
	KUNIT_EXPECT_PTR_EQ(test, b->parent, a);
	KUNIT_EXPECT_STREQ(test, b->base, "b");
	KUNIT_EXPECT_NULL(test, lookup(ns, "b"));
	KUNIT_EXPECT_NULL(test, lookup(ns, "a//"));
	KUNIT_EXPECT_NULL(test, lookup(ns, "a//b//c"));
}

static void policy_test_replace_follows_proxy(struct kunit *test)
{
	struct vigil_ns *ns = test->priv;
	struct vigil_profile *old, *new, *child;
	struct vigil_label *held, *newest;
	char *text;

	old = vigil_test_ns_add(test, "t", VIGIL_MODE_COMPLAIN);
	child = vigil_test_ns_add(test, "t//c", VIGIL_MODE_ENFORCE);
	/* A task's credentials hold the label across the replacement. */
	held = vigil_label_get(&old->label);

	new = vigil_test_ns_add(test, "t", VIGIL_MODE_ENFORCE);
	KUNIT_EXPECT_TRUE(test, held->flags & VIGIL_LABEL_STALE);
	KUNIT_EXPECT_PTR_EQ(test, lookup(ns, "t"), new);
	KUNIT_EXPECT_PTR_EQ(test, lookup(ns, "t//c"), child);
	KUNIT_EXPECT_PTR_EQ(test, child->parent, new);

	newest = vigil_label_newest(held);
	KUNIT_EXPECT_PTR_EQ(test, newest, &new->label);
	text = vigil_label_text(newest, GFP_KERNEL);
	KUNIT_EXPECT_STREQ(test, text, "t (enforce)\n");
	kfree(text);
	vigil_label_put(newest);

	/* Removal sends every version to unconfined. */
	mutex_lock(&ns->lock);
	vigil_profile_remove(ns, new);
	mutex_unlock(&ns->lock);
	KUNIT_EXPECT_NULL(test, lookup(ns, "t"));
	KUNIT_EXPECT_NULL(test, lookup(ns, "t//c"));
	newest = vigil_label_newest(held);
	KUNIT_EXPECT_PTR_EQ(test, newest, &ns->unconfined->label);
	text = vigil_label_text(newest, GFP_KERNEL);
	KUNIT_EXPECT_STREQ(test, text, "unconfined\n");
	kfree(text);
	vigil_label_put(newest);
	vigil_label_put(held);
}

static void policy_test_load_errors(struct kunit *test)
{
	static const u8 garbage[] = "not a policy";
	static const u8 abi4[] = {
		0x04, 0x08, 0x00, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x00,
		0x02, 0x04, 0x00, 0x00, 0x00,
	};
	static const u8 header_only[] = {
		0x04, 0x08, 0x00, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x00,
		0x02, 0x07, 0x20, 0x20, 0x00,
	};
	struct vigil_ns *ns = test->priv;

	KUNIT_EXPECT_EQ(test, vigil_policy_replace(ns, garbage,
						   sizeof(garbage), false),
			-EPROTONOSUPPORT);
	KUNIT_EXPECT_EQ(test, vigil_policy_replace(ns, abi4, sizeof(abi4),
						   true),
			-EPROTONOSUPPORT);
	KUNIT_EXPECT_EQ(test, vigil_policy_replace(ns, header_only,
						   sizeof(header_only), true),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, ns->revision, 0);
}

static void policy_test_remove(struct kunit *test)
{
	struct vigil_ns *ns = test->priv;

	vigil_test_ns_add(test, "r", VIGIL_MODE_ENFORCE);
	vigil_test_ns_add(test, "r//k", VIGIL_MODE_ENFORCE);
	KUNIT_EXPECT_EQ(test, vigil_policy_remove(ns, "", 1), -ENOENT);
	KUNIT_EXPECT_EQ(test, vigil_policy_remove(ns, "r\n", 2), -ENOENT);
	KUNIT_EXPECT_EQ(test, vigil_policy_remove(ns, ":x:r", 4), -ENOENT);
	KUNIT_EXPECT_EQ(test, ns->revision, 0);
	KUNIT_EXPECT_EQ(test, vigil_policy_remove(ns, "r//k", 4), 4);
	KUNIT_EXPECT_NOT_NULL(test, lookup(ns, "r"));
	KUNIT_EXPECT_NULL(test, lookup(ns, "r//k"));
	KUNIT_EXPECT_EQ(test, vigil_policy_remove(ns, "r", 2), 2);
	KUNIT_EXPECT_NULL(test, lookup(ns, "r"));
	KUNIT_EXPECT_EQ(test, ns->revision, 2);
}

static struct kunit_case policy_test_cases[] = {
	KUNIT_CASE(policy_test_lookup),
	KUNIT_CASE(policy_test_replace_follows_proxy),
	KUNIT_CASE(policy_test_load_errors),
	KUNIT_CASE(policy_test_remove),
	{}
};

static struct kunit_suite policy_test_suite = {
	.name = "apparmor_policy",
	.init = vigil_test_ns_init,
	.exit = vigil_test_ns_exit,
	.test_cases = policy_test_cases,
};

kunit_test_suite(policy_test_suite);
