// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - KUnit tests for load headers and profile records
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "include/profile_record.h"
#include "include/test_builder.h"

/* Old-encoding accept values: nothing accepted anywhere. */
static const u32 none[VTB_DFA_STATES] = { 0, 0, 0 };
/* xmatch: state 2 is an attachment match (EXEC). */
static const u32 exec_at_2[VTB_DFA_STATES] = { 0, 0, 1 };

/* Which optional parts write_profile() emits. */
struct shape {
	const char *name;
	bool xmatch;
	bool xmatch_len;
	u32 mode;
	bool extras;
	bool policydb;
	u8 policydb_byte;
	bool policydb_zero_file_start;
	bool file;
	bool data;
	bool duplicate_key;
	u16 many_keys;
	u16 rlimit_count;
	bool trailing_junk;
	const char *xattr;
	size_t xattr_len;
	const char *key;
	size_t key_len;
	bool key_without_value;
};

/*
 * A profile record as apparmor_parser 3.0.8 lays it out, plus the
 * optional fields it never writes when @shape->extras is set.
 */
static void write_profile(struct vtb *b, const struct shape *shape)
{
	u16 i;

	vtb_struct(b, "profile");
	vtb_text(b, NULL, shape->name);
	if (shape->extras) {
		vtb_text(b, "rename", "old");
		vtb_text(b, "attach", "/usr/bin/foo");
	}
	if (shape->xmatch) {
		vtb_dfa(b, exec_at_2, none);
		if (shape->xmatch_len)
			vtb_u32(b, NULL, 12);
	}
	if (shape->extras)
		vtb_text(b, "disconnected", "/disc");

	vtb_struct(b, "flags");
	vtb_u32(b, NULL, shape->extras ? 1 : 0);
	vtb_u32(b, NULL, shape->mode);
	vtb_u32(b, NULL, shape->extras ? 1 : 0);
	vtb_code(b, VIGIL_STREAM_STRUCTEND);
	if (shape->extras)
		vtb_u32(b, "path_flags", 0x10000);

	/* dac_override allowed; mac_admin (33) allowed in caps64. */
	vtb_u32(b, NULL, 0x2);
	vtb_u32(b, NULL, 0);
	vtb_u32(b, NULL, 0x1);
	vtb_u32(b, NULL, 0xffffffff);
	vtb_struct(b, "caps64");
	vtb_u32(b, NULL, 0x2);
	vtb_u32(b, NULL, 0x2);
	vtb_u32(b, NULL, 0);
	vtb_u32(b, NULL, 0);
	vtb_code(b, VIGIL_STREAM_STRUCTEND);

	if (shape->extras) {
		vtb_struct(b, "capsx");
		vtb_u32(b, NULL, 0x10);
		vtb_u32(b, NULL, 0x1);
		vtb_code(b, VIGIL_STREAM_STRUCTEND);

		vtb_struct(b, "xattrs");
		vtb_array(b, 1);
		vtb_text(b, NULL, "security.tag");
		vtb_code(b, VIGIL_STREAM_ARRAYEND);
		vtb_code(b, VIGIL_STREAM_STRUCTEND);
	}
	if (shape->xattr) {
		vtb_struct(b, "xattrs");
		vtb_array(b, 1);
		vtb_string(b, shape->xattr, shape->xattr_len);
		vtb_code(b, VIGIL_STREAM_ARRAYEND);
		vtb_code(b, VIGIL_STREAM_STRUCTEND);
	}
	if (shape->rlimit_count) {
		vtb_struct(b, "rlimits");
		vtb_u32(b, NULL, 0x80);
		vtb_array(b, shape->rlimit_count);
		for (i = 0; i < shape->rlimit_count; i++)
			vtb_u64(b, NULL, i == 7 ? 1024 : 0);
		vtb_code(b, VIGIL_STREAM_ARRAYEND);
		vtb_code(b, VIGIL_STREAM_STRUCTEND);
	}
	if (shape->extras) {
		vtb_struct(b, "secmark");
		vtb_array(b, 1);
		vtb_u8(b, NULL, 1);
		vtb_u8(b, NULL, 0);
		vtb_text(b, NULL, "system_u:object_r:x_t");
		vtb_code(b, VIGIL_STREAM_ARRAYEND);
		vtb_code(b, VIGIL_STREAM_STRUCTEND);
	}
	if (shape->policydb) {
		static const u32 marker[VTB_DFA_STATES] = { 0, 0, 0x4 };

		vtb_struct(b, "policydb");
		vtb_dfa_on(b, shape->policydb_byte, marker, none);
		if (shape->policydb_zero_file_start)
			vtb_u32(b, "dfa_start", 0);
		vtb_code(b, VIGIL_STREAM_STRUCTEND);
	}
	if (shape->file)
		vtb_dfa(b, none, none);
	if (shape->many_keys) {
		char key[8];

		/* Descending keys; a duplicate of the first one at the end. */
		vtb_struct(b, "data");
		for (i = shape->many_keys; i-- > 0;) {
			snprintf(key, sizeof(key), "k%03u", i);
			vtb_text(b, NULL, key);
			vtb_blob(b, NULL, key, 1);
		}
		if (shape->duplicate_key) {
			snprintf(key, sizeof(key), "k%03u",
				 shape->many_keys - 1);
			vtb_text(b, NULL, key);
			vtb_blob(b, NULL, NULL, 0);
		}
		vtb_code(b, VIGIL_STREAM_STRUCTEND);
	}
	if (shape->data) {
		vtb_struct(b, "data");
		vtb_text(b, NULL, "key1");
		vtb_blob(b, NULL, "value", 5);
		vtb_text(b, NULL, shape->duplicate_key ? "key1" : "key2");
		vtb_blob(b, NULL, NULL, 0);
		vtb_code(b, VIGIL_STREAM_STRUCTEND);
	}
	if (shape->key) {
		vtb_struct(b, "data");
		vtb_string(b, shape->key, shape->key_len);
		if (!shape->key_without_value)
			vtb_blob(b, NULL, "v", 1);
		vtb_code(b, VIGIL_STREAM_STRUCTEND);
	}
	if (shape->trailing_junk) {
		/* The pre-4.17 net_allowed_af array 6.12 does not know. */
		vtb_name(b, "net_allowed_af");
		vtb_array(b, 1);
		vtb_byte(b, VIGIL_STREAM_U16);
		vtb_byte(b, 0);
		vtb_byte(b, 0);
		vtb_code(b, VIGIL_STREAM_ARRAYEND);
	}
	vtb_code(b, VIGIL_STREAM_STRUCTEND);
}

