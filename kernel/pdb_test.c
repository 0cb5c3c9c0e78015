// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - KUnit tests for policy DB unpacking, conversion of
 * the old accept encoding, and post-unpack verification
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "include/pdb.h"
#include "include/test_builder.h"

/* One permstable32 record: reserved word, then the 13 fields. */
static void put_perms_record(struct vtb *b, const struct vigil_perms *p)
{
	vtb_u32(b, NULL, 0xdeadbeef);
	vtb_u32(b, NULL, p->allow);
	vtb_u32(b, NULL, p->deny);
	vtb_u32(b, NULL, p->subtree);
	vtb_u32(b, NULL, p->cond);
	vtb_u32(b, NULL, p->kill);
	vtb_u32(b, NULL, p->complain);
	vtb_u32(b, NULL, p->prompt);
	vtb_u32(b, NULL, p->audit);
	vtb_u32(b, NULL, p->quiet);
	vtb_u32(b, NULL, p->hide);
	vtb_u32(b, NULL, p->xindex);
	vtb_u32(b, NULL, p->tag);
	vtb_u32(b, NULL, p->label);
}

static void put_perms_table(struct vtb *b, u32 version,
			    const struct vigil_perms *records, u16 count)
{
	u16 i;

	vtb_struct(b, "perms");
	vtb_u32(b, "version", version);
	vtb_array(b, count);
	for (i = 0; i < count; i++)
		put_perms_record(b, &records[i]);
	vtb_code(b, VIGIL_STREAM_ARRAYEND);
	vtb_code(b, VIGIL_STREAM_STRUCTEND);
}

static int unpack(struct kunit *test, struct vtb *b,
		  enum vigil_pdb_kind kind, u32 abi, struct vigil_pdb *pdb,
		  const char **info)
{
	struct vigil_stream stream;
	int err;

	memset(pdb, 0, sizeof(*pdb));
	*info = NULL;
	vigil_stream_init(&stream, b->buf, b->len);
	err = vigil_pdb_unpack(&stream, kind, abi, pdb, info);
	/* Success consumes the DB; failure rewinds completely. */
	if (err)
		KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);
	else
		KUNIT_EXPECT_EQ(test, vigil_stream_remaining(&stream), 0);
	return err;
}

static const u32 no_accept[VTB_DFA_STATES] = { 0, 0, 0 };

static void file_old_encoding_is_converted(struct kunit *test)
{
	/* Owner "r" + onexec; others "w"; owner audit r; other quiet w. */
	static const u32 accept[VTB_DFA_STATES] = {
		0, 0, 0x40000000 | (0x2 << 14) | 0x4
	};
	static const u32 accept2[VTB_DFA_STATES] = { 0, 0, (0x2 << 21) | 0x4 };
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb;
	const char *info;

	vtb_dfa(b, accept, accept2);
	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 7, &pdb, &info), 0);
	KUNIT_ASSERT_NOT_NULL(test, pdb.dfa);
	KUNIT_EXPECT_PTR_EQ(test, pdb.dfa->accept2, NULL);
	KUNIT_ASSERT_EQ(test, pdb.perms_count, 2 * VTB_DFA_STATES);
	KUNIT_EXPECT_EQ(test, pdb.dfa->accept[2], 4);

	/* The value the stock kernel reports for "/tmp/allowed r". */
	KUNIT_EXPECT_EQ(test, pdb.perms[4].allow, 0x20000244);
	KUNIT_EXPECT_EQ(test, pdb.perms[4].audit,
			VIGIL_MAY_READ | VIGIL_MAY_GETATTR | VIGIL_MAY_OPEN);
	KUNIT_EXPECT_EQ(test, pdb.perms[5].allow,
			VIGIL_MAY_WRITE | VIGIL_MAY_SETATTR | VIGIL_MAY_CREATE |
			VIGIL_MAY_DELETE | VIGIL_MAY_CHMOD | VIGIL_MAY_CHOWN |
			VIGIL_MAY_OPEN | VIGIL_MAY_GETATTR | VIGIL_MAY_ONEXEC);
	KUNIT_EXPECT_EQ(test, pdb.perms[5].quiet,
			VIGIL_MAY_WRITE | VIGIL_MAY_SETATTR | VIGIL_MAY_CREATE |
			VIGIL_MAY_DELETE | VIGIL_MAY_CHMOD | VIGIL_MAY_CHOWN |
			VIGIL_MAY_OPEN);
	KUNIT_EXPECT_EQ(test, pdb.perms[5].audit, 0);
	KUNIT_EXPECT_EQ(test, vigil_pdb_verify(&pdb, true), 0);
	vigil_pdb_destroy(&pdb);
}

