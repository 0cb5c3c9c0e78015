// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - unpacking and verification of policy DFAs
 *
 * The table set comes from userspace inside a policy load. Decoding
 * checks the structure (header, table headers, sizes, padding); then
 * verification checks every state and transition index, so that the
 * matching code may index the tables with values read from them
 * without any further test. Nothing is trusted before that.
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/dfa.h"

/* Table-set header: magic, header size, total size, flags, then text. */
#define VIGIL_DFA_HEADER_MIN		16
/* Each table: id, element size, high length (unused), element count. */
#define VIGIL_DFA_TABLE_HEADER		12
/* Every table, header included, is padded to this many bytes. */
#define VIGIL_DFA_TABLE_ALIGN		8

/* Table ids as they appear on the wire. */
enum vigil_dfa_table_id {
	VIGIL_DFA_TABLE_ACCEPT = 1,
	VIGIL_DFA_TABLE_BASE = 2,
	VIGIL_DFA_TABLE_CHECK = 3,
	VIGIL_DFA_TABLE_DEFAULT = 4,
	VIGIL_DFA_TABLE_EQUIV = 5,
	VIGIL_DFA_TABLE_META = 6,
	VIGIL_DFA_TABLE_ACCEPT2 = 7,
	VIGIL_DFA_TABLE_NEXT = 8,
	VIGIL_DFA_TABLE_LIMIT
};

/* Where a table's elements sit in the untrusted blob. */
struct vigil_dfa_table {
	const u8 *elements;
	u32 count;
};

static u16 vigil_be16(const u8 *bytes)
{
	return (u16)bytes[0] << 8 | (u16)bytes[1];
}

static u32 vigil_be32(const u8 *bytes)
{
	return (u32)vigil_be16(bytes) << 16 | (u32)vigil_be16(bytes + 2);
}

/* Element size each table must declare; 0 for ids that are refused. */
static unsigned int vigil_dfa_element_size(unsigned int id)
{
	switch (id) {
	case VIGIL_DFA_TABLE_ACCEPT:
	case VIGIL_DFA_TABLE_ACCEPT2:
	case VIGIL_DFA_TABLE_BASE:
		return 4;
	case VIGIL_DFA_TABLE_CHECK:
	case VIGIL_DFA_TABLE_DEFAULT:
	case VIGIL_DFA_TABLE_NEXT:
		return 2;
	case VIGIL_DFA_TABLE_EQUIV:
		return 1;
	default:
		/* META, unknown ids and id 0 are not part of the format. */
		return 0;
	}
}

/*
 * Locate every table of the set without decoding it. Rejects unknown
 * and duplicate ids, wrong element sizes, empty tables and tables (with
 * their padding) that overrun the blob.
 */
static int vigil_dfa_locate_tables(const u8 *data, size_t size,
				   struct vigil_dfa_table *tables)
{
	size_t offset, remaining;
	unsigned int id, element_size;
	u64 table_bytes;
	u32 header_size, count;

	header_size = vigil_be32(data + 4);
	if (header_size < VIGIL_DFA_HEADER_MIN || header_size > size)
		return -EPROTO;

	for (offset = header_size; offset < size; offset += table_bytes) {
		remaining = size - offset;
		if (remaining < VIGIL_DFA_TABLE_HEADER)
			return -EPROTO;
		id = vigil_be16(data + offset);
		element_size = vigil_dfa_element_size(id);
		if (!element_size ||
		    vigil_be16(data + offset + 2) != element_size)
			return -EPROTO;
		if (tables[id].elements)
			return -EPROTO;
		count = vigil_be32(data + offset + 8);
		if (!count)
			return -EPROTO;
		/* 64-bit arithmetic: count * 4 + 19 cannot wrap. */
		table_bytes = VIGIL_DFA_TABLE_HEADER + (u64)count * element_size;
		table_bytes = (table_bytes + VIGIL_DFA_TABLE_ALIGN - 1) &
			      ~(u64)(VIGIL_DFA_TABLE_ALIGN - 1);
		if (table_bytes > remaining)
			return -EPROTO;
		tables[id].elements = data + offset + VIGIL_DFA_TABLE_HEADER;
		tables[id].count = count;
	}
	return 0;
}

/* Check which tables exist and that their lengths agree. */
static int vigil_dfa_check_table_set(const struct vigil_dfa_table *tables,
				     enum vigil_dfa_accept2 accept2)
{
	u32 states = tables[VIGIL_DFA_TABLE_BASE].count;

	if (!tables[VIGIL_DFA_TABLE_BASE].elements ||
	    !tables[VIGIL_DFA_TABLE_DEFAULT].elements ||
	    !tables[VIGIL_DFA_TABLE_NEXT].elements ||
	    !tables[VIGIL_DFA_TABLE_CHECK].elements ||
	    !tables[VIGIL_DFA_TABLE_ACCEPT].elements)
		return -EPROTO;

