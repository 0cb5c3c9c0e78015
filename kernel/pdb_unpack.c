// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - reading and checking a policy DB from a profile record
 *
 * Layout (ABI reference, section 1.9), every member optional:
 *
 *   NAME "perms" STRUCT  U32 "version"  ARRAY { 14 x U32 }... ARRAYEND
 *                        STRUCTEND
 *   BLOB "aadfa"                   the DFA table set
 *   U32 "start"  U32 "dfa_start"   only after a DFA
 *   NAME "xtable" STRUCT ARRAY { STRING }... ARRAYEND STRUCTEND
 *
 * Without a perms table the DFA carries the old accept encoding and is
 * converted here, so a DB that leaves this file always has a table.
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/pdb.h"
#include "include/perms_compat.h"
#include "include/string_array.h"

static int unpack_perms_record(struct vigil_stream *stream,
			       struct vigil_perms *perms)
{
	u32 word[VIGIL_PERMS_WIRE_WORDS];
	unsigned int i;

	for (i = 0; i < VIGIL_PERMS_WIRE_WORDS; i++)
		if (!vigil_stream_read_u32(stream, NULL, &word[i]))
			return -EPROTO;

	/* word[0] is reserved: 6.12 overwrites it with allow. */
	perms->allow = word[1];
	perms->deny = word[2];
	perms->subtree = word[3];
	perms->cond = word[4];
	perms->kill = word[5];
	perms->complain = word[6];
	perms->prompt = word[7];
	perms->audit = word[8];
	perms->quiet = word[9];
	perms->hide = word[10];
	perms->xindex = word[11];
	perms->tag = word[12];
	perms->label = word[13];
	return 0;
}

/*
 * An empty table is refused: no DFA could index it, and accepting one
 * would only make "table present" and "records present" differ.
 */
static int unpack_perms_table(struct vigil_stream *stream,
			      struct vigil_pdb *pdb)
{
	u32 version, i;
	u16 count;
	int err;

	if (!vigil_stream_read_struct(stream, "perms"))
		return 0;
	if (!vigil_stream_read_u32(stream, "version", &version) ||
	    version != VIGIL_PERMS_VERSION ||
	    !vigil_stream_read_array(stream, NULL, &count) || !count)
		return -EPROTO;

	pdb->perms = kvcalloc(count, sizeof(*pdb->perms), GFP_KERNEL);
	if (!pdb->perms)
		return -ENOMEM;
	pdb->perms_count = count;
	for (i = 0; i < count; i++) {
		err = unpack_perms_record(stream, &pdb->perms[i]);
		if (err)
			return err;
	}
	if (!vigil_stream_read_array_close(stream))
		return -EPROTO;
	return 0;
}

/* The kernel's isspace(), which also counts Latin-1 NBSP (0xa0). */
static bool is_space(u8 c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
}

/*
 * Check one xtable entry and return a private copy. Entries naming a
 * profile in another namespace are written ":ns\0name"; the NUL that
 * separates them becomes ':' again, as the label parser expects.
 */
static char *xtable_entry(const char *text, size_t len)
{
	size_t i, nuls = 0, separator = 0;
	char *entry;

	if (!len || is_space(text[0]))
		return NULL;
	for (i = 0; i < len; i++) {
		if (!text[i]) {
			nuls++;
			separator = i;
		}
	}
	if (text[0] == ':') {
		if (nuls != 1 || separator == 1)
			return NULL;
	} else if (nuls) {
		return NULL;
	}

	entry = kmalloc(len + 1, GFP_KERNEL);
	if (!entry)
		return NULL;
	memcpy(entry, text, len + 1);
	if (nuls)
		entry[separator] = ':';
	return entry;
}

/* An xtable entry as vigil_stream_read_string_array() copies it. */
static int copy_xtable_entry(const char *text, size_t len, char **out)
{
	*out = xtable_entry(text, len);
	return *out ? 0 : -EPROTO;
}

static int unpack_dfa_and_starts(struct vigil_stream *stream,
				 enum vigil_pdb_kind kind,
				 struct vigil_pdb *pdb, const char **info)
{
	enum vigil_dfa_accept2 accept2;
	const u8 *blob;
	size_t len;
	int err;

	pdb->start = VIGIL_DFA_START;
	pdb->file_start = VIGIL_DFA_START;

	if (!vigil_stream_read_blob(stream, "aadfa", &blob, &len)) {
		if (kind == VIGIL_PDB_POLICY) {
			*info = "missing required dfa";
			return -EPROTO;
		}
		return 0;
	}

	accept2 = pdb->perms ? VIGIL_DFA_WITHOUT_ACCEPT2 :
			       VIGIL_DFA_WITH_ACCEPT2;
	err = vigil_dfa_unpack_blob(blob, len, accept2, &pdb->dfa);
	if (err) {
		*info = "failed to unpack - dfa";
		return err;
	}

	/* Absent start states keep the default. */
	vigil_stream_read_u32(stream, "start", &pdb->start);
	vigil_stream_read_u32(stream, "dfa_start", &pdb->file_start);
	if (pdb->start >= pdb->dfa->state_count ||
	    pdb->file_start >= pdb->dfa->state_count) {
		*info = "invalid dfa start state";
		return -EPROTO;
	}
	/* Attachment always matches from the default start. */
	if (kind == VIGIL_PDB_XMATCH)
		pdb->start = VIGIL_DFA_START;
	return 0;
}

