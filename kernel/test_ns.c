// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - a private namespace for KUnit tests of the profile tree
 *
 * A suite using it sets .init and .exit to the two functions below;
 * each test case then finds its namespace in test->priv.
 */

#include "include/test_ns.h"

/**
 * vigil_test_ns_init - give a test case an empty namespace of its own
 * @test: the test case; test->priv is set to the namespace
 *
 * Return: 0 (failures abort the test case).
 */
int vigil_test_ns_init(struct kunit *test)
{
	struct vigil_ns *ns = kunit_kzalloc(test, sizeof(*ns), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ns);
	KUNIT_ASSERT_EQ(test, vigil_ns_init(ns), 0);
	test->priv = ns;
	return 0;
}

/**
 * vigil_test_ns_exit - remove every profile of the test's namespace
 * @test: the test case set up by vigil_test_ns_init()
 */
void vigil_test_ns_exit(struct kunit *test)
{
	struct vigil_ns *ns = test->priv;

	mutex_lock(&ns->lock);
	while (!list_empty(&ns->profiles))
		vigil_profile_remove(ns, list_first_entry(&ns->profiles,
							  struct vigil_profile,
							  list));
	/* The unconfined label points at itself; break that and free it. */
	vigil_label_redirect(&ns->unconfined->label, NULL);
	mutex_unlock(&ns->lock);
	vigil_profile_put(ns->unconfined);
	rcu_barrier();
}

/**
 * vigil_test_ns_add - insert (or replace) a profile in the test's namespace
 * @test: the test case set up by vigil_test_ns_init()
 * @hname: full name of the profile, its parent already present
 * @mode: mode of the profile
 *
 * Return: the profile, owned by the namespace.
 */
struct vigil_profile *vigil_test_ns_add(struct kunit *test, const char *hname,
					enum vigil_profile_mode mode)
{
	struct vigil_ns *ns = test->priv;
	struct vigil_profile *profile;

	profile = vigil_profile_alloc(hname, mode, 0);
	KUNIT_ASSERT_NOT_NULL(test, profile);
	mutex_lock(&ns->lock);
	vigil_profile_insert(ns, profile);
	mutex_unlock(&ns->lock);
	return profile;
}
