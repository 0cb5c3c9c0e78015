// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - KUnit tests for permission decisions and auditing
 */

#include <kunit/test.h>

#include "include/perms_decide.h"

#define R VIGIL_MAY_READ
#define W VIGIL_MAY_WRITE
#define X VIGIL_MAY_EXEC

static struct vigil_decision decide(const struct vigil_perms *record,
				    enum vigil_profile_mode mode,
				    enum vigil_audit_mode audit, u32 request)
{
	struct vigil_perms perms = *record;
	struct vigil_decision decision;

	vigil_perms_apply_modes(&perms, mode, audit);
	vigil_perms_decide(&perms, request, &decision);
	return decision;
}

static void allowed_requests(struct kunit *test)
{
	const struct vigil_perms perms = { .allow = R | W, .audit = W };
	struct vigil_decision d;

	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_NORMAL, R);
	KUNIT_EXPECT_EQ(test, d.error, 0);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_NONE);

	/* Only the audited part of an allowed request is reported. */
	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_NORMAL, R | W);
	KUNIT_EXPECT_EQ(test, d.error, 0);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_AUDIT);
	KUNIT_EXPECT_EQ(test, d.request, W);
	KUNIT_EXPECT_EQ(test, d.denied, 0);
}

static void denied_requests(struct kunit *test)
{
	const struct vigil_perms perms = { .allow = R, .quiet = X };
	const struct vigil_perms deny = { .allow = R, .deny = R };
	struct vigil_decision d;

	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_NORMAL, R | W);
	KUNIT_EXPECT_EQ(test, d.error, -EACCES);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_DENIED);
	KUNIT_EXPECT_EQ(test, d.request, R | W);
	KUNIT_EXPECT_EQ(test, d.denied, W);

	/* Quiet bits leave the record; nothing left means no record. */
	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_NORMAL, W | X);
	KUNIT_EXPECT_EQ(test, d.denied, W);
	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_NORMAL, X);
	KUNIT_EXPECT_EQ(test, d.error, -EACCES);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_NONE);

	/* An explicit deny wins over an allow of the same bit. */
	d = decide(&deny, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_NORMAL, R);
	KUNIT_EXPECT_EQ(test, d.error, -EACCES);
	KUNIT_EXPECT_EQ(test, d.denied, R);
}

static void kill_and_hide(struct kunit *test)
{
	const struct vigil_perms perms = { .allow = R };
	const struct vigil_perms hidden = { .allow = R, .hide = W | X };
	const struct vigil_perms kills = { .allow = R, .kill = X };
	struct vigil_decision d;

	d = decide(&perms, VIGIL_MODE_KILL, VIGIL_AUDIT_NORMAL, W);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_KILL);
	KUNIT_EXPECT_EQ(test, d.error, -EACCES);
	d = decide(&perms, VIGIL_MODE_KILL, VIGIL_AUDIT_NORMAL, R);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_NONE);
	KUNIT_EXPECT_EQ(test, d.error, 0);

	d = decide(&kills, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_NORMAL, W | X);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_KILL);
	d = decide(&kills, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_NORMAL, W);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_DENIED);

	/* Hidden only when every denied bit is hidden. */
	d = decide(&hidden, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_NORMAL, W);
	KUNIT_EXPECT_EQ(test, d.error, -ENOENT);
	d = decide(&hidden, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_NORMAL,
		   W | VIGIL_MAY_APPEND);
	KUNIT_EXPECT_EQ(test, d.error, -EACCES);
}

static void complain_mode(struct kunit *test)
{
	const struct vigil_perms perms = { .allow = R };
	const struct vigil_perms deny_rule = { .allow = R, .quiet = W };
	struct vigil_decision d;

	d = decide(&perms, VIGIL_MODE_COMPLAIN, VIGIL_AUDIT_NORMAL, R | W);
	KUNIT_EXPECT_EQ(test, d.error, 0);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_ALLOWED);
	KUNIT_EXPECT_EQ(test, d.denied, W);

	/* A quieted denial (a deny rule) stays enforced, silently. */
	d = decide(&deny_rule, VIGIL_MODE_COMPLAIN, VIGIL_AUDIT_NORMAL, W);
	KUNIT_EXPECT_EQ(test, d.error, -EACCES);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_NONE);
}

static void audit_modes(struct kunit *test)
{
	const struct vigil_perms perms = {
		.allow = R, .audit = R, .quiet = W,
	};
	struct vigil_decision d;

	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_ALL, R);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_AUDIT);
	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_ALL, W);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_DENIED);

	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_NOQUIET, W);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_DENIED);
	KUNIT_EXPECT_EQ(test, d.denied, W);

	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_QUIET, R);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_NONE);
	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_QUIET, X);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_NONE);
	KUNIT_EXPECT_EQ(test, d.error, -EACCES);

	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_QUIET_DENIED, R);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_AUDIT);
	d = decide(&perms, VIGIL_MODE_ENFORCE, VIGIL_AUDIT_QUIET_DENIED, X);
	KUNIT_EXPECT_EQ(test, d.type, VIGIL_RECORD_NONE);
	KUNIT_EXPECT_EQ(test, d.error, -EACCES);
}

static void user_mode_prompts(struct kunit *test)
{
	struct vigil_perms perms = { .allow = R };

	vigil_perms_apply_modes(&perms, VIGIL_MODE_USER, VIGIL_AUDIT_NORMAL);
	KUNIT_EXPECT_EQ(test, perms.prompt, VIGIL_ALL_PERMS);
	KUNIT_EXPECT_EQ(test, perms.complain, 0);
	KUNIT_EXPECT_EQ(test, perms.kill, 0);
	KUNIT_EXPECT_EQ(test, perms.allow, R);
}

static struct kunit_case vigil_perms_decide_test_cases[] = {
	KUNIT_CASE(allowed_requests),
	KUNIT_CASE(denied_requests),
	KUNIT_CASE(kill_and_hide),
	KUNIT_CASE(complain_mode),
	KUNIT_CASE(audit_modes),
	KUNIT_CASE(user_mode_prompts),
	{}
};

static struct kunit_suite vigil_perms_decide_test_suite = {
	.name = "apparmor_perms_decide",
	.test_cases = vigil_perms_decide_test_cases,
};

kunit_test_suite(vigil_perms_decide_test_suite);