	if (accept2 == VIGIL_DFA_WITH_ACCEPT2) {
		if (!tables[VIGIL_DFA_TABLE_ACCEPT2].elements ||
		    tables[VIGIL_DFA_TABLE_ACCEPT2].count != states)
			return -EPROTO;
	} else if (tables[VIGIL_DFA_TABLE_ACCEPT2].elements) {
		return -EPROTO;
	}

	if (tables[VIGIL_DFA_TABLE_ACCEPT].count != states ||
	    tables[VIGIL_DFA_TABLE_DEFAULT].count != states ||
	    tables[VIGIL_DFA_TABLE_CHECK].count !=
	    tables[VIGIL_DFA_TABLE_NEXT].count)
		return -EPROTO;

	if (tables[VIGIL_DFA_TABLE_EQUIV].elements &&
	    tables[VIGIL_DFA_TABLE_EQUIV].count != VIGIL_DFA_CLASSES)
		return -EPROTO;
	return 0;
}

static u32 *vigil_dfa_decode32(const struct vigil_dfa_table *table)
{
	u32 *values;
	u32 i;

	if (!table->elements)
		return NULL;
	values = kvcalloc(table->count, sizeof(*values), GFP_KERNEL);
	if (!values)
		return NULL;
	for (i = 0; i < table->count; i++)
		values[i] = vigil_be32(table->elements + 4 * (size_t)i);
	return values;
}

static u16 *vigil_dfa_decode16(const struct vigil_dfa_table *table)
{
	u16 *values;
	u32 i;

	values = kvcalloc(table->count, sizeof(*values), GFP_KERNEL);
	if (!values)
		return NULL;
	for (i = 0; i < table->count; i++)
		values[i] = vigil_be16(table->elements + 2 * (size_t)i);
	return values;
}

static int vigil_dfa_decode(const struct vigil_dfa_table *tables,
			    struct vigil_dfa *dfa)
{
	const struct vigil_dfa_table *equiv = &tables[VIGIL_DFA_TABLE_EQUIV];

	dfa->state_count = tables[VIGIL_DFA_TABLE_BASE].count;
	dfa->transition_count = tables[VIGIL_DFA_TABLE_NEXT].count;
	dfa->accept = vigil_dfa_decode32(&tables[VIGIL_DFA_TABLE_ACCEPT]);
	dfa->base = vigil_dfa_decode32(&tables[VIGIL_DFA_TABLE_BASE]);
	dfa->default_state =
		vigil_dfa_decode16(&tables[VIGIL_DFA_TABLE_DEFAULT]);
	dfa->next = vigil_dfa_decode16(&tables[VIGIL_DFA_TABLE_NEXT]);
	dfa->check = vigil_dfa_decode16(&tables[VIGIL_DFA_TABLE_CHECK]);
	if (!dfa->accept || !dfa->base || !dfa->default_state || !dfa->next ||
	    !dfa->check)
		return -ENOMEM;

	if (tables[VIGIL_DFA_TABLE_ACCEPT2].elements) {
		dfa->accept2 =
			vigil_dfa_decode32(&tables[VIGIL_DFA_TABLE_ACCEPT2]);
		if (!dfa->accept2)
			return -ENOMEM;
	}
	if (equiv->elements) {
		dfa->equiv = kvcalloc(VIGIL_DFA_CLASSES, sizeof(*dfa->equiv),
				      GFP_KERNEL);
		if (!dfa->equiv)
			return -ENOMEM;
		memcpy(dfa->equiv, equiv->elements, VIGIL_DFA_CLASSES);
	}
	return 0;
}

/* Check one state's BASE flags and its DEFAULT and slot range. */
static int vigil_dfa_verify_state(const struct vigil_dfa *dfa, u32 state)
{
	u32 base = dfa->base[state];
	u32 index = base & VIGIL_DFA_BASE_INDEX_MASK;

	if (dfa->default_state[state] >= dfa->state_count)
		return -EPROTO;
	if (base & ~(VIGIL_DFA_BASE_INDEX_MASK | VIGIL_DFA_BASE_DIFF_ENCODE |
		     VIGIL_DFA_BASE_OOB))
		return -EPROTO;
	if ((base & VIGIL_DFA_BASE_DIFF_ENCODE) &&
	    !(dfa->header_flags & VIGIL_DFA_HEADER_DIFF_ENCODE))
		return -EPROTO;
	/* The out-of-band slot sits just below the base index. */
	if ((base & VIGIL_DFA_BASE_OOB) &&
	    (!(dfa->header_flags & VIGIL_DFA_HEADER_OOB) || index < 1))
		return -EPROTO;
	/* Any byte must be usable as a class, EC table or not. */
	if ((u64)index + VIGIL_DFA_CLASSES - 1 >= dfa->transition_count)
		return -EPROTO;
	return 0;
}

/*
 * A diff-encoded state defers to its default state for the transitions
 * it does not list, so matching follows DEFAULT links until it meets a
 * state that is not diff encoded. Every such chain must end. Colours:
 * 0 not seen, 1 on the chain being walked, 2 known to end.
 */