static const struct shape parser_shape = {
	.name = "test", .xmatch = true, .xmatch_len = true,
	.policydb = true, .policydb_byte = 'a', .file = true,
};

/* Unpack one record; failures must rewind and leave nothing behind. */
static int unpack_record(struct kunit *test, struct vtb *b, u32 version,
			 struct vigil_profile_record *record,
			 const char **info)
{
	struct vigil_stream stream;
	int err;

	memset(record, 0, sizeof(*record));
	*info = NULL;
	vigil_stream_init(&stream, b->buf, b->len);
	err = vigil_profile_record_unpack(&stream, version, record, info,
					  NULL);
	if (err) {
		KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);
		KUNIT_EXPECT_PTR_EQ(test, record->hname, NULL);
		KUNIT_EXPECT_PTR_EQ(test, record->xmatch.dfa, NULL);
	} else {
		KUNIT_EXPECT_EQ(test, vigil_stream_remaining(&stream), 0);
		KUNIT_EXPECT_EQ(test, record->record_offset, 0);
		KUNIT_EXPECT_EQ(test, record->record_size, b->len);
	}
	return err;
}

static void parser_record_unpacks(struct kunit *test)
{
	struct vtb *b = vtb_new(test);
	struct vigil_profile_record record;
	const char *info;

	write_profile(b, &parser_shape);
	KUNIT_ASSERT_EQ(test, unpack_record(test, b, 0x00202007, &record,
					    &info), 0);
	KUNIT_EXPECT_STREQ(test, record.hname, "test");
	KUNIT_EXPECT_PTR_EQ(test, record.ns_name, NULL);
	KUNIT_EXPECT_NOT_NULL(test, record.xmatch.dfa);
	KUNIT_EXPECT_EQ(test, record.xmatch_len, 12);
	KUNIT_EXPECT_EQ(test, record.xmatch.perms[2].allow, VIGIL_MAY_EXEC);
	KUNIT_EXPECT_EQ(test, record.mode, VIGIL_MODE_ENFORCE);
	KUNIT_EXPECT_FALSE(test, record.audit_all);
	KUNIT_EXPECT_EQ(test, record.flags, 0);
	KUNIT_EXPECT_EQ(test, record.path_flags, VIGIL_PATH_MEDIATE_DELETED);
	KUNIT_EXPECT_EQ(test, record.caps_allow, 0x200000002ULL);
	KUNIT_EXPECT_EQ(test, record.caps_audit, 0x200000000ULL);
	KUNIT_EXPECT_EQ(test, record.caps_quiet, 0x1ULL);
	KUNIT_EXPECT_NOT_NULL(test, record.policy.dfa);
	KUNIT_EXPECT_NOT_NULL(test, record.file.dfa);
	KUNIT_EXPECT_FALSE(test, record.file_uses_policy);
	/* ABI 7 policydb: the marker state gets READ plus LOCK. */
	KUNIT_EXPECT_EQ(test, record.policy.perms[2].allow, 0x8004);
	KUNIT_EXPECT_EQ(test, record.rlimit_mask, 0);
	KUNIT_EXPECT_EQ(test, record.data_count, 0);
	KUNIT_EXPECT_EQ(test, vigil_profile_record_verify(&record, &info), 0);
	vigil_profile_record_destroy(&record);
	KUNIT_EXPECT_PTR_EQ(test, record.hname, NULL);
}

