// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - KUnit tests for DFA unpacking, verification, matching
 *
 * The tests encode small DFAs into the big-endian wire format from host
 * arrays, so each malformation is a one-line change to a good fixture.
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "include/dfa.h"

/*
 * Fixture DFA for the pattern "abc*" (accept 0x10 after "ab", 0x20
 * after "abc..."), with spare state 5 for the diff-encoding tests:
 *
 *   1 -a-> 2 -b-> 3 -c-> 4 -c-> 4, everything else -> 0
 *
 * State s owns NEXT/CHECK slots [256 s, 256 s + 255].
 */
#define FX_STATES	6
#define FX_SLOTS	(FX_STATES * 256)

enum { ID_ACCEPT = 1, ID_BASE, ID_CHECK, ID_DEFAULT, ID_EC, ID_META,
	ID_ACCEPT2, ID_NEXT };

struct dfa_fixture {
	u16 header_flags;
	bool with_accept2;
	bool with_equiv;
	u32 accept[FX_STATES];
	u32 accept2[FX_STATES];
	u32 base[FX_STATES];
	u16 default_state[FX_STATES];
	u16 next[FX_SLOTS];
	u16 check[FX_SLOTS];
	u8 equiv[256];
};

/* A table to emit: wire id, element size, element count, host values. */
struct table_desc {
	u16 id;
	u16 size;
	u32 count;
	const void *values;
};

static void fx_transition(struct dfa_fixture *fx, u32 from, u32 class,
			  u32 to)
{
	u32 slot = (fx->base[from] & VIGIL_DFA_BASE_INDEX_MASK) + class;

	fx->check[slot] = from;
	fx->next[slot] = to;
}

static struct dfa_fixture *fx_new(struct kunit *test)
{
	struct dfa_fixture *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	u32 state;
	int byte;

	KUNIT_ASSERT_NOT_NULL(test, fx);
	for (state = 0; state < FX_STATES; state++)
		fx->base[state] = state * 256;
	for (byte = 0; byte < 256; byte++)
		fx->equiv[byte] = byte;
	/* Slot 0 belongs to state 0 and leads back to it (dead state). */
	fx_transition(fx, 1, 'a', 2);
	fx_transition(fx, 2, 'b', 3);
	fx_transition(fx, 3, 'c', 4);
	fx_transition(fx, 4, 'c', 4);
	fx->accept[3] = 0x10;
	fx->accept[4] = 0x20;
	fx->accept2[3] = 0x1000;
	return fx;
}

/* Describe the fixture's tables in the order the parser writes them. */
static unsigned int fx_tables(const struct dfa_fixture *fx,
			      struct table_desc *tables)
{
	unsigned int n = 0;

	tables[n++] = (struct table_desc){ ID_ACCEPT, 4, FX_STATES, fx->accept };
	if (fx->with_accept2)
		tables[n++] = (struct table_desc){ ID_ACCEPT2, 4, FX_STATES,
						   fx->accept2 };
	if (fx->with_equiv)
		tables[n++] = (struct table_desc){ ID_EC, 1, 256, fx->equiv };
	tables[n++] = (struct table_desc){ ID_BASE, 4, FX_STATES, fx->base };
	tables[n++] = (struct table_desc){ ID_DEFAULT, 2, FX_STATES,
					   fx->default_state };
	tables[n++] = (struct table_desc){ ID_NEXT, 2, FX_SLOTS, fx->next };
	tables[n++] = (struct table_desc){ ID_CHECK, 2, FX_SLOTS, fx->check };
	return n;
}

static void put_be16(u8 *out, u16 value)
{
	out[0] = value >> 8;
	out[1] = value;
}

static void put_be32(u8 *out, u32 value)
{
	put_be16(out, value >> 16);
	put_be16(out + 2, value);
}

static size_t padded_table_size(const struct table_desc *table)
{
	return ALIGN(12 + (size_t)table->count * table->size, 8);
}

