// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of profile directory names under policy/profiles/.
 */

#include <kunit/test.h>
#include <linux/slab.h>

#include "include/policy_dir.h"

static void expect_mangled(struct kunit *test, const char *name,
			   const char *want)
{
	size_t len = vigil_mangle_name(name, NULL);
	char *out = kunit_kzalloc(test, len + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_EXPECT_EQ_MSG(test, vigil_mangle_name(name, out), len,
			    "name \"%s\"", name);
	KUNIT_EXPECT_STREQ_MSG(test, out, want, "name \"%s\"", name);
}

/* The names stock 6.12 gives these profiles' directories (before .<n>). */
static void mangles_as_stock(struct kunit *test)
{
	expect_mangled(test, "t1", "t1");
	expect_mangled(test, "/usr/bin/foo", "usr.bin.foo");
	expect_mangled(test, "/./..x", "x");
	expect_mangled(test, "a b\tc", "a_b_c");
	expect_mangled(test, "x@y{1,2}*", "xy12");
	expect_mangled(test, "lib-ok_1.2", "lib-ok_1.2");
	expect_mangled(test, "///", "");
	/* The kernel's ctype: Latin-1 letters are letters, NBSP is space. */
	expect_mangled(test, "caf\xe9", "caf\xe9");
	expect_mangled(test, "a\240b", "a_b");
}

static struct kunit_case policy_dir_test_cases[] = {
	KUNIT_CASE(mangles_as_stock),
	{}
};

static struct kunit_suite policy_dir_test_suite = {
	.name = "apparmor_policy_dir",
	.test_cases = policy_dir_test_cases,
};

kunit_test_suite(policy_dir_test_suite);