static void file_exec_modes_become_xindex(struct kunit *test)
{
	/* Owner px (unsafe, target 2); others cix (target 3, inherit, m). */
	static const u32 accept[VTB_DFA_STATES] = {
		0, 0, ((0x1 | 0x40 | 0x200 | 3 << 10) << 14) |
		      (0x1 | 0x100 | 2 << 10)
	};
	/* Owner: table entry 1 (target 5) with unconfined fallback. */
	static const u32 accept_table[VTB_DFA_STATES] = {
		0, 0, 0x1 | 0x80 | 5 << 10
	};
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb;
	const char *info;

	vtb_dfa(b, accept, no_accept);
	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 7, &pdb, &info), 0);
	KUNIT_EXPECT_EQ(test, pdb.perms[4].xindex,
			VIGIL_X_NAME | VIGIL_X_UNSAFE);
	KUNIT_EXPECT_EQ(test, pdb.perms[5].xindex,
			VIGIL_X_NAME | VIGIL_X_CHILD | VIGIL_X_INHERIT);
	KUNIT_EXPECT_EQ(test, pdb.perms[5].allow & VIGIL_MAY_EXEC_MMAP,
			VIGIL_MAY_EXEC_MMAP);
	vigil_pdb_destroy(&pdb);

	b->len = 0;
	vtb_dfa(b, accept_table, no_accept);
	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 7, &pdb, &info), 0);
	KUNIT_EXPECT_EQ(test, pdb.perms[4].xindex,
			VIGIL_X_TABLE | VIGIL_X_UNCONFINED | 1);
	/* No xtable: the table reference cannot be resolved. */
	KUNIT_EXPECT_EQ(test, vigil_pdb_verify(&pdb, true), -EPROTO);
	vigil_pdb_destroy(&pdb);
}

static void policydb_encoding_depends_on_abi(struct kunit *test)
{
	/* READ marker, "other" bit 0 (SETATTR), user x-bit 0 (RENAME). */
	static const u32 accept[VTB_DFA_STATES] = {
		0, 0, 0x4 | (0x1 << 14) | (0x1 << 7)
	};
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb;
	const char *info;

	vtb_dfa(b, accept, no_accept);
	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_POLICY, 7, &pdb, &info), 0);
	KUNIT_ASSERT_EQ(test, pdb.perms_count, VTB_DFA_STATES);
	KUNIT_EXPECT_EQ(test, pdb.perms[0].allow, 0);
	KUNIT_EXPECT_EQ(test, pdb.perms[1].allow, VIGIL_MAY_LOCK);
	KUNIT_EXPECT_EQ(test, pdb.perms[2].allow,
			VIGIL_MAY_READ | VIGIL_MAY_SETATTR | VIGIL_MAY_LOCK);
	vigil_pdb_destroy(&pdb);

	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_POLICY, 9, &pdb, &info), 0);
	KUNIT_EXPECT_EQ(test, pdb.perms[1].allow, 0);
	KUNIT_EXPECT_EQ(test, pdb.perms[2].allow,
			VIGIL_MAY_READ | VIGIL_MAY_SETATTR | VIGIL_MAY_RENAME);
	KUNIT_EXPECT_EQ(test, vigil_pdb_verify(&pdb, false), 0);
	vigil_pdb_destroy(&pdb);
}