/* Encode a table set: 24-byte header as the parser writes it, tables. */
static u8 *emit(struct kunit *test, u16 header_flags,
		const struct table_desc *tables, unsigned int n, size_t *size)
{
	size_t total = 24, offset;
	unsigned int i;
	u32 j;
	u8 *out;

	for (i = 0; i < n; i++)
		total += padded_table_size(&tables[i]);
	out = kunit_kzalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, out);

	put_be32(out, VIGIL_DFA_MAGIC);
	put_be32(out + 4, 24);
	put_be32(out + 8, total);
	put_be16(out + 12, header_flags);
	memcpy(out + 14, "notflex", 8);

	offset = 24;
	for (i = 0; i < n; i++) {
		const struct table_desc *t = &tables[i];
		u8 *data = out + offset + 12;

		put_be16(out + offset, t->id);
		put_be16(out + offset + 2, t->size);
		put_be32(out + offset + 8, t->count);
		for (j = 0; t->values && j < t->count; j++) {
			if (t->size == 4)
				put_be32(data + 4 * j, ((const u32 *)t->values)[j]);
			else if (t->size == 2)
				put_be16(data + 2 * j, ((const u16 *)t->values)[j]);
			else
				data[j] = ((const u8 *)t->values)[j];
		}
		offset += padded_table_size(t);
	}
	*size = total;
	return out;
}

static int unpack_tables(struct kunit *test, u16 header_flags,
			 const struct table_desc *tables, unsigned int n,
			 enum vigil_dfa_accept2 accept2, struct vigil_dfa **dfa)
{
	size_t size;
	u8 *blob = emit(test, header_flags, tables, n, &size);

	return vigil_dfa_unpack(blob, size, accept2, dfa);
}

static int unpack_fx(struct kunit *test, const struct dfa_fixture *fx,
		     struct vigil_dfa **dfa)
{
	struct table_desc tables[8];
	unsigned int n = fx_tables(fx, tables);

	return unpack_tables(test, fx->header_flags, tables, n,
			     fx->with_accept2 ? VIGIL_DFA_WITH_ACCEPT2 :
						VIGIL_DFA_WITHOUT_ACCEPT2, dfa);
}

/* Unpack a fixture that must be rejected; free it if it was not. */
static void expect_rejected(struct kunit *test, const struct dfa_fixture *fx)
{
	struct vigil_dfa *dfa = NULL;

	KUNIT_EXPECT_EQ(test, unpack_fx(test, fx, &dfa), -EPROTO);
	KUNIT_EXPECT_PTR_EQ(test, dfa, NULL);
	vigil_dfa_free(dfa);
}

static void expect_tables_rejected(struct kunit *test,
				   const struct table_desc *tables,
				   unsigned int n)
{
	struct vigil_dfa *dfa = NULL;

	KUNIT_EXPECT_EQ(test, unpack_tables(test, 0, tables, n,
					    VIGIL_DFA_WITHOUT_ACCEPT2, &dfa),
			-EPROTO);
	vigil_dfa_free(dfa);
}

static void unpacks_good_dfa(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct vigil_dfa *dfa = NULL;

	KUNIT_ASSERT_EQ(test, unpack_fx(test, fx, &dfa), 0);
	KUNIT_ASSERT_NOT_NULL(test, dfa);
	KUNIT_EXPECT_EQ(test, dfa->state_count, FX_STATES);
	KUNIT_EXPECT_EQ(test, dfa->transition_count, FX_SLOTS);
	KUNIT_EXPECT_EQ(test, dfa->accept[3], 0x10);
	KUNIT_EXPECT_EQ(test, dfa->base[2], 512);
	KUNIT_EXPECT_EQ(test, dfa->next[256 + 'a'], 2);
	KUNIT_EXPECT_EQ(test, dfa->check[256 + 'a'], 1);
	KUNIT_EXPECT_PTR_EQ(test, dfa->accept2, NULL);
	KUNIT_EXPECT_PTR_EQ(test, dfa->equiv, NULL);
	vigil_dfa_free(dfa);

	fx->with_accept2 = true;
	fx->with_equiv = true;
	KUNIT_ASSERT_EQ(test, unpack_fx(test, fx, &dfa), 0);
	KUNIT_ASSERT_NOT_NULL(test, dfa->accept2);
	KUNIT_ASSERT_NOT_NULL(test, dfa->equiv);
	KUNIT_EXPECT_EQ(test, dfa->accept2[3], 0x1000);
	KUNIT_EXPECT_EQ(test, dfa->equiv['z'], 'z');
	vigil_dfa_free(dfa);
}

