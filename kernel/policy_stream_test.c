// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - KUnit tests for the policy stream element reader
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "include/policy_stream.h"

/* Element codes spelled out, so the buffers below read like the spec. */
#define U8	0x00
#define U16	0x01
#define U32	0x02
#define U64	0x03
#define NAME	0x04
#define STRING	0x05
#define BLOB	0x06
#define STRUCT	0x07
#define SEND	0x08
#define ARRAY	0x0b
#define AEND	0x0c

#define STREAM_INIT(stream, bytes) \
	vigil_stream_init(stream, bytes, sizeof(bytes))

static void reads_integers_little_endian(struct kunit *test)
{
	static const u8 bytes[] = {
		U8, 0xfe,
		U16, 0x34, 0x12,
		U32, 0x07, 0x20, 0x20, 0x00,
		U64, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
	};
	struct vigil_stream stream;
	u8 v8 = 0;
	u16 v16 = 0;
	u32 v32 = 0;
	u64 v64 = 0;

	STREAM_INIT(&stream, bytes);
	KUNIT_ASSERT_TRUE(test, vigil_stream_read_u8(&stream, NULL, &v8));
	KUNIT_ASSERT_TRUE(test, vigil_stream_read_u16(&stream, NULL, &v16));
	KUNIT_ASSERT_TRUE(test, vigil_stream_read_u32(&stream, NULL, &v32));
	KUNIT_ASSERT_TRUE(test, vigil_stream_read_u64(&stream, NULL, &v64));
	KUNIT_EXPECT_EQ(test, v8, 0xfe);
	KUNIT_EXPECT_EQ(test, v16, 0x1234);
	KUNIT_EXPECT_EQ(test, v32, 0x00202007);
	KUNIT_EXPECT_EQ(test, v64, 0x0102030405060708ULL);
	KUNIT_EXPECT_EQ(test, vigil_stream_remaining(&stream), 0);
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_u8(&stream, NULL, &v8));
}

static const u8 named_version[] = {
	NAME, 0x08, 0x00, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0,
	U32, 0x07, 0x20, 0x20, 0x00,
};

static void named_read_matches_label(struct kunit *test)
{
	struct vigil_stream stream;
	u32 version = 0;

	STREAM_INIT(&stream, named_version);
	KUNIT_EXPECT_TRUE(test,
			  vigil_stream_read_u32(&stream, "version", &version));
	KUNIT_EXPECT_EQ(test, version, 0x00202007);
	KUNIT_EXPECT_EQ(test, vigil_stream_remaining(&stream), 0);
}

/* Probing for an absent optional element must leave the stream alone. */
static void failed_probe_consumes_nothing(struct kunit *test)
{
	struct vigil_stream stream;
	u32 value = 0xdead;
	u16 small;

	STREAM_INIT(&stream, named_version);
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_u32(&stream, "flags", &value));
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_u32(&stream, "versio", &value));
	KUNIT_EXPECT_FALSE(test,
			   vigil_stream_read_u32(&stream, "versionx", &value));
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_u16(&stream, "version", &small));
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_struct(&stream, "version"));
	KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);
	KUNIT_EXPECT_EQ(test, value, 0xdead);
	KUNIT_EXPECT_TRUE(test, vigil_stream_read_u32(&stream, "version", &value));
	KUNIT_EXPECT_EQ(test, value, 0x00202007);
}

static void unnamed_read_skips_any_label(struct kunit *test)
{
	static const u8 empty_label[] = { NAME, 0x00, 0x00, U8, 0x2a };
	struct vigil_stream stream;
	u32 version = 0;
	u8 value = 0;

	STREAM_INIT(&stream, named_version);
	KUNIT_EXPECT_TRUE(test, vigil_stream_read_u32(&stream, NULL, &version));
	KUNIT_EXPECT_EQ(test, version, 0x00202007);

	/* Even a label that could never match a named read is skipped. */
	STREAM_INIT(&stream, empty_label);
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_u8(&stream, "", &value));
	KUNIT_EXPECT_TRUE(test, vigil_stream_read_u8(&stream, NULL, &value));
	KUNIT_EXPECT_EQ(test, value, 0x2a);
}

static void named_read_requires_label(struct kunit *test)
{
	static const u8 bare[] = { U32, 1, 0, 0, 0 };
	struct vigil_stream stream;
	u32 value;

	STREAM_INIT(&stream, bare);
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_u32(&stream, "start", &value));
	KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);
}