/*
 * Unpack a record of @shape as version 7: expect @err and, when @info
 * is given, that message. @i numbers the case in failure messages.
 */
static void expect_shape(struct kunit *test, const struct shape *shape,
			 int err, const char *info, unsigned int i)
{
	struct vigil_profile_record record;
	struct vtb *b = vtb_new(test);
	const char *got;
	int ret;

	write_profile(b, shape);
	ret = unpack_record(test, b, 7, &record, &got);
	KUNIT_EXPECT_EQ_MSG(test, ret, err, "case %u", i);
	if (info)
		KUNIT_EXPECT_STREQ_MSG(test, got, info, "case %u", i);
	if (!ret)
		vigil_profile_record_destroy(&record);
}

static void optional_fields_unpack(struct kunit *test)
{
	struct shape shape = parser_shape;
	struct vtb *b = vtb_new(test);
	struct vigil_profile_record record;
	const char *info;

	shape.name = ":ns://t1//hat";
	shape.extras = true;
	shape.data = true;
	shape.rlimit_count = VIGIL_RLIMIT_COUNT;
	shape.mode = VIGIL_MODE_KILL;
	write_profile(b, &shape);
	KUNIT_ASSERT_EQ(test, unpack_record(test, b, 0x00202007, &record,
					    &info), 0);
	KUNIT_EXPECT_STREQ(test, record.ns_name, "ns");
	KUNIT_EXPECT_STREQ(test, record.hname, "t1//hat");
	KUNIT_EXPECT_STREQ(test, record.rename, "old");
	KUNIT_EXPECT_STREQ(test, record.attach, "/usr/bin/foo");
	KUNIT_EXPECT_STREQ(test, record.disconnected, "/disc");
	KUNIT_EXPECT_EQ(test, record.flags, VIGIL_PROFILE_HAT);
	KUNIT_EXPECT_EQ(test, record.mode, VIGIL_MODE_KILL);
	KUNIT_EXPECT_TRUE(test, record.audit_all);
	/* Given path_flags replace the default entirely. */
	KUNIT_EXPECT_EQ(test, record.path_flags, 0x10000);
	KUNIT_EXPECT_EQ(test, record.caps_extended, 0x100000010ULL);
	KUNIT_ASSERT_EQ(test, record.xattr_count, 1);
	KUNIT_EXPECT_STREQ(test, record.xattrs[0], "security.tag");
	KUNIT_EXPECT_EQ(test, record.rlimit_mask, 0x80);
	KUNIT_EXPECT_EQ(test, record.rlimit_max[7], 1024);
	KUNIT_ASSERT_EQ(test, record.secmark_count, 1);
	KUNIT_EXPECT_EQ(test, record.secmarks[0].audit, 1);
	KUNIT_EXPECT_STREQ(test, record.secmarks[0].label,
			   "system_u:object_r:x_t");
	KUNIT_ASSERT_EQ(test, record.data_count, 2);
	KUNIT_EXPECT_STREQ(test, record.data[0].key, "key1");
	KUNIT_EXPECT_EQ(test, record.data[0].size, 5);
	KUNIT_EXPECT_EQ(test, memcmp(record.data[0].value, "value", 5), 0);
	KUNIT_EXPECT_EQ(test, record.data[1].size, 0);
	vigil_profile_record_destroy(&record);
}

