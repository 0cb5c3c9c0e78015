// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - KUnit tests for the features/ tree description
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>

#include "include/features.h"

static void expect_formatted(struct kunit *test,
			     const struct vigil_feature *feature,
			     const char *expected)
{
	char buf[64];
	size_t len;

	len = vigil_feature_format(feature, buf, sizeof(buf));
	KUNIT_EXPECT_EQ(test, len, strlen(expected));
	KUNIT_EXPECT_STREQ(test, buf, expected);
}

static void format_bool(struct kunit *test)
{
	const struct vigil_feature yes = VIGIL_FEATURE_BOOL_ENTRY("y", true);
	const struct vigil_feature no = VIGIL_FEATURE_BOOL_ENTRY("n", false);

	expect_formatted(test, &yes, "yes\n");
	expect_formatted(test, &no, "no\n");
}

static void format_string(struct kunit *test)
{
	const struct vigil_feature mask =
		VIGIL_FEATURE_STRING_ENTRY("mask", "read trace");
	const struct vigil_feature empty =
		VIGIL_FEATURE_STRING_ENTRY("empty", "");

	expect_formatted(test, &mask, "read trace\n");
	expect_formatted(test, &empty, "\n");
}

/* The stock interface pads to 8 characters including the 0x prefix. */
static void format_u64(struct kunit *test)
{
	const struct vigil_feature one = VIGIL_FEATURE_U64_ENTRY("one", 1);
	const struct vigil_feature caps =
		VIGIL_FEATURE_U64_ENTRY("caps", 0xffffff);
	const struct vigil_feature wide =
		VIGIL_FEATURE_U64_ENTRY("wide", 0x123456789aULL);

	expect_formatted(test, &one, "0x000001\n");
	expect_formatted(test, &caps, "0xffffff\n");
	expect_formatted(test, &wide, "0x123456789a\n");
}

static void format_sizes_and_truncates(struct kunit *test)
{
	const struct vigil_feature mask =
		VIGIL_FEATURE_STRING_ENTRY("mask", "mount umount");
	char small[5] = "xxxx";

	KUNIT_EXPECT_EQ(test, vigil_feature_format(&mask, NULL, 0),
			strlen("mount umount\n"));
	KUNIT_EXPECT_EQ(test, vigil_feature_format(&mask, small, sizeof(small)),
			strlen("mount umount\n"));
	KUNIT_EXPECT_STREQ(test, small, "moun");
}

static void format_directory_is_not_a_file(struct kunit *test)
{
	static const struct vigil_feature children[] = { VIGIL_FEATURES_END };
	const struct vigil_feature dir =
		VIGIL_FEATURE_DIR_ENTRY("dir", children);
	char buf[8] = "keep";

	KUNIT_EXPECT_EQ(test, vigil_feature_format(&dir, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "keep");
}

static const struct vigil_feature good_leaf[] = {
	VIGIL_FEATURE_BOOL_ENTRY("stack", true),
	VIGIL_FEATURE_STRING_ENTRY("version", "1.2"),
	VIGIL_FEATURES_END
};

static const struct vigil_feature good_root[] = {
	VIGIL_FEATURE_DIR_ENTRY("domain", good_leaf),
	VIGIL_FEATURE_U64_ENTRY("capability", 0xffffff),
	VIGIL_FEATURES_END
};

static void validate_accepts_well_formed(struct kunit *test)
{
	static const struct vigil_feature empty[] = { VIGIL_FEATURES_END };

	KUNIT_EXPECT_EQ(test, vigil_features_validate(good_root), 0);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(empty), 0);
}

/* The table this kernel publishes must itself pass. */
static void validate_accepts_published_table(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vigil_features_validate(vigil_features), 0);
}