static void malformed_labels_are_rejected(struct kunit *test)
{
	/* Label without its NUL: "start" in 5 bytes. */
	static const u8 unterminated[] = {
		NAME, 0x05, 0x00, 's', 't', 'a', 'r', 't', U32, 1, 0, 0, 0,
	};
	/* Label length runs past the end of the buffer. */
	static const u8 overlong[] = { NAME, 0x40, 0x00, 's', 't', 0 };
	/* Label length itself is cut short. */
	static const u8 short_length[] = { NAME, 0x06 };
	struct vigil_stream stream;
	u32 value;

	STREAM_INIT(&stream, unterminated);
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_u32(&stream, "start", &value));
	KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);

	STREAM_INIT(&stream, overlong);
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_u32(&stream, "st", &value));
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_u32(&stream, NULL, &value));
	KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);

	STREAM_INIT(&stream, short_length);
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_struct(&stream, NULL));
	KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);
}

static void wrong_type_consumes_nothing(struct kunit *test)
{
	static const u8 bytes[] = { U16, 0x01, 0x02 };
	struct vigil_stream stream;
	u16 v16 = 0;
	u32 v32;
	u8 v8;

	STREAM_INIT(&stream, bytes);
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_u32(&stream, NULL, &v32));
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_u8(&stream, NULL, &v8));
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_structend(&stream));
	KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);
	KUNIT_EXPECT_TRUE(test, vigil_stream_read_u16(&stream, NULL, &v16));
	KUNIT_EXPECT_EQ(test, v16, 0x0201);
}

static void strings_must_be_nul_terminated(struct kunit *test)
{
	static const u8 good[] = { STRING, 0x03, 0x00, 't', '1', 0 };
	static const u8 ns_pair[] = {
		STRING, 0x09, 0x00, ':', 'n', 's', 0, 'n', 'a', 'm', 'e', 0,
	};
	static const u8 empty[] = { STRING, 0x00, 0x00 };
	static const u8 unterminated[] = { STRING, 0x02, 0x00, 't', '1' };
	static const u8 truncated[] = { STRING, 0x04, 0x00, 't', '1', 0 };
	struct vigil_stream stream;
	const char *text = NULL;
	size_t len = 99;

	STREAM_INIT(&stream, good);
	KUNIT_ASSERT_TRUE(test,
			  vigil_stream_read_string(&stream, NULL, &text, &len));
	KUNIT_EXPECT_EQ(test, len, 2);
	KUNIT_EXPECT_STREQ(test, text, "t1");

	/* Internal NULs are the caller's business (xtable namespaces). */
	STREAM_INIT(&stream, ns_pair);
	KUNIT_ASSERT_TRUE(test,
			  vigil_stream_read_string(&stream, NULL, &text, &len));
	KUNIT_EXPECT_EQ(test, len, 8);
	KUNIT_EXPECT_EQ(test, strlen(text), 3);

	text = NULL;
	len = 99;
	STREAM_INIT(&stream, empty);
	KUNIT_EXPECT_FALSE(test,
			   vigil_stream_read_string(&stream, NULL, &text, &len));
	STREAM_INIT(&stream, unterminated);
	KUNIT_EXPECT_FALSE(test,
			   vigil_stream_read_string(&stream, NULL, &text, &len));
	STREAM_INIT(&stream, truncated);
	KUNIT_EXPECT_FALSE(test,
			   vigil_stream_read_string(&stream, NULL, &text, &len));
	KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);
	KUNIT_EXPECT_PTR_EQ(test, text, NULL);
	KUNIT_EXPECT_EQ(test, len, 99);
}

static void blob_lengths_are_checked(struct kunit *test)
{
	static const u8 good[] = {
		BLOB, 0x03, 0x00, 0x00, 0x00, 0xaa, 0xbb, 0xcc,
		BLOB, 0x00, 0x00, 0x00, 0x00,
	};
	static const u8 overlong[] = {
		BLOB, 0x04, 0x00, 0x00, 0x00, 0xaa, 0xbb, 0xcc,
	};
	static const u8 huge[] = {
		BLOB, 0xff, 0xff, 0xff, 0xff, 0xaa,
	};
	struct vigil_stream stream;
	const u8 *data = NULL;
	size_t len = 0;

	STREAM_INIT(&stream, good);
	KUNIT_ASSERT_TRUE(test,
			  vigil_stream_read_blob(&stream, NULL, &data, &len));
	KUNIT_EXPECT_EQ(test, len, 3);
	KUNIT_EXPECT_PTR_EQ(test, data, &good[5]);
	KUNIT_ASSERT_TRUE(test,
			  vigil_stream_read_blob(&stream, NULL, &data, &len));
	KUNIT_EXPECT_EQ(test, len, 0);
	KUNIT_EXPECT_EQ(test, vigil_stream_remaining(&stream), 0);

	STREAM_INIT(&stream, overlong);
	KUNIT_EXPECT_FALSE(test,
			   vigil_stream_read_blob(&stream, NULL, &data, &len));
	STREAM_INIT(&stream, huge);
	KUNIT_EXPECT_FALSE(test,
			   vigil_stream_read_blob(&stream, NULL, &data, &len));
	KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);
}