/* The "aadfa" blob carries 0..7 leading pad bytes, len % 8 of them. */
static void blob_padding_is_skipped(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct table_desc tables[8];
	unsigned int n = fx_tables(fx, tables);
	struct vigil_dfa *dfa;
	size_t size, pad;
	u8 *set, *blob;

	set = emit(test, 0, tables, n, &size);
	for (pad = 0; pad < 8; pad++) {
		blob = kunit_kzalloc(test, size + pad, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, blob);
		memset(blob, 0xee, pad);
		memcpy(blob + pad, set, size);
		dfa = NULL;
		KUNIT_EXPECT_EQ(test, vigil_dfa_unpack_blob(blob, size + pad,
							    VIGIL_DFA_WITHOUT_ACCEPT2,
							    &dfa), 0);
		KUNIT_EXPECT_NOT_NULL(test, dfa);
		vigil_dfa_free(dfa);
	}
}

static void rejects_bad_header(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct table_desc tables[8];
	unsigned int n = fx_tables(fx, tables);
	struct vigil_dfa *dfa = NULL;
	size_t size;
	u8 *blob;

	blob = emit(test, 0, tables, n, &size);
	blob[0] ^= 0x01;	/* magic */
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(blob, size,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), -EPROTO);
	blob[0] ^= 0x01;
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(blob, 15,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), -EPROTO);

	put_be32(blob + 4, size + 1);	/* header larger than the blob */
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(blob, size,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), -EPROTO);
	put_be32(blob + 4, 8);		/* header smaller than its fields */
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(blob, size,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), -EPROTO);
	put_be32(blob + 4, 20);		/* tables misplaced */
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(blob, size,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), -EPROTO);
	put_be32(blob + 4, 24);

	put_be16(blob + 12, 0x0004);	/* unknown header flag */
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(blob, size,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), -EPROTO);
	put_be16(blob + 12, 0);
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(blob, size,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), 0);
	vigil_dfa_free(dfa);
}

/* Every proper prefix fails; exact-size copies expose overreads. */
/*
 * Header sizes 14 and 15 leave room for magic, sizes and flags, and the
 * tables follow right after; stock takes them, Vigil wants the 16 bytes
 * of a whole header. 16 with the same construction is accepted.
 */
static void rejects_header_below_16(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct table_desc tables[8];
	unsigned int n = fx_tables(fx, tables);
	struct vigil_dfa *dfa = NULL;
	size_t size, hsize, cut_size;
	u8 *blob, *cut;

	blob = emit(test, 0, tables, n, &size);
	for (hsize = 14; hsize <= 16; hsize++) {
		cut_size = size - 24 + hsize;
		cut = kunit_kzalloc(test, cut_size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, cut);
		memcpy(cut, blob, 14);
		memcpy(cut + hsize, blob + 24, size - 24);
		put_be32(cut + 4, hsize);
		put_be32(cut + 8, cut_size);
		KUNIT_EXPECT_EQ_MSG(test, vigil_dfa_unpack(cut, cut_size,
							   VIGIL_DFA_WITHOUT_ACCEPT2,
							   &dfa),
				    hsize < 16 ? -EPROTO : 0,
				    "header size %zu", hsize);
		vigil_dfa_free(dfa);
		dfa = NULL;
	}
}

static void rejects_every_truncation(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct table_desc tables[8];
	unsigned int n = fx_tables(fx, tables);
	struct vigil_dfa *dfa = NULL;
	unsigned int failures = 0;
	size_t size, len;
	u8 *blob, *copy;

	blob = emit(test, 0, tables, n, &size);
	for (len = 0; len < size; len++) {
		copy = kmalloc(len ? len : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, copy);
		memcpy(copy, blob, len);
		if (vigil_dfa_unpack(copy, len, VIGIL_DFA_WITHOUT_ACCEPT2,
				     &dfa) == -EPROTO)
			failures++;
		kfree(copy);
	}
	KUNIT_EXPECT_EQ(test, failures, size);
}

