// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the boot profile's name check.
 */

#include <kunit/test.h>

#include "include/boot.h"

static void boot_test_valid_names(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, vigil_boot_name_valid("init"));
	KUNIT_EXPECT_TRUE(test, vigil_boot_name_valid("boot-policy.v2"));
	/* Path-named profiles are top-level profiles too. */
	KUNIT_EXPECT_TRUE(test, vigil_boot_name_valid("/usr/lib/systemd/systemd"));
}

static void boot_test_invalid_names(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, vigil_boot_name_valid(""));
	/* A child profile or a hat cannot be the boot profile. */
	KUNIT_EXPECT_FALSE(test, vigil_boot_name_valid("init//hat"));
	/* Namespaces are not supported for it. */
	KUNIT_EXPECT_FALSE(test, vigil_boot_name_valid(":ns:init"));
	KUNIT_EXPECT_FALSE(test, vigil_boot_name_valid("in it"));
	KUNIT_EXPECT_FALSE(test, vigil_boot_name_valid("init\n"));
	KUNIT_EXPECT_FALSE(test, vigil_boot_name_valid("init\x7f"));
}

static struct kunit_case boot_test_cases[] = {
	KUNIT_CASE(boot_test_valid_names),
	KUNIT_CASE(boot_test_invalid_names),
	{}
};

static struct kunit_suite boot_test_suite = {
	.name = "apparmor_boot",
	.test_cases = boot_test_cases,
};

kunit_test_suite(boot_test_suite);
