// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - KUnit tests for permission lookups in a policy DB
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "include/pdb_lookup.h"
#include "include/test_builder.h"

static const u32 none[VTB_DFA_STATES] = { 0, 0, 0 };

/* Unpack a DB of @kind from @b, which must succeed and verify. */
static void unpack_ok(struct kunit *test, struct vtb *b,
		      enum vigil_pdb_kind kind, struct vigil_pdb *pdb)
{
	struct vigil_stream stream;
	const char *info;

	memset(pdb, 0, sizeof(*pdb));
	vigil_stream_init(&stream, b->buf, b->len);
	KUNIT_ASSERT_EQ(test, vigil_pdb_unpack(&stream, kind, 7, pdb, &info),
			0);
	KUNIT_ASSERT_EQ(test, vigil_pdb_verify(pdb, kind == VIGIL_PDB_FILE),
			0);
}

static void class_start_follows_class_byte(struct kunit *test)
{
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb, empty = { };

	vtb_dfa_on(b, 7, none, none);		/* mount class mediated */
	unpack_ok(test, b, VIGIL_PDB_POLICY, &pdb);
	KUNIT_EXPECT_EQ(test, vigil_pdb_class_start(&pdb, 7), 2);
	KUNIT_EXPECT_EQ(test, vigil_pdb_class_start(&pdb, 9), 0);
	KUNIT_EXPECT_EQ(test, vigil_pdb_class_start(&empty, 7), 0);
	vigil_pdb_destroy(&pdb);
}

static void policy_perms_by_state(struct kunit *test)
{
	static const u32 marker[VTB_DFA_STATES] = { 0, 0, 0x4 };
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb, empty = { };

	vtb_dfa_on(b, 10, marker, none);
	unpack_ok(test, b, VIGIL_PDB_POLICY, &pdb);
	KUNIT_EXPECT_EQ(test, vigil_pdb_perms(&pdb, 2)->allow, 0x8004);
	KUNIT_EXPECT_EQ(test, vigil_pdb_perms(&pdb, 1)->allow, 0x8000);
	KUNIT_EXPECT_EQ(test, vigil_pdb_perms(&pdb, 0)->allow, 0);
	/* Out-of-range states and empty DBs grant nothing. */
	KUNIT_EXPECT_EQ(test, vigil_pdb_perms(&pdb, VTB_DFA_STATES)->allow, 0);
	KUNIT_EXPECT_EQ(test, vigil_pdb_perms(&empty, 1)->allow, 0);
	vigil_pdb_destroy(&pdb);
}

static void file_perms_come_in_pairs(struct kunit *test)
{
	/* Owner "r", others "w" on state 2 (path "a"). */
	static const u32 accept[VTB_DFA_STATES] = { 0, 0, (0x2 << 14) | 0x4 };
	struct vtb *b = vtb_new(test);
	const struct vigil_perms *perms;
	struct vigil_pdb pdb;
	u32 state;

	vtb_dfa(b, accept, none);
	unpack_ok(test, b, VIGIL_PDB_FILE, &pdb);

	perms = vigil_pdb_match_file(&pdb, "a", true, &state);
	KUNIT_EXPECT_EQ(test, state, 2);
	KUNIT_EXPECT_EQ(test, perms->allow & (VIGIL_MAY_READ | VIGIL_MAY_WRITE),
			VIGIL_MAY_READ);
	perms = vigil_pdb_match_file(&pdb, "a", false, &state);
	KUNIT_EXPECT_EQ(test, perms->allow & (VIGIL_MAY_READ | VIGIL_MAY_WRITE),
			VIGIL_MAY_WRITE);
	/* No match: the dead state's record, which old policy gave stat. */
	perms = vigil_pdb_match_file(&pdb, "b", true, &state);
	KUNIT_EXPECT_EQ(test, state, 0);
	KUNIT_EXPECT_EQ(test, perms->allow, VIGIL_MAY_GETATTR);
	vigil_pdb_destroy(&pdb);
}

/*
 * A policydb serving file rules has one record per state, so the
 * "other" record of its last state does not exist.
 */
static void file_perms_bound_the_pair_index(struct kunit *test)
{
	static const u32 marker[VTB_DFA_STATES] = { 0, 0, 0x4 };
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb;

	vtb_dfa_on(b, 'a', marker, none);
	unpack_ok(test, b, VIGIL_PDB_POLICY, &pdb);
	KUNIT_ASSERT_EQ(test, pdb.perms_count, VTB_DFA_STATES);
	KUNIT_EXPECT_EQ(test, vigil_pdb_file_perms(&pdb, 1, false)->allow,
			0x8004);
	KUNIT_EXPECT_EQ(test, vigil_pdb_file_perms(&pdb, 2, true)->allow,
			0x8004);
	KUNIT_EXPECT_EQ(test, vigil_pdb_file_perms(&pdb, 2, false)->allow, 0);
	vigil_pdb_destroy(&pdb);
}

static struct kunit_case vigil_pdb_lookup_test_cases[] = {
	KUNIT_CASE(class_start_follows_class_byte),
	KUNIT_CASE(policy_perms_by_state),
	KUNIT_CASE(file_perms_come_in_pairs),
	KUNIT_CASE(file_perms_bound_the_pair_index),
	{}
};

static struct kunit_suite vigil_pdb_lookup_test_suite = {
	.name = "apparmor_pdb_lookup",
	.test_cases = vigil_pdb_lookup_test_cases,
};

kunit_test_suite(vigil_pdb_lookup_test_suite);