static void force_complain_and_modes(struct kunit *test)
{
	struct shape shape = parser_shape;
	struct vigil_profile_record record;
	const char *info;
	struct vtb *b;
	u32 mode;

	for (mode = VIGIL_MODE_ENFORCE; mode <= VIGIL_MODE_USER; mode++) {
		b = vtb_new(test);
		shape.mode = mode;
		write_profile(b, &shape);
		KUNIT_ASSERT_EQ(test, unpack_record(test, b, 7, &record, &info),
				0);
		KUNIT_EXPECT_EQ(test, record.mode, mode);
		vigil_profile_record_destroy(&record);

		KUNIT_ASSERT_EQ(test, unpack_record(test, b, 7 | 0x800, &record,
						    &info), 0);
		KUNIT_EXPECT_EQ(test, record.mode, VIGIL_MODE_COMPLAIN);
		vigil_profile_record_destroy(&record);
	}

	b = vtb_new(test);
	shape.mode = 5;
	write_profile(b, &shape);
	KUNIT_EXPECT_EQ(test, unpack_record(test, b, 7, &record, &info),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, info, "failed to unpack profile flags");
	/* Stock skips the mode check when the load forces complain. */
	KUNIT_EXPECT_EQ(test, unpack_record(test, b, 7 | 0x800, &record,
					    &info), -EPROTO);
	KUNIT_EXPECT_STREQ(test, info, "failed to unpack profile flags");
}

/*
 * Stock truncates xattr names and data keys at an embedded NUL and
 * takes a data key without a value; Vigil refuses all three. The same
 * records without the defect are accepted.
 */