static void rejects_bad_table_headers(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct table_desc tables[9], saved;
	unsigned int n = fx_tables(fx, tables), i;
	static const u16 bad_ids[] = { 0, ID_META, 9, 0xffff };

	for (i = 0; i < ARRAY_SIZE(bad_ids); i++) {
		saved = tables[0];
		tables[0].id = bad_ids[i];
		expect_tables_rejected(test, tables, n);
		tables[0] = saved;
	}

	/* Element size that does not match the table id. */
	tables[1].size = 2;	/* BASE as u16 */
	expect_tables_rejected(test, tables, n);
	tables[1].size = 3;
	expect_tables_rejected(test, tables, n);
	tables[1].size = 4;

	/* Empty table. */
	saved = tables[0];
	tables[0].count = 0;
	expect_tables_rejected(test, tables, n);
	tables[0] = saved;

	/* Duplicate table. */
	tables[n] = tables[0];
	expect_tables_rejected(test, tables, n + 1);
}

static void rejects_overrunning_tables(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct table_desc tables[8];
	unsigned int n = fx_tables(fx, tables);
	struct vigil_dfa *dfa = NULL;
	u8 *blob, *count_field, *longer;
	size_t size;

	blob = emit(test, 0, tables, n, &size);
	count_field = blob + size - padded_table_size(&tables[n - 1]) + 8;

	/* The last table (CHECK) claims more elements than the blob holds. */
	put_be32(count_field, FX_SLOTS + 4);
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(blob, size,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), -EPROTO);
	/* An element count whose byte size would wrap 32 bits. */
	put_be32(count_field, 0xfffffffe);
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(blob, size,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), -EPROTO);
	put_be32(count_field, FX_SLOTS);
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(blob, size,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), 0);
	vigil_dfa_free(dfa);

	/* Trailing bytes that cannot be a table. */
	longer = kunit_kzalloc(test, size + 8, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, longer);
	memcpy(longer, blob, size);
	dfa = NULL;
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(longer, size + 8,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), -EPROTO);
	KUNIT_EXPECT_EQ(test, vigil_dfa_unpack(longer, size + 4,
					       VIGIL_DFA_WITHOUT_ACCEPT2,
					       &dfa), -EPROTO);
	KUNIT_EXPECT_PTR_EQ(test, dfa, NULL);
}

static void rejects_missing_or_mismatched_tables(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct table_desc tables[8], reduced[8];
	unsigned int n = fx_tables(fx, tables), skip, i, m;

	/* Each required table in turn left out. */
	for (skip = 0; skip < n; skip++) {
		for (i = 0, m = 0; i < n; i++)
			if (i != skip)
				reduced[m++] = tables[i];
		expect_tables_rejected(test, reduced, m);
	}

	/* Per-state tables must agree with BASE, CHECK with NEXT. */
	for (i = 0; i < n; i++) {
		tables[i].count--;
		expect_tables_rejected(test, tables, n);
		tables[i].count++;
	}

	/* EC must have exactly 256 entries. */
	fx->with_equiv = true;
	n = fx_tables(fx, tables);
	tables[1].count = 255;
	expect_tables_rejected(test, tables, n);
}

static void accept2_must_match_perms_table_presence(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct table_desc tables[8];
	struct vigil_dfa *dfa = NULL;
	unsigned int n;

	n = fx_tables(fx, tables);
	KUNIT_EXPECT_EQ(test, unpack_tables(test, 0, tables, n,
					    VIGIL_DFA_WITH_ACCEPT2, &dfa),
			-EPROTO);

	fx->with_accept2 = true;
	n = fx_tables(fx, tables);
	KUNIT_EXPECT_EQ(test, unpack_tables(test, 0, tables, n,
					    VIGIL_DFA_WITHOUT_ACCEPT2, &dfa),
			-EPROTO);
	KUNIT_EXPECT_PTR_EQ(test, dfa, NULL);
}