static int convert_old_accept(struct vigil_pdb *pdb, enum vigil_pdb_kind kind,
			      u32 abi)
{
	switch (kind) {
	case VIGIL_PDB_XMATCH:
		return vigil_compat_xmatch_perms(pdb->dfa, &pdb->perms,
						 &pdb->perms_count);
	case VIGIL_PDB_POLICY:
		return vigil_compat_policy_perms(pdb->dfa, abi, &pdb->perms,
						 &pdb->perms_count);
	case VIGIL_PDB_FILE:
		return vigil_compat_file_perms(pdb->dfa, &pdb->perms,
					       &pdb->perms_count);
	}
	return -EINVAL;
}

/**
 * vigil_pdb_destroy - free everything a policy DB owns
 * @pdb: DB to empty; left zeroed, so destroying twice is harmless
 */
void vigil_pdb_destroy(struct vigil_pdb *pdb)
{
	vigil_dfa_free(pdb->dfa);
	kvfree(pdb->perms);
	vigil_string_array_free(pdb->xtable, pdb->xtable_count);
	memset(pdb, 0, sizeof(*pdb));
}

/**
 * vigil_pdb_unpack - read one policy DB from a profile record
 * @stream: reader positioned where the DB may start
 * @kind: which DB this is; decides whether a DFA is required, how old
 *	accept values are converted and whether the xtable is kept
 * @abi: kernel ABI of the load (version word & 0x3ff)
 * @pdb: zeroed DB to fill
 * @info: on failure, set to the reason to report in the audit record
 *
 * The DFA is fully verified and its start states checked against the
 * state count. An xtable is kept only for the policy and file DBs and
 * only when a DFA is present (a historic compiler bug emitted it
 * alone). Cross-checks between accept values, records and the xtable
 * are left to vigil_pdb_verify(), which must run before use.
 *
 * Return: 0, or a negative errno with @stream rewound and @pdb empty.
 */
int vigil_pdb_unpack(struct vigil_stream *stream, enum vigil_pdb_kind kind,
		     u32 abi, struct vigil_pdb *pdb, const char **info)
{
	struct vigil_stream start = *stream;
	int err;

	err = unpack_perms_table(stream, pdb);
	if (err) {
		*info = "failed to unpack - perms";
		goto fail;
	}

	err = unpack_dfa_and_starts(stream, kind, pdb, info);
	if (err)
		goto fail;

	err = vigil_stream_read_string_array(stream, "xtable",
					     copy_xtable_entry, &pdb->xtable,
					     &pdb->xtable_count);
	if (err) {
		*info = "failed to unpack profile transition table";
		goto fail;
	}
	if (!pdb->dfa || kind == VIGIL_PDB_XMATCH) {
		vigil_string_array_free(pdb->xtable, pdb->xtable_count);
		pdb->xtable = NULL;
		pdb->xtable_count = 0;
	}

	if (pdb->dfa && !pdb->perms) {
		err = convert_old_accept(pdb, kind, abi);
		if (err) {
			*info = "failed to remap permission table";
			goto fail;
		}
	}
	return 0;

fail:
	vigil_pdb_destroy(pdb);
	*stream = start;
	return err;
}

/* The consistency rules every record must obey (section 1.12). */
static bool perms_consistent(const struct vigil_perms *perms)
{
	return !(perms->allow & perms->deny) &&
	       !(perms->subtree & ~perms->allow) &&
	       !(perms->cond & (perms->allow | perms->deny)) &&
	       !(perms->kill & perms->allow) &&
	       !(perms->complain & (perms->allow | perms->deny)) &&
	       !(perms->prompt & (perms->allow | perms->deny)) &&
	       !(perms->complain & perms->prompt) &&
	       !(perms->hide & perms->allow);
}

static bool perms_indexes_valid(const struct vigil_perms *perms,
				u32 xtable_count)
{
	if ((perms->xindex & VIGIL_X_TYPE_MASK) == VIGIL_X_TABLE &&
	    (perms->xindex & VIGIL_X_INDEX_MASK) >= xtable_count)
		return false;
	/* 0 means "none" for tag and label. */
	if (perms->tag && perms->tag >= xtable_count)
		return false;
	if (perms->label && perms->label >= xtable_count)
		return false;
	return true;
}

/**
 * vigil_pdb_verify - cross-check a DB's DFA, records and xtable
 * @pdb: DB returned by vigil_pdb_unpack()
 * @paired: records are used in owner/other pairs (file rules): the
 *	lookup reads the record after the accept index too
 *
 * Every ACCEPT value must select an existing record (and its pair),
 * every record must be self-consistent, and every xtable reference in
 * a record must exist. After this, lookups need no bounds checks.
 *
 * Return: 0 if consistent, -EPROTO otherwise.
 */
int vigil_pdb_verify(const struct vigil_pdb *pdb, bool paired)
{
	u32 i, needed;

	if (pdb->dfa) {
		for (i = 0; i < pdb->dfa->state_count; i++) {
			needed = pdb->dfa->accept[i];
			if (paired && needed == U32_MAX)
				return -EPROTO;
			needed += paired;
			if (needed >= pdb->perms_count)
				return -EPROTO;
		}
	}
	for (i = 0; i < pdb->perms_count; i++)
		if (!perms_consistent(&pdb->perms[i]) ||
		    !perms_indexes_valid(&pdb->perms[i], pdb->xtable_count))
			return -EPROTO;
	return 0;
}