static void validate_rejects_bad_names(struct kunit *test)
{
	static const struct vigil_feature null_name[] = {
		VIGIL_FEATURE_BOOL_ENTRY(NULL, true), VIGIL_FEATURES_END
	};
	static const struct vigil_feature empty_name[] = {
		VIGIL_FEATURE_BOOL_ENTRY("", true), VIGIL_FEATURES_END
	};
	static const struct vigil_feature slash[] = {
		VIGIL_FEATURE_BOOL_ENTRY("a/b", true), VIGIL_FEATURES_END
	};
	static const struct vigil_feature dot[] = {
		VIGIL_FEATURE_BOOL_ENTRY(".", true), VIGIL_FEATURES_END
	};
	static const struct vigil_feature dotdot[] = {
		VIGIL_FEATURE_BOOL_ENTRY("..", true), VIGIL_FEATURES_END
	};
	static const struct vigil_feature duplicate[] = {
		VIGIL_FEATURE_BOOL_ENTRY("stack", true),
		VIGIL_FEATURE_U64_ENTRY("stack", 1),
		VIGIL_FEATURES_END
	};

	KUNIT_EXPECT_EQ(test, vigil_features_validate(null_name), -EINVAL);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(empty_name), -EINVAL);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(slash), -EINVAL);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(dot), -EINVAL);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(dotdot), -EINVAL);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(duplicate), -EINVAL);
}

static void validate_rejects_bad_values(struct kunit *test)
{
	static const struct vigil_feature null_string[] = {
		VIGIL_FEATURE_STRING_ENTRY("s", NULL), VIGIL_FEATURES_END
	};
	static const struct vigil_feature newline[] = {
		VIGIL_FEATURE_STRING_ENTRY("s", "a\nb"), VIGIL_FEATURES_END
	};
	static const struct vigil_feature childless[] = {
		VIGIL_FEATURE_DIR_ENTRY("d", NULL), VIGIL_FEATURES_END
	};
	static const struct vigil_feature bad_child[] = {
		VIGIL_FEATURE_DIR_ENTRY("d", null_string), VIGIL_FEATURES_END
	};
	static const struct vigil_feature unknown_kind[] = {
		{ .name = "x", .kind = VIGIL_FEATURE_U64 + 1 },
		VIGIL_FEATURES_END
	};

	KUNIT_EXPECT_EQ(test, vigil_features_validate(NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(null_string), -EINVAL);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(newline), -EINVAL);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(childless), -EINVAL);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(bad_child), -EINVAL);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(unknown_kind), -EINVAL);
}

static const struct vigil_feature depth5[] = {
	VIGIL_FEATURE_BOOL_ENTRY("leaf", true), VIGIL_FEATURES_END
};

static const struct vigil_feature depth4[] = {
	VIGIL_FEATURE_DIR_ENTRY("d4", depth5), VIGIL_FEATURES_END
};

static const struct vigil_feature depth3[] = {
	VIGIL_FEATURE_DIR_ENTRY("d3", depth4), VIGIL_FEATURES_END
};

static const struct vigil_feature depth2[] = {
	VIGIL_FEATURE_DIR_ENTRY("d2", depth3), VIGIL_FEATURES_END
};

static const struct vigil_feature depth1[] = {
	VIGIL_FEATURE_DIR_ENTRY("d1", depth2), VIGIL_FEATURES_END
};

static const struct vigil_feature depth0[] = {
	VIGIL_FEATURE_DIR_ENTRY("d0", depth1), VIGIL_FEATURES_END
};

static void validate_limits_depth(struct kunit *test)
{
	/* depth1 nests four directories below the root: the limit. */
	KUNIT_EXPECT_EQ(test, vigil_features_validate(depth1), 0);
	KUNIT_EXPECT_EQ(test, vigil_features_validate(depth0), -EINVAL);
}

static struct kunit_case vigil_features_test_cases[] = {
	KUNIT_CASE(format_bool),
	KUNIT_CASE(format_string),
	KUNIT_CASE(format_u64),
	KUNIT_CASE(format_sizes_and_truncates),
	KUNIT_CASE(format_directory_is_not_a_file),
	KUNIT_CASE(validate_accepts_well_formed),
	KUNIT_CASE(validate_accepts_published_table),
	KUNIT_CASE(validate_rejects_bad_names),
	KUNIT_CASE(validate_rejects_bad_values),
	KUNIT_CASE(validate_limits_depth),
	{}
};

static struct kunit_suite vigil_features_test_suite = {
	.name = "apparmor_features",
	.test_cases = vigil_features_test_cases,
};

kunit_test_suite(vigil_features_test_suite);