static int vigil_dfa_verify_diff_chains(const struct vigil_dfa *dfa)
{
	u32 state, walk;
	u8 *colour;
	int err = 0;

	if (!(dfa->header_flags & VIGIL_DFA_HEADER_DIFF_ENCODE))
		return 0;

	colour = kvcalloc(dfa->state_count, sizeof(*colour), GFP_KERNEL);
	if (!colour)
		return -ENOMEM;

	for (state = 0; state < dfa->state_count; state++) {
		for (walk = state;
		     (dfa->base[walk] & VIGIL_DFA_BASE_DIFF_ENCODE) &&
		     colour[walk] != 2;
		     walk = dfa->default_state[walk]) {
			if (colour[walk] == 1) {
				err = -EPROTO;
				goto out;
			}
			colour[walk] = 1;
		}
		for (walk = state; colour[walk] == 1;
		     walk = dfa->default_state[walk])
			colour[walk] = 2;
	}
out:
	kvfree(colour);
	return err;
}

static int vigil_dfa_verify(const struct vigil_dfa *dfa)
{
	u32 i;
	int err;

	for (i = 0; i < dfa->state_count; i++) {
		err = vigil_dfa_verify_state(dfa, i);
		if (err)
			return err;
	}
	for (i = 0; i < dfa->transition_count; i++)
		if (dfa->next[i] >= dfa->state_count ||
		    dfa->check[i] >= dfa->state_count)
			return -EPROTO;
	return vigil_dfa_verify_diff_chains(dfa);
}

/**
 * vigil_dfa_free - release a DFA returned by vigil_dfa_unpack()
 * @dfa: DFA to free, or NULL
 */
void vigil_dfa_free(struct vigil_dfa *dfa)
{
	if (!dfa)
		return;
	kvfree(dfa->accept);
	kvfree(dfa->accept2);
	kvfree(dfa->base);
	kvfree(dfa->default_state);
	kvfree(dfa->next);
	kvfree(dfa->check);
	kvfree(dfa->equiv);
	kfree(dfa);
}

/**
 * vigil_dfa_unpack - decode and verify a DFA table set
 * @data: untrusted table set, starting with the magic; any alignment
 * @size: number of bytes in @data
 * @accept2: whether an ACCEPT2 table is required or forbidden
 * @dfa: set to the new DFA on success; free with vigil_dfa_free()
 *
 * Beyond the table-set structure, verification guarantees: every
 * DEFAULT, NEXT and CHECK entry names an existing state; every state
 * can index all 256 input classes (and its out-of-band slot, if
 * flagged) inside NEXT/CHECK; BASE flags are known and allowed by the
 * header; diff-encoding chains terminate. Start states and accept
 * values are the caller's to check, as their meaning depends on use.
 *
 * Return: 0 on success, -EPROTO for malformed input, -ENOMEM.
 */
int vigil_dfa_unpack(const u8 *data, size_t size,
		     enum vigil_dfa_accept2 accept2, struct vigil_dfa **dfa)
{
	struct vigil_dfa_table tables[VIGIL_DFA_TABLE_LIMIT] = { };
	struct vigil_dfa *new;
	u16 header_flags;
	int err;

	if (size < VIGIL_DFA_HEADER_MIN || vigil_be32(data) != VIGIL_DFA_MAGIC)
		return -EPROTO;
	header_flags = vigil_be16(data + 12);
	if (header_flags & ~(VIGIL_DFA_HEADER_DIFF_ENCODE |
			     VIGIL_DFA_HEADER_OOB))
		return -EPROTO;

	err = vigil_dfa_locate_tables(data, size, tables);
	if (err)
		return err;
	err = vigil_dfa_check_table_set(tables, accept2);
	if (err)
		return err;

	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	new->header_flags = header_flags;
	err = vigil_dfa_decode(tables, new);
	if (!err)
		err = vigil_dfa_verify(new);
	if (err) {
		vigil_dfa_free(new);
		return err;
	}
	*dfa = new;
	return 0;
}

/**
 * vigil_dfa_unpack_blob - unpack the DFA carried by an "aadfa" blob
 * @blob: payload of the blob element
 * @len: payload length
 * @accept2: whether an ACCEPT2 table is required or forbidden
 * @dfa: set to the new DFA on success
 *
 * The compiler pads the front of the blob so that the table set is
 * 8-byte aligned in its output; table sets are a multiple of 8 bytes
 * long, so the padding is the blob length modulo 8 and is skipped.
 *
 * Return: as vigil_dfa_unpack().
 */
int vigil_dfa_unpack_blob(const u8 *blob, size_t len,
			  enum vigil_dfa_accept2 accept2,
			  struct vigil_dfa **dfa)
{
	size_t pad = len % VIGIL_DFA_TABLE_ALIGN;

	if (len - pad < VIGIL_DFA_HEADER_MIN)
		return -EPROTO;
	return vigil_dfa_unpack(blob + pad, len - pad, accept2, dfa);
}