static void rejects_out_of_range_states(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);

	fx->default_state[2] = FX_STATES;
	expect_rejected(test, fx);
	fx->default_state[2] = 0;

	fx->next[256 + 'a'] = FX_STATES;
	expect_rejected(test, fx);
	fx->next[256 + 'a'] = 2;

	fx->check[FX_SLOTS - 1] = 0xffff;
	expect_rejected(test, fx);
	fx->check[FX_SLOTS - 1] = 0;

	/* Last state cannot reach all 256 classes. */
	fx->base[FX_STATES - 1] += 1;
	expect_rejected(test, fx);
	fx->base[FX_STATES - 1] = VIGIL_DFA_BASE_INDEX_MASK;
	expect_rejected(test, fx);
}

static void rejects_bad_base_flags(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct vigil_dfa *dfa = NULL;

	fx->base[3] |= 0x40000000;	/* internal marker bit */
	expect_rejected(test, fx);
	fx->base[3] &= VIGIL_DFA_BASE_INDEX_MASK;
	fx->base[3] |= 0x10000000;
	expect_rejected(test, fx);
	fx->base[3] &= VIGIL_DFA_BASE_INDEX_MASK;

	/* Flags need the matching header flag. */
	fx->base[3] |= VIGIL_DFA_BASE_DIFF_ENCODE;
	expect_rejected(test, fx);
	fx->header_flags = VIGIL_DFA_HEADER_DIFF_ENCODE;
	KUNIT_EXPECT_EQ(test, unpack_fx(test, fx, &dfa), 0);
	vigil_dfa_free(dfa);
	fx->base[3] &= VIGIL_DFA_BASE_INDEX_MASK;

	fx->base[3] |= VIGIL_DFA_BASE_OOB;
	expect_rejected(test, fx);
	fx->header_flags = VIGIL_DFA_HEADER_OOB;
	dfa = NULL;
	KUNIT_EXPECT_EQ(test, unpack_fx(test, fx, &dfa), 0);
	vigil_dfa_free(dfa);

	/* The out-of-band slot of base index 0 would be slot -1. */
	fx->base[0] |= VIGIL_DFA_BASE_OOB;
	expect_rejected(test, fx);
}

static void rejects_diff_encode_cycles(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct vigil_dfa *dfa = NULL;

	fx->header_flags = VIGIL_DFA_HEADER_DIFF_ENCODE;

	/* Self default. */
	fx->base[5] |= VIGIL_DFA_BASE_DIFF_ENCODE;
	fx->default_state[5] = 5;
	expect_rejected(test, fx);

	/* Two-state cycle 4 <-> 5. */
	fx->base[4] |= VIGIL_DFA_BASE_DIFF_ENCODE;
	fx->default_state[5] = 4;
	fx->default_state[4] = 5;
	expect_rejected(test, fx);

	/* Chain 5 -> 4 -> 3 that ends in a plain state is fine. */
	fx->default_state[4] = 3;
	KUNIT_EXPECT_EQ(test, unpack_fx(test, fx, &dfa), 0);
	vigil_dfa_free(dfa);
}

static struct vigil_dfa *unpack_good(struct kunit *test,
				     const struct dfa_fixture *fx)
{
	struct vigil_dfa *dfa = NULL;

	KUNIT_ASSERT_EQ(test, unpack_fx(test, fx, &dfa), 0);
	KUNIT_ASSERT_NOT_NULL(test, dfa);
	return dfa;
}