static void policydb_requires_dfa(struct kunit *test)
{
	struct vtb *b = vtb_new(test);
	struct vigil_stream stream;
	struct vigil_pdb pdb;
	const char *info;

	vtb_u32(b, NULL, 7);	/* whatever follows, not a DB member */
	KUNIT_EXPECT_EQ(test, unpack(test, b, VIGIL_PDB_POLICY, 7, &pdb, &info),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, info, "missing required dfa");

	/* The same bytes are an absent, empty file DB. */
	memset(&pdb, 0, sizeof(pdb));
	vigil_stream_init(&stream, b->buf, b->len);
	KUNIT_EXPECT_EQ(test, vigil_pdb_unpack(&stream, VIGIL_PDB_FILE, 7, &pdb,
					       &info), 0);
	KUNIT_EXPECT_EQ(test, vigil_stream_offset(&stream), 0);
	KUNIT_EXPECT_PTR_EQ(test, pdb.dfa, NULL);
	KUNIT_EXPECT_PTR_EQ(test, pdb.perms, NULL);
}

static void xmatch_keeps_exec_bit_and_default_start(struct kunit *test)
{
	static const u32 accept[VTB_DFA_STATES] = { 0, 0, 0x1 };
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb;
	const char *info;

	vtb_dfa(b, accept, no_accept);
	vtb_u32(b, "start", 2);
	vtb_struct(b, "xtable");
	vtb_array(b, 1);
	vtb_string(b, "/bin/x", 7);
	vtb_code(b, VIGIL_STREAM_ARRAYEND);
	vtb_code(b, VIGIL_STREAM_STRUCTEND);

	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_XMATCH, 7, &pdb, &info), 0);
	KUNIT_EXPECT_EQ(test, pdb.start, VIGIL_DFA_START);
	KUNIT_EXPECT_EQ(test, pdb.perms[2].allow, VIGIL_MAY_EXEC);
	KUNIT_EXPECT_EQ(test, pdb.perms[1].allow, 0);
	KUNIT_EXPECT_EQ(test, pdb.xtable_count, 0);
	KUNIT_EXPECT_PTR_EQ(test, pdb.xtable, NULL);
	vigil_pdb_destroy(&pdb);
}

static void start_states_are_checked(struct kunit *test)
{
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb;
	const char *info;

	vtb_dfa(b, no_accept, no_accept);
	vtb_u32(b, "start", 2);
	vtb_u32(b, "dfa_start", 2);
	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 7, &pdb, &info), 0);
	KUNIT_EXPECT_EQ(test, pdb.start, 2);
	KUNIT_EXPECT_EQ(test, pdb.file_start, 2);
	vigil_pdb_destroy(&pdb);

	b->len = 0;
	vtb_dfa(b, no_accept, no_accept);
	vtb_u32(b, "start", VTB_DFA_STATES);
	KUNIT_EXPECT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 7, &pdb, &info),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, info, "invalid dfa start state");

	b->len = 0;
	vtb_dfa(b, no_accept, no_accept);
	vtb_u32(b, "dfa_start", 0xffffffff);
	KUNIT_EXPECT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 7, &pdb, &info),
			-EPROTO);
}

static const struct vigil_perms table_records[3] = {
	{ },
	{ .allow = VIGIL_MAY_READ, .audit = VIGIL_MAY_READ, .tag = 1 },
	{ .allow = VIGIL_MAY_WRITE, .deny = VIGIL_MAY_EXEC,
	  .quiet = VIGIL_MAY_EXEC, .xindex = VIGIL_X_TABLE | 1 },
};

static const struct vigil_perms bad_records[] = {
	{ .allow = 1, .deny = 1 },
	{ .allow = 1, .subtree = 3 },
	{ .allow = 1, .cond = 1 },
	{ .deny = 2, .cond = 2 },
	{ .allow = 1, .kill = 1 },
	{ .deny = 1, .complain = 1 },
	{ .allow = 1, .prompt = 1 },
	{ .complain = 4, .prompt = 4 },
	{ .allow = 1, .hide = 1 },
	{ .xindex = VIGIL_X_TABLE | 2 },
	{ .tag = 2 },
	{ .label = 5 },
};