/* The "flags" group and "rlimits"-like array of a profile record. */
static const u8 groups[] = {
	NAME, 0x06, 0x00, 'f', 'l', 'a', 'g', 's', 0, STRUCT,
	U32, 0x01, 0x00, 0x00, 0x00,
	SEND,
	ARRAY, 0x02, 0x00,
	U64, 0x00, 0x04, 0, 0, 0, 0, 0, 0,
	U64, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	AEND,
};

static void structs_and_arrays(struct kunit *test)
{
	struct vigil_stream stream;
	u64 first = 0, second = 0;
	u16 count = 0;
	u32 hat = 0;

	STREAM_INIT(&stream, groups);
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_struct(&stream, "caps64"));
	KUNIT_ASSERT_TRUE(test, vigil_stream_read_struct(&stream, "flags"));
	KUNIT_ASSERT_TRUE(test, vigil_stream_read_u32(&stream, NULL, &hat));
	KUNIT_EXPECT_FALSE(test, vigil_stream_read_arrayend(&stream));
	KUNIT_ASSERT_TRUE(test, vigil_stream_read_structend(&stream));
	KUNIT_ASSERT_TRUE(test, vigil_stream_read_array(&stream, NULL, &count));
	KUNIT_ASSERT_TRUE(test, vigil_stream_read_u64(&stream, NULL, &first));
	KUNIT_ASSERT_TRUE(test, vigil_stream_read_u64(&stream, NULL, &second));
	KUNIT_ASSERT_TRUE(test, vigil_stream_read_arrayend(&stream));
	KUNIT_EXPECT_EQ(test, hat, 1);
	KUNIT_EXPECT_EQ(test, count, 2);
	KUNIT_EXPECT_EQ(test, first, 1024);
	KUNIT_EXPECT_EQ(test, second, U64_MAX);
	KUNIT_EXPECT_EQ(test, vigil_stream_remaining(&stream), 0);
}

#define GROUPS_ELEMENTS 7

/* Read element @index of the "groups" sequence. */
static bool read_groups_element(struct vigil_stream *stream,
				unsigned int index)
{
	u16 count;
	u32 v32;
	u64 v64;

	switch (index) {
	case 0:
		return vigil_stream_read_struct(stream, "flags");
	case 1:
		return vigil_stream_read_u32(stream, NULL, &v32);
	case 2:
		return vigil_stream_read_structend(stream);
	case 3:
		return vigil_stream_read_array(stream, NULL, &count);
	case 4:
	case 5:
		return vigil_stream_read_u64(stream, NULL, &v64);
	case 6:
		return vigil_stream_read_arrayend(stream);
	}
	return false;
}

/*
 * Read the "groups" sequence; return how many elements were read before
 * the first failure, checking that the failed read did not move.
 */
static unsigned int read_groups(struct kunit *test,
				struct vigil_stream *stream)
{
	unsigned int n;
	size_t before;

	for (n = 0; n < GROUPS_ELEMENTS; n++) {
		before = vigil_stream_offset(stream);
		if (!read_groups_element(stream, n)) {
			KUNIT_EXPECT_EQ(test, vigil_stream_offset(stream),
					before);
			break;
		}
	}
	return n;
}

/*
 * Every proper prefix of a valid stream must fail cleanly somewhere.
 * Each prefix lives in its own exactly sized allocation, so an
 * overread shows up under KASAN.
 */
static void every_truncation_fails_cleanly(struct kunit *test)
{
	struct vigil_stream stream;
	size_t len;
	u8 *copy;

	for (len = 0; len < sizeof(groups); len++) {
		copy = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, copy);
		memcpy(copy, groups, len);
		vigil_stream_init(&stream, copy, len);
		KUNIT_EXPECT_LT(test, read_groups(test, &stream),
				GROUPS_ELEMENTS);
		kunit_kfree(test, copy);
	}
	vigil_stream_init(&stream, groups, sizeof(groups));
	KUNIT_EXPECT_EQ(test, read_groups(test, &stream), GROUPS_ELEMENTS);
}

static struct kunit_case vigil_policy_stream_test_cases[] = {
	KUNIT_CASE(reads_integers_little_endian),
	KUNIT_CASE(named_read_matches_label),
	KUNIT_CASE(failed_probe_consumes_nothing),
	KUNIT_CASE(unnamed_read_skips_any_label),
	KUNIT_CASE(named_read_requires_label),
	KUNIT_CASE(malformed_labels_are_rejected),
	KUNIT_CASE(wrong_type_consumes_nothing),
	KUNIT_CASE(strings_must_be_nul_terminated),
	KUNIT_CASE(blob_lengths_are_checked),
	KUNIT_CASE(structs_and_arrays),
	KUNIT_CASE(every_truncation_fails_cleanly),
	{}
};

static struct kunit_suite vigil_policy_stream_test_suite = {
	.name = "apparmor_policy_stream",
	.test_cases = vigil_policy_stream_test_cases,
};

kunit_test_suite(vigil_policy_stream_test_suite);