static void match_walks_states(struct kunit *test)
{
	struct vigil_dfa *dfa = unpack_good(test, fx_new(test));

	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, VIGIL_DFA_START, ""), 1);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, VIGIL_DFA_START, "a"), 2);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, VIGIL_DFA_START, "ab"), 3);
	KUNIT_EXPECT_EQ(test, dfa->accept[vigil_dfa_match(dfa, 1, "ab")], 0x10);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, VIGIL_DFA_START, "abc"), 4);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, VIGIL_DFA_START, "abccc"), 4);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, VIGIL_DFA_START, "abd"), 0);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, VIGIL_DFA_START, "b"), 0);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, 2, "bc"), 4);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, VIGIL_DFA_NOMATCH, "ab"), 0);
	KUNIT_EXPECT_EQ(test, vigil_dfa_next(dfa, 3, 'c'), 4);
	KUNIT_EXPECT_EQ(test, vigil_dfa_next(dfa, 3, 0xff), 0);
	vigil_dfa_free(dfa);
}

static void match_len_consumes_nul_bytes(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct vigil_dfa *dfa;

	fx_transition(fx, 3, 0, 5);	/* "ab\0" separates a pair */
	fx_transition(fx, 5, 'c', 4);
	dfa = unpack_good(test, fx);

	KUNIT_EXPECT_EQ(test, vigil_dfa_null_transition(dfa, 3), 5);
	KUNIT_EXPECT_EQ(test, vigil_dfa_null_transition(dfa, 4), 0);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match_len(dfa, 1, "ab\0c", 4), 4);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match_len(dfa, 1, "ab\0c", 3), 5);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match_len(dfa, 1, "ab\0c", 0), 1);
	/* The NUL-terminated matcher stops at the first NUL instead. */
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, 1, "ab\0c"), 3);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match_len(dfa, 0, "ab", 2), 0);
	vigil_dfa_free(dfa);
}

static void match_maps_equivalence_classes(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct vigil_dfa *dfa;

	fx->with_equiv = true;
	fx->equiv['A'] = 'a';	/* 'A' and 'a' share a class */
	fx->equiv['a'] = 'a';
	dfa = unpack_good(test, fx);

	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, 1, "Ab"), 3);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, 1, "ab"), 3);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, 1, "aB"), 0);
	vigil_dfa_free(dfa);
}

/*
 * State 5 is diff encoded against state 4: it lists only 'd' -> 2 and
 * inherits 4's 'c' -> 4; what 4 lacks falls to 4's default, 0.
 */
static void match_follows_diff_encoding(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct vigil_dfa *dfa;

	fx->header_flags = VIGIL_DFA_HEADER_DIFF_ENCODE;
	fx->base[5] |= VIGIL_DFA_BASE_DIFF_ENCODE;
	fx->default_state[5] = 4;
	fx_transition(fx, 3, 'x', 5);
	fx_transition(fx, 5, 'd', 2);
	dfa = unpack_good(test, fx);

	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, 1, "abx"), 5);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, 1, "abxd"), 2);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, 1, "abxc"), 4);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, 1, "abxz"), 0);
	KUNIT_EXPECT_EQ(test, vigil_dfa_match(dfa, 1, "abxdb"), 3);
	vigil_dfa_free(dfa);
}

static void oob_transition_needs_flag(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct vigil_dfa *dfa;

	fx->header_flags = VIGIL_DFA_HEADER_OOB;
	fx->base[3] |= VIGIL_DFA_BASE_OOB;
	/* Slot 3 * 256 - 1 is the out-of-band slot of state 3. */
	fx->check[3 * 256 - 1] = 3;
	fx->next[3 * 256 - 1] = 5;
	dfa = unpack_good(test, fx);

	KUNIT_EXPECT_EQ(test, vigil_dfa_oob_transition(dfa, 3), 5);
	KUNIT_EXPECT_EQ(test, vigil_dfa_oob_transition(dfa, 2), 0);
	/* Byte 255 from state 2 uses the same slot but is not owned. */
	KUNIT_EXPECT_EQ(test, vigil_dfa_next(dfa, 2, 0xff), 0);
	vigil_dfa_free(dfa);
}

/*
 * A diff-encoded state whose own out-of-band slot is not owned defers
 * to its default state. Stock then reads that state's slot even when it
 * has none (base index 0: slot -1); Vigil answers no match.
 */