static void put_two_entry_xtable(struct vtb *b)
{
	vtb_struct(b, "xtable");
	vtb_array(b, 2);
	vtb_string(b, "/bin/a", 7);
	vtb_string(b, ":ns\0prof", 9);
	vtb_code(b, VIGIL_STREAM_ARRAYEND);
	vtb_code(b, VIGIL_STREAM_STRUCTEND);
}

static void perms_table_is_read(struct kunit *test)
{
	static const u32 accept[VTB_DFA_STATES] = { 0, 1, 1 };
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb;
	const char *info;

	put_perms_table(b, 1, table_records, 3);
	vtb_dfa(b, accept, NULL);
	put_two_entry_xtable(b);
	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 9, &pdb, &info), 0);
	KUNIT_ASSERT_EQ(test, pdb.perms_count, 3);
	KUNIT_EXPECT_EQ(test, pdb.perms[1].allow, VIGIL_MAY_READ);
	KUNIT_EXPECT_EQ(test, pdb.perms[1].audit, VIGIL_MAY_READ);
	KUNIT_EXPECT_EQ(test, pdb.perms[1].tag, 1);
	KUNIT_EXPECT_EQ(test, pdb.perms[2].deny, VIGIL_MAY_EXEC);
	KUNIT_EXPECT_EQ(test, pdb.perms[2].xindex, VIGIL_X_TABLE | 1);
	KUNIT_EXPECT_EQ(test, pdb.dfa->accept[1], 1);
	KUNIT_ASSERT_EQ(test, pdb.xtable_count, 2);
	KUNIT_EXPECT_STREQ(test, pdb.xtable[0], "/bin/a");
	KUNIT_EXPECT_STREQ(test, pdb.xtable[1], ":ns:prof");
	KUNIT_EXPECT_EQ(test, vigil_pdb_verify(&pdb, true), 0);
	vigil_pdb_destroy(&pdb);
}

static void perms_table_errors(struct kunit *test)
{
	static const u32 accept[VTB_DFA_STATES] = { 0, 1, 1 };
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb;
	const char *info;
	size_t full;

	put_perms_table(b, 2, table_records, 3);	/* unknown version */
	vtb_dfa(b, accept, NULL);
	KUNIT_EXPECT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 9, &pdb, &info),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, info, "failed to unpack - perms");

	b->len = 0;
	put_perms_table(b, 1, table_records, 0);	/* empty */
	KUNIT_EXPECT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 9, &pdb, &info),
			-EPROTO);

	/* A perms table forbids ACCEPT2. */
	b->len = 0;
	put_perms_table(b, 1, table_records, 3);
	vtb_dfa(b, accept, no_accept);
	KUNIT_EXPECT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 9, &pdb, &info),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, info, "failed to unpack - dfa");

	/* Truncated inside the records, and missing ARRAYEND. */
	b->len = 0;
	put_perms_table(b, 1, table_records, 3);
	full = b->len;
	b->len = full - 10;
	KUNIT_EXPECT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 9, &pdb, &info),
			-EPROTO);
	b->len = full - 2;
	KUNIT_EXPECT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 9, &pdb, &info),
			-EPROTO);
	KUNIT_EXPECT_PTR_EQ(test, pdb.perms, NULL);
}

static void verify_rejects_bad_records(struct kunit *test)
{
	static const u32 accept[VTB_DFA_STATES] = { 0, 1, 1 };
	struct vigil_perms records[3];
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb;
	const char *info;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_records); i++) {
		memcpy(records, table_records, sizeof(records));
		records[1] = bad_records[i];
		b->len = 0;
		put_perms_table(b, 1, records, 3);
		vtb_dfa(b, accept, NULL);
		put_two_entry_xtable(b);
		KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 9, &pdb, &info),
				0);
		KUNIT_EXPECT_EQ_MSG(test, vigil_pdb_verify(&pdb, false), -EPROTO,
				    "bad record %u accepted", i);
		vigil_pdb_destroy(&pdb);
	}
}

