// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of capability decisions.
 */

#include <kunit/test.h>
#include <linux/capability.h>

#include "include/capability.h"

static struct vigil_decision decide(const struct vigil_profile_record *record,
				    enum vigil_profile_mode mode, int cap,
				    bool noaudit)
{
	struct vigil_decision decision;

	vigil_cap_decide(record, mode, cap, noaudit, &decision);
	return decision;
}

static void expect_decision(struct kunit *test, struct vigil_decision d,
			    int error, enum vigil_audit_type type)
{
	KUNIT_EXPECT_EQ(test, d.error, error);
	KUNIT_EXPECT_EQ(test, (int)d.type, (int)type);
}

static void cap_test_enforce(struct kunit *test)
{
	struct vigil_profile_record r = {
		.caps_allow = BIT_ULL(CAP_DAC_OVERRIDE) | BIT_ULL(CAP_MAC_ADMIN),
		.caps_audit = BIT_ULL(CAP_MAC_ADMIN),
		.caps_quiet = BIT_ULL(CAP_SYS_ADMIN),
	};
	struct vigil_decision d;

	d = decide(&r, VIGIL_MODE_ENFORCE, CAP_DAC_OVERRIDE, false);
	expect_decision(test, d, 0, VIGIL_RECORD_NONE);
	d = decide(&r, VIGIL_MODE_ENFORCE, CAP_MAC_ADMIN, false);
	expect_decision(test, d, 0, VIGIL_RECORD_AUDIT);
	d = decide(&r, VIGIL_MODE_ENFORCE, CAP_CHOWN, false);
	expect_decision(test, d, -EPERM, VIGIL_RECORD_DENIED);
	d = decide(&r, VIGIL_MODE_ENFORCE, CAP_SYS_ADMIN, false);
	expect_decision(test, d, -EPERM, VIGIL_RECORD_NONE);
	d = decide(&r, VIGIL_MODE_ENFORCE, CAP_CHOWN, true);
	expect_decision(test, d, -EPERM, VIGIL_RECORD_NONE);
	d = decide(&r, VIGIL_MODE_ENFORCE, -1, false);
	KUNIT_EXPECT_EQ(test, d.error, -EPERM);
	d = decide(&r, VIGIL_MODE_ENFORCE, 64, false);
	KUNIT_EXPECT_EQ(test, d.error, -EPERM);
}

static void cap_test_complain_and_kill(struct kunit *test)
{
	struct vigil_profile_record r = {
		.caps_quiet = BIT_ULL(CAP_SYS_ADMIN),
	};
	struct vigil_decision d;

	d = decide(&r, VIGIL_MODE_COMPLAIN, CAP_CHOWN, false);
	expect_decision(test, d, 0, VIGIL_RECORD_ALLOWED);
	d = decide(&r, VIGIL_MODE_COMPLAIN, CAP_CHOWN, true);
	expect_decision(test, d, 0, VIGIL_RECORD_ALLOWED);
	/* A quiet denial stays a denial in complain mode (6.12). */
	d = decide(&r, VIGIL_MODE_COMPLAIN, CAP_SYS_ADMIN, false);
	expect_decision(test, d, -EPERM, VIGIL_RECORD_NONE);
	d = decide(&r, VIGIL_MODE_KILL, CAP_CHOWN, false);
	expect_decision(test, d, -EPERM, VIGIL_RECORD_KILL);
	d = decide(&r, VIGIL_MODE_KILL, CAP_SYS_ADMIN, false);
	expect_decision(test, d, -EPERM, VIGIL_RECORD_KILL);
}

static void cap_test_audit_all(struct kunit *test)
{
	struct vigil_profile_record r = {
		.audit_all = true,
		.caps_allow = BIT_ULL(CAP_KILL),
		.caps_quiet = BIT_ULL(CAP_SYS_ADMIN),
	};
	struct vigil_decision d;

	d = decide(&r, VIGIL_MODE_ENFORCE, CAP_KILL, false);
	expect_decision(test, d, 0, VIGIL_RECORD_AUDIT);
	d = decide(&r, VIGIL_MODE_ENFORCE, CAP_SYS_ADMIN, false);
	expect_decision(test, d, -EPERM, VIGIL_RECORD_DENIED);
}

static struct kunit_case cap_test_cases[] = {
	KUNIT_CASE(cap_test_enforce),
	KUNIT_CASE(cap_test_complain_and_kill),
	KUNIT_CASE(cap_test_audit_all),
	{}
};

static struct kunit_suite cap_test_suite = {
	.name = "apparmor_capability",
	.test_cases = cap_test_cases,
};

kunit_test_suite(cap_test_suite);