static void oob_defers_only_to_states_with_a_slot(struct kunit *test)
{
	struct dfa_fixture *fx = fx_new(test);
	struct vigil_dfa *dfa;

	fx->header_flags = VIGIL_DFA_HEADER_OOB | VIGIL_DFA_HEADER_DIFF_ENCODE;
	fx->base[3] |= VIGIL_DFA_BASE_OOB;
	fx->check[3 * 256 - 1] = 3;
	fx->next[3 * 256 - 1] = 5;
	/* State 5 defers to 3, which has a slot; state 2 to 4, which has none. */
	fx->base[5] |= VIGIL_DFA_BASE_OOB | VIGIL_DFA_BASE_DIFF_ENCODE;
	fx->default_state[5] = 3;
	fx->base[2] |= VIGIL_DFA_BASE_OOB | VIGIL_DFA_BASE_DIFF_ENCODE;
	fx->default_state[2] = 4;
	/* Not NOMATCH: an answer taken from 4's default would show. */
	fx->default_state[4] = 1;
	dfa = unpack_good(test, fx);

	KUNIT_EXPECT_EQ(test, vigil_dfa_oob_transition(dfa, 5), 5);
	KUNIT_EXPECT_EQ(test, vigil_dfa_oob_transition(dfa, 2),
			VIGIL_DFA_NOMATCH);
	vigil_dfa_free(dfa);
}

static void leftmatch_counts_literal_prefix(struct kunit *test)
{
	struct vigil_dfa *dfa = unpack_good(test, fx_new(test));
	unsigned int count = 99;

	KUNIT_EXPECT_EQ(test, vigil_dfa_leftmatch(dfa, 1, "ab", &count), 3);
	KUNIT_EXPECT_EQ(test, count, 2);
	KUNIT_EXPECT_EQ(test, vigil_dfa_leftmatch(dfa, 1, "abc", &count), 4);
	KUNIT_EXPECT_EQ(test, count, 3);
	/* The second 'c' returns to state 4: a loop, counting stops. */
	KUNIT_EXPECT_EQ(test, vigil_dfa_leftmatch(dfa, 1, "abcccc", &count),
			4);
	KUNIT_EXPECT_EQ(test, count, 3);
	KUNIT_EXPECT_EQ(test, vigil_dfa_leftmatch(dfa, 1, "abx", &count), 0);
	KUNIT_EXPECT_EQ(test, count, 0);
	KUNIT_EXPECT_EQ(test, vigil_dfa_leftmatch(dfa, 0, "ab", &count), 0);
	KUNIT_EXPECT_EQ(test, count, 0);
	vigil_dfa_free(dfa);
}

static struct kunit_case vigil_dfa_test_cases[] = {
	KUNIT_CASE(unpacks_good_dfa),
	KUNIT_CASE(blob_padding_is_skipped),
	KUNIT_CASE(rejects_bad_header),
	KUNIT_CASE(rejects_header_below_16),
	KUNIT_CASE(rejects_every_truncation),
	KUNIT_CASE(rejects_bad_table_headers),
	KUNIT_CASE(rejects_overrunning_tables),
	KUNIT_CASE(rejects_missing_or_mismatched_tables),
	KUNIT_CASE(accept2_must_match_perms_table_presence),
	KUNIT_CASE(rejects_out_of_range_states),
	KUNIT_CASE(rejects_bad_base_flags),
	KUNIT_CASE(rejects_diff_encode_cycles),
	KUNIT_CASE(match_walks_states),
	KUNIT_CASE(match_len_consumes_nul_bytes),
	KUNIT_CASE(match_maps_equivalence_classes),
	KUNIT_CASE(match_follows_diff_encoding),
	KUNIT_CASE(oob_transition_needs_flag),
	KUNIT_CASE(oob_defers_only_to_states_with_a_slot),
	KUNIT_CASE(leftmatch_counts_literal_prefix),
	{}
};

static struct kunit_suite vigil_dfa_test_suite = {
	.name = "apparmor_dfa",
	.test_cases = vigil_dfa_test_cases,
};

kunit_test_suite(vigil_dfa_test_suite);