static void verify_checks_accept_indexes(struct kunit *test)
{
	static const u32 in_range[VTB_DFA_STATES] = { 0, 1, 2 };
	static const u32 out_of_range[VTB_DFA_STATES] = { 0, 3, 1 };
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb;
	const char *info;

	put_perms_table(b, 1, table_records, 3);
	vtb_dfa(b, in_range, NULL);
	put_two_entry_xtable(b);
	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_POLICY, 9, &pdb, &info), 0);
	KUNIT_EXPECT_EQ(test, vigil_pdb_verify(&pdb, false), 0);
	vigil_pdb_destroy(&pdb);

	/* As file rules, index 2 would also read record 3. */
	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 9, &pdb, &info), 0);
	KUNIT_EXPECT_EQ(test, pdb.dfa->accept[2] + 1, pdb.perms_count);
	KUNIT_EXPECT_EQ(test, vigil_pdb_verify(&pdb, true), -EPROTO);
	vigil_pdb_destroy(&pdb);

	b->len = 0;
	put_perms_table(b, 1, table_records, 3);
	vtb_dfa(b, out_of_range, NULL);
	put_two_entry_xtable(b);
	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_POLICY, 9, &pdb, &info), 0);
	KUNIT_EXPECT_EQ(test, vigil_pdb_verify(&pdb, false), -EPROTO);
	vigil_pdb_destroy(&pdb);
}

static void xtable_entries_are_checked(struct kunit *test)
{
	static const struct {
		const char *text;
		size_t len;
	} bad[] = {
		{ "", 1 },
		{ " /bin/a", 8 },
		{ "\t/bin/a", 8 },
		{ "\xa0/bin/a", 8 },
		{ "/bin\0a", 7 },
		{ ":\0prof", 7 },
		{ ":ns", 4 },
		{ ":a\0b\0c", 7 },
	};
	struct vtb *b = vtb_new(test);
	struct vigil_pdb pdb;
	const char *info;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		b->len = 0;
		vtb_dfa(b, no_accept, no_accept);
		vtb_struct(b, "xtable");
		vtb_array(b, 2);
		vtb_string(b, "/ok", 4);
		vtb_string(b, bad[i].text, bad[i].len);
		vtb_code(b, VIGIL_STREAM_ARRAYEND);
		vtb_code(b, VIGIL_STREAM_STRUCTEND);
		KUNIT_EXPECT_EQ_MSG(test,
				    unpack(test, b, VIGIL_PDB_FILE, 7, &pdb, &info),
				    -EPROTO, "bad entry %u accepted", i);
		KUNIT_EXPECT_STREQ(test, info,
				   "failed to unpack profile transition table");
	}

	/* Without a DFA the xtable is read (a compiler bug) and dropped. */
	b->len = 0;
	put_two_entry_xtable(b);
	KUNIT_ASSERT_EQ(test, unpack(test, b, VIGIL_PDB_FILE, 7, &pdb, &info), 0);
	KUNIT_EXPECT_EQ(test, pdb.xtable_count, 0);
}

static struct kunit_case vigil_pdb_test_cases[] = {
	KUNIT_CASE(file_old_encoding_is_converted),
	KUNIT_CASE(file_exec_modes_become_xindex),
	KUNIT_CASE(policydb_encoding_depends_on_abi),
	KUNIT_CASE(policydb_requires_dfa),
	KUNIT_CASE(xmatch_keeps_exec_bit_and_default_start),
	KUNIT_CASE(start_states_are_checked),
	KUNIT_CASE(perms_table_is_read),
	KUNIT_CASE(perms_table_errors),
	KUNIT_CASE(verify_rejects_bad_records),
	KUNIT_CASE(verify_checks_accept_indexes),
	KUNIT_CASE(xtable_entries_are_checked),
	{}
};

static struct kunit_suite vigil_pdb_test_suite = {
	.name = "apparmor_pdb",
	.test_cases = vigil_pdb_test_cases,
};

kunit_test_suite(vigil_pdb_test_suite);