static void rejects_nuls_in_keys_and_missing_values(struct kunit *test)
{
	static const struct {
		struct shape shape;
		int err;
	} cases[] = {
		{ { .name = "t", .xattr = "sec.tag", .xattr_len = 8 }, 0 },
		{ { .name = "t", .xattr = "sec\0tag", .xattr_len = 8 },
		  -EPROTO },
		{ { .name = "t", .key = "k1", .key_len = 3 }, 0 },
		{ { .name = "t", .key = "k\0y", .key_len = 4 }, -EPROTO },
		{ { .name = "t", .key = "k1", .key_len = 3,
		    .key_without_value = true }, -EPROTO },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		expect_shape(test, &cases[i].shape, cases[i].err, NULL, i);
}

static void rejects_bad_records(struct kunit *test)
{
	static const struct {
		struct shape shape;
		const char *info;
	} cases[] = {
		{ { .name = ":ns:", .file = true }, "empty profile name" },
		{ { .name = "::x", .file = true }, "empty profile name" },
		{ { .name = "t", .xmatch = true }, "missing xmatch len" },
		{ { .name = "t", .rlimit_count = VIGIL_RLIMIT_COUNT + 1 },
		  "failed to unpack profile rlimits" },
		{ { .name = "t", .data = true, .duplicate_key = true },
		  "failed to insert data to table" },
		{ { .name = "t", .trailing_junk = true },
		  "failed to unpack end of profile" },
	};
	struct vigil_profile_record record;
	const char *info;
	struct vtb *b;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		expect_shape(test, &cases[i].shape, -EPROTO, cases[i].info, i);

	/* Empty name, and a name cut short by an embedded NUL. */
	b = vtb_new(test);
	vtb_struct(b, "profile");
	vtb_string(b, "", 1);
	KUNIT_EXPECT_EQ(test, unpack_record(test, b, 7, &record, &info),
			-EPROTO);
	b = vtb_new(test);
	vtb_struct(b, "profile");
	vtb_string(b, "a\0b", 4);
	KUNIT_EXPECT_EQ(test, unpack_record(test, b, 7, &record, &info),
			-EPROTO);
	/* Missing flags. */
	b = vtb_new(test);
	vtb_struct(b, "profile");
	vtb_text(b, NULL, "t");
	vtb_u32(b, NULL, 0);
	KUNIT_EXPECT_EQ(test, unpack_record(test, b, 7, &record, &info),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, info, "profile missing flags");
}

static void data_is_sorted_and_unique(struct kunit *test)
{
	struct shape shape = { .name = "t", .many_keys = 100 };
	struct vigil_profile_record record;
	const char *info;
	struct vtb *b;
	u32 i;

	b = vtb_new(test);
	write_profile(b, &shape);
	KUNIT_ASSERT_EQ(test, unpack_record(test, b, 7, &record, &info), 0);
	KUNIT_ASSERT_EQ(test, record.data_count, 100);
	for (i = 1; i < record.data_count; i++)
		KUNIT_EXPECT_LT(test, strcmp(record.data[i - 1].key,
					     record.data[i].key), 0);
	KUNIT_EXPECT_STREQ(test, record.data[0].key, "k000");
	KUNIT_EXPECT_EQ(test, record.data[99].value[0], 'k');
	vigil_profile_record_destroy(&record);

	/* Duplicates are caught however far apart they are sent. */
	b = vtb_new(test);
	shape.duplicate_key = true;
	write_profile(b, &shape);
	KUNIT_EXPECT_EQ(test, unpack_record(test, b, 7, &record, &info),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, info, "failed to insert data to table");
}

static void file_rules_fall_back_to_policydb(struct kunit *test)
{
	struct shape shape = parser_shape;
	struct vigil_profile_record record;
	const char *info;
	struct vtb *b;

	/* The policydb mediates class 2 (file): state 1 -> 2 on byte 2. */
	b = vtb_new(test);
	shape.file = false;
	shape.policydb_byte = VIGIL_CLASS_FILE;
	write_profile(b, &shape);
	KUNIT_ASSERT_EQ(test, unpack_record(test, b, 7, &record, &info), 0);
	KUNIT_EXPECT_EQ(test, record.policy.file_start, 2);
	KUNIT_EXPECT_PTR_EQ(test, record.file.dfa, NULL);
	KUNIT_EXPECT_TRUE(test, record.file_uses_policy);
	vigil_profile_record_destroy(&record);

	/*
	 * Without a class 2 transition the policydb still serves file
	 * rules, from its default file start (state 1), as in 6.12.
	 */
	b = vtb_new(test);
	shape.policydb_byte = 'a';
	write_profile(b, &shape);
	KUNIT_ASSERT_EQ(test, unpack_record(test, b, 7, &record, &info), 0);
	KUNIT_EXPECT_EQ(test, record.policy.file_start, VIGIL_DFA_START);
	KUNIT_EXPECT_TRUE(test, record.file_uses_policy);
	vigil_profile_record_destroy(&record);

	/* Only an explicit file start of 0 leaves file rules empty. */
	b = vtb_new(test);
	shape.policydb_zero_file_start = true;
	write_profile(b, &shape);
	KUNIT_ASSERT_EQ(test, unpack_record(test, b, 7, &record, &info), 0);
	KUNIT_EXPECT_EQ(test, record.policy.file_start, VIGIL_DFA_NOMATCH);
	KUNIT_EXPECT_FALSE(test, record.file_uses_policy);
	vigil_profile_record_destroy(&record);
}

/*
 * Every proper prefix of a full record must fail cleanly; each prefix
 * is copied to an exactly sized buffer so overreads trip KASAN.
 */
static void every_truncation_fails_cleanly(struct kunit *test)
{
	struct shape shape = parser_shape;
	struct vigil_profile_record record;
	struct vigil_stream stream;
	unsigned int failures = 0;
	struct vtb *b = vtb_new(test);
	const char *info;
	size_t len;
	u8 *copy;

	shape.extras = true;
	shape.data = true;
	shape.rlimit_count = 2;
	write_profile(b, &shape);
	for (len = 0; len < b->len; len++) {
		copy = kmalloc(len ? len : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, copy);
		memcpy(copy, b->buf, len);
		memset(&record, 0, sizeof(record));
		vigil_stream_init(&stream, copy, len);
		if (vigil_profile_record_unpack(&stream, 7, &record, &info,
						NULL) == -EPROTO &&
		    !vigil_stream_offset(&stream) && !record.hname)
			failures++;
		vigil_profile_record_destroy(&record);
		kfree(copy);
	}
	KUNIT_EXPECT_EQ(test, failures, b->len);
}

/* Unpack @b, which must be refused, and return where it stopped. */
static struct vigil_unpack_stop unpack_stopped(struct kunit *test,
					       struct vtb *b, const char **info)
{
	struct vigil_profile_record record = {};
	struct vigil_unpack_stop stop = { .offset = SIZE_MAX };
	struct vigil_stream stream;

	vigil_stream_init(&stream, b->buf, b->len);
	KUNIT_EXPECT_EQ(test, vigil_profile_record_unpack(&stream, 7, &record,
							  info, &stop),
			-EPROTO);
	return stop;
}

/* A refusal tells the audit record which profile and where it stopped. */
static void refusals_report_name_and_offset(struct kunit *test)
{
	struct vigil_unpack_stop stop;
	const char *info;
	size_t named;
	struct vtb *b;

	b = vtb_new(test);
	vtb_u32(b, NULL, 0);
	stop = unpack_stopped(test, b, &info);
	KUNIT_EXPECT_EQ(test, stop.offset, 0);
	KUNIT_EXPECT_PTR_EQ(test, stop.name, NULL);

	/* Past the name: the name without its namespace. */
	b = vtb_new(test);
	vtb_struct(b, "profile");
	vtb_text(b, NULL, ":ns:t//kid");
	named = b->len;
	vtb_u32(b, NULL, 0);
	stop = unpack_stopped(test, b, &info);
	KUNIT_EXPECT_STREQ(test, info, "profile missing flags");
	KUNIT_EXPECT_EQ(test, stop.offset, named);
	KUNIT_EXPECT_STREQ(test, stop.name, "t//kid");

	/* A name that names no profile is reported as written. */
	b = vtb_new(test);
	vtb_struct(b, "profile");
	vtb_text(b, NULL, ":ns:");
	stop = unpack_stopped(test, b, &info);
	KUNIT_EXPECT_STREQ(test, info, "empty profile name");
	KUNIT_EXPECT_EQ(test, stop.offset, b->len);
	KUNIT_EXPECT_STREQ(test, stop.name, ":ns:");

	b = vtb_new(test);
	vtb_struct(b, "profile");
	vtb_string(b, "", 1);
	stop = unpack_stopped(test, b, &info);
	KUNIT_EXPECT_STREQ(test, stop.name, "");
}

static void header_version_rules(struct kunit *test)
{
	struct vigil_stream stream;
	const char *ns = NULL;
	size_t ns_len = 0;
	const char *info;
	u32 version = 0;
	struct vtb *b;

	/* The first header must have a version. */
	b = vtb_new(test);
	vtb_text(b, "namespace", "ns");
	vigil_stream_init(&stream, b->buf, b->len);
	KUNIT_EXPECT_EQ(test, vigil_unpack_header(&stream, true, &version,
						  &ns, &ns_len, &info),
			-EPROTONOSUPPORT);
	KUNIT_EXPECT_STREQ(test, info, "invalid profile format");
	KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);

	/* Later headers may omit it and keep the one in force. */
	version = 0x00202007;
	KUNIT_EXPECT_EQ(test, vigil_unpack_header(&stream, false, &version,
						  &ns, &ns_len, &info), 0);
	KUNIT_EXPECT_EQ(test, version, 0x00202007);
	KUNIT_EXPECT_EQ(test, ns_len, 2);
	KUNIT_EXPECT_EQ(test, memcmp(ns, "ns", 2), 0);
	KUNIT_EXPECT_PTR_EQ(test, info, NULL);

	/* A different namespace later is reported, not applied. */
	b = vtb_new(test);
	vtb_u32(b, "version", 0xfff02007);
	vtb_text(b, "namespace", "other");
	vigil_stream_init(&stream, b->buf, b->len);
	KUNIT_EXPECT_EQ(test, vigil_unpack_header(&stream, false, &version,
						  &ns, &ns_len, &info), 0);
	KUNIT_EXPECT_STREQ(test, info, "invalid ns change");
	KUNIT_EXPECT_EQ(test, ns_len, 2);
	KUNIT_EXPECT_EQ(test, version, 0xfff02007);
}

