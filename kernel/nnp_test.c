// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the no_new_privs rule: which labels a task may enter
 * once no_new_privs was seen under a given profile.
 */

#include <kunit/test.h>

#include "include/nnp.h"
#include "include/policy.h"
#include "include/test_ns.h"

/* Confined under "a" when no_new_privs was seen. */
static void nnp_keeps_the_profile(struct kunit *test)
{
	struct vigil_ns *ns = test->priv;
	struct vigil_profile *a = vigil_test_ns_add(test, "a", VIGIL_MODE_ENFORCE);
	struct vigil_profile *b = vigil_test_ns_add(test, "b", VIGIL_MODE_ENFORCE);
	struct vigil_profile *kid = vigil_test_ns_add(test, "a//kid", VIGIL_MODE_ENFORCE);
	struct vigil_label *unconfined = &ns->unconfined->label;
	struct vigil_task_ctx ctx = { .nnp = &a->label };
	struct vigil_profile *a2;

	KUNIT_EXPECT_TRUE(test, vigil_nnp_allows(&ctx, &a->label, &a->label,
						 true));
	KUNIT_EXPECT_FALSE(test, vigil_nnp_allows(&ctx, &a->label, &b->label,
						  true));
	KUNIT_EXPECT_FALSE(test, vigil_nnp_allows(&ctx, &a->label,
						  &kid->label, true));
	KUNIT_EXPECT_FALSE(test, vigil_nnp_allows(&ctx, &a->label, unconfined,
						  true));
	/* Returning from a child or hat to its parent drops a profile. */
	ctx.nnp = &kid->label;
	KUNIT_EXPECT_FALSE(test, vigil_nnp_allows(&ctx, &kid->label,
						  &a->label, true));
	ctx.nnp = &a->label;

	/* Without no_new_privs, or from unconfined, anything goes. */
	KUNIT_EXPECT_TRUE(test, vigil_nnp_allows(&ctx, &a->label, &b->label,
						 false));
	KUNIT_EXPECT_TRUE(test, vigil_nnp_allows(&ctx, unconfined, &b->label,
						 true));

	/* A replacement of "a" is still "a". */
	a2 = vigil_test_ns_add(test, "a", VIGIL_MODE_ENFORCE);
	KUNIT_EXPECT_PTR_NE(test, &a2->label, &a->label);
	KUNIT_EXPECT_TRUE(test, vigil_nnp_allows(&ctx, &a->label, &a2->label,
						 true));
}

static struct kunit_case nnp_test_cases[] = {
	KUNIT_CASE(nnp_keeps_the_profile),
	{}
};

static struct kunit_suite nnp_test_suite = {
	.name = "apparmor_nnp",
	.init = vigil_test_ns_init,
	.exit = vigil_test_ns_exit,
	.test_cases = nnp_test_cases,
};

kunit_test_suite(nnp_test_suite);
