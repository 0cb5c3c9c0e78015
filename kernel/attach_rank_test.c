// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the ranking of attachment candidates.
 */

#include <kunit/test.h>

#include "include/attach_rank.h"

static void longest_literal_prefix_wins(struct kunit *test)
{
	struct vigil_attach_rank rank;

	vigil_attach_rank_init(&rank);
	KUNIT_EXPECT_FALSE(test, vigil_attach_rank_offer(&rank,
							 VIGIL_ATTACH_NONE));
	KUNIT_EXPECT_TRUE(test, vigil_attach_rank_offer(&rank, 13));
	KUNIT_EXPECT_TRUE(test, vigil_attach_rank_offer(&rank, 16));
	KUNIT_EXPECT_FALSE(test, vigil_attach_rank_offer(&rank, 14));
	KUNIT_EXPECT_EQ(test, rank.best, 16);
	KUNIT_EXPECT_FALSE(test, rank.conflict);
}

static void equal_scores_conflict(struct kunit *test)
{
	struct vigil_attach_rank rank;

	vigil_attach_rank_init(&rank);
	KUNIT_EXPECT_TRUE(test, vigil_attach_rank_offer(&rank, 15));
	KUNIT_EXPECT_FALSE(test, vigil_attach_rank_offer(&rank, 15));
	KUNIT_EXPECT_TRUE(test, rank.conflict);
	/* A shorter match later does not resolve the conflict... */
	KUNIT_EXPECT_FALSE(test, vigil_attach_rank_offer(&rank, 12));
	KUNIT_EXPECT_TRUE(test, rank.conflict);
	/* ...a longer one does. */
	KUNIT_EXPECT_TRUE(test, vigil_attach_rank_offer(&rank, 17));
	KUNIT_EXPECT_FALSE(test, rank.conflict);
}

static void exact_name_wins_outright(struct kunit *test)
{
	struct vigil_attach_rank rank;

	vigil_attach_rank_init(&rank);
	KUNIT_EXPECT_TRUE(test, vigil_attach_rank_offer(&rank, 20));
	KUNIT_EXPECT_FALSE(test, vigil_attach_rank_offer(&rank, 20));
	KUNIT_EXPECT_TRUE(test, vigil_attach_rank_offer(&rank,
							VIGIL_ATTACH_EXACT));
	KUNIT_EXPECT_FALSE(test, rank.conflict);
}

static struct kunit_case attach_rank_test_cases[] = {
	KUNIT_CASE(longest_literal_prefix_wins),
	KUNIT_CASE(equal_scores_conflict),
	KUNIT_CASE(exact_name_wins_outright),
	{}
};

static struct kunit_suite attach_rank_test_suite = {
	.name = "apparmor_attach_rank",
	.test_cases = attach_rank_test_cases,
};

kunit_test_suite(attach_rank_test_suite);