static void header_rejects_bad_versions(struct kunit *test)
{
	static const u32 bad[] = { 0, 4, 10, 0x3ff, 0x00202004 };
	static const u32 good[] = { 5, 7, 9, 0x00202009 };
	struct vigil_stream stream;
	const char *ns = NULL;
	size_t ns_len = 0;
	const char *info;
	unsigned int i;
	u32 version;
	struct vtb *b;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		b = vtb_new(test);
		vtb_u32(b, "version", bad[i]);
		vigil_stream_init(&stream, b->buf, b->len);
		KUNIT_EXPECT_EQ(test, vigil_unpack_header(&stream, true,
							  &version, &ns,
							  &ns_len, &info),
				-EPROTONOSUPPORT);
		KUNIT_EXPECT_STREQ(test, info, "unsupported interface version");
		/* Reported, as stock does, just past the version. */
		KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), b->len);
	}
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		b = vtb_new(test);
		vtb_u32(b, "version", good[i]);
		vigil_stream_init(&stream, b->buf, b->len);
		KUNIT_EXPECT_EQ(test, vigil_unpack_header(&stream, true,
							  &version, &ns,
							  &ns_len, &info), 0);
	}

	b = vtb_new(test);
	vtb_u32(b, "version", 7);
	vtb_name(b, "namespace");
	vtb_string(b, "", 1);
	vigil_stream_init(&stream, b->buf, b->len);
	KUNIT_EXPECT_EQ(test, vigil_unpack_header(&stream, true, &version,
						  &ns, &ns_len, &info),
			-EPROTONOSUPPORT);
	KUNIT_EXPECT_STREQ(test, info, "invalid namespace name");
}

