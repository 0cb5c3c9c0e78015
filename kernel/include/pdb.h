/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - a policy DB: DFA, permission table, start states and
 * exec transition table, as carried three times in a profile record
 * (attachment, policydb, file rules)
 */

#ifndef _VIGIL_PDB_H
#define _VIGIL_PDB_H

#include "dfa.h"
#include "perms.h"
#include "policy_stream.h"

/* The only permstable32 record layout 6.12 defines. */
#define VIGIL_PERMS_VERSION		1
/* U32 elements per wire record: a reserved word, then 13 fields. */
#define VIGIL_PERMS_WIRE_WORDS		14

/**
 * enum vigil_pdb_kind - which of a profile's DBs is being read
 * @VIGIL_PDB_XMATCH: attachment DFA; starts at state 1, xtable unused
 * @VIGIL_PDB_POLICY: per-class rules; the DFA is required
 * @VIGIL_PDB_FILE: file rules; records come in owner/other pairs
 */
enum vigil_pdb_kind {
	VIGIL_PDB_XMATCH,
	VIGIL_PDB_POLICY,
	VIGIL_PDB_FILE,
};

/**
 * struct vigil_pdb - one unpacked, verified policy DB
 * @dfa: the DFA, or NULL when the record carried none
 * @perms: permission records indexed by ACCEPT values, or NULL
 * @perms_count: number of records in @perms
 * @start: start state for class dispatch ("start", default 1)
 * @file_start: start state for file paths ("dfa_start", default 1)
 * @xtable: exec transition names, namespace separators restored
 * @xtable_count: number of entries in @xtable
 */
struct vigil_pdb {
	struct vigil_dfa *dfa;
	struct vigil_perms *perms;
	u32 perms_count;
	u32 start;
	u32 file_start;
	char **xtable;
	u32 xtable_count;
};

int vigil_pdb_unpack(struct vigil_stream *stream, enum vigil_pdb_kind kind,
		     u32 abi, struct vigil_pdb *pdb, const char **info);
int vigil_pdb_verify(const struct vigil_pdb *pdb, bool paired);
void vigil_pdb_destroy(struct vigil_pdb *pdb);

#endif /* _VIGIL_PDB_H */