static void split_fqname_cases(struct kunit *test)
{
	static const struct {
		const char *fqname, *ns, *name;
		int err;
	} cases[] = {
		{ "plain", NULL, "plain", 0 },
		{ "  spaced", NULL, "spaced", 0 },
		{ "a//b", NULL, "a//b", 0 },
		{ ":ns:name", "ns", "name", 0 },
		{ ":ns://name", "ns", "name", 0 },
		{ ": ns: name", "ns", "name", 0 },
		{ ":a//b:c", "a//b", "c", 0 },
		{ ":ns:", "ns", NULL, 0 },
		{ ":ns", "ns", NULL, 0 },
		{ "::name", NULL, NULL, -EINVAL },
		{ ":", NULL, NULL, -EINVAL },
		{ "", NULL, NULL, 0 },
	};
	const char *ns, *name;
	unsigned int i;
	size_t ns_len;
	int err;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		err = vigil_split_fqname(cases[i].fqname, &ns, &ns_len, &name);
		KUNIT_EXPECT_EQ_MSG(test, err, cases[i].err, "%s",
				    cases[i].fqname);
		if (err)
			continue;
		if (cases[i].ns) {
			KUNIT_EXPECT_EQ_MSG(test, ns_len, strlen(cases[i].ns),
					    "%s", cases[i].fqname);
			KUNIT_EXPECT_EQ_MSG(test, strncmp(ns, cases[i].ns,
							  ns_len), 0,
					    "%s", cases[i].fqname);
		} else {
			KUNIT_EXPECT_PTR_EQ(test, ns, NULL);
		}
		if (cases[i].name)
			KUNIT_EXPECT_STREQ(test, name, cases[i].name);
		else
			KUNIT_EXPECT_PTR_EQ(test, name, NULL);
	}
}

static struct kunit_case vigil_profile_record_test_cases[] = {
	KUNIT_CASE(parser_record_unpacks),
	KUNIT_CASE(optional_fields_unpack),
	KUNIT_CASE(force_complain_and_modes),
	KUNIT_CASE(rejects_bad_records),
	KUNIT_CASE(rejects_nuls_in_keys_and_missing_values),
	KUNIT_CASE(data_is_sorted_and_unique),
	KUNIT_CASE(file_rules_fall_back_to_policydb),
	KUNIT_CASE(every_truncation_fails_cleanly),
	KUNIT_CASE(refusals_report_name_and_offset),
	KUNIT_CASE(header_version_rules),
	KUNIT_CASE(header_rejects_bad_versions),
	KUNIT_CASE(split_fqname_cases),
	{}
};

static struct kunit_suite vigil_profile_record_test_suite = {
	.name = "apparmor_profile_record",
	.test_cases = vigil_profile_record_test_cases,
};

kunit_test_suite(vigil_profile_record_test_suite);
