// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - finding the permission record for a DFA state
 *
 * Lookups run on every mediated access, after the DB passed
 * vigil_pdb_verify(). They still bound the one index verification
 * cannot cover: file rules that fall back to the policydb read the
 * record after the state's own, which does not exist for the last
 * state of a one-record-per-state table.
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/pdb_lookup.h"

/* What a DB without DFA or permission table grants: nothing. */
static const struct vigil_perms vigil_no_perms;

/**
 * vigil_pdb_class_start - state from which a policy class is matched
 * @pdb: verified policydb
 * @class: class byte (VIGIL_CLASS_*)
 *
 * Return: the state reached from the DB's start on @class, or
 * VIGIL_DFA_NOMATCH when the class is not mediated (or there is no
 * DFA at all).
 */
u32 vigil_pdb_class_start(const struct vigil_pdb *pdb, u8 class)
{
	if (!pdb->dfa || pdb->start == VIGIL_DFA_NOMATCH)
		return VIGIL_DFA_NOMATCH;
	return vigil_dfa_next(pdb->dfa, pdb->start, class);
}

/**
 * vigil_pdb_perms - the permission record of a state
 * @pdb: verified DB
 * @state: a state of @pdb's DFA
 *
 * Return: the record; an all-zero record when the DB has no DFA or no
 * table, or @state is out of range.
 */
const struct vigil_perms *vigil_pdb_perms(const struct vigil_pdb *pdb,
					  u32 state)
{
	u32 index;

	if (!pdb->dfa || !pdb->perms || state >= pdb->dfa->state_count)
		return &vigil_no_perms;
	index = pdb->dfa->accept[state];
	if (index >= pdb->perms_count)
		return &vigil_no_perms;
	return &pdb->perms[index];
}

/**
 * vigil_pdb_file_perms - the file permission record of a state
 * @pdb: verified file DB (or the policydb serving file rules)
 * @state: a state of @pdb's DFA
 * @owner: the task's fsuid owns the object
 *
 * File records come in pairs: the owner record at the accept index,
 * the one for everybody else right after it.
 *
 * Return: the record; an all-zero record when there is none.
 */
const struct vigil_perms *vigil_pdb_file_perms(const struct vigil_pdb *pdb,
					       u32 state, bool owner)
{
	u32 index;

	if (!pdb->dfa || !pdb->perms || state >= pdb->dfa->state_count)
		return &vigil_no_perms;
	index = pdb->dfa->accept[state];
	if (!owner) {
		if (index == U32_MAX)
			return &vigil_no_perms;
		index++;
	}
	if (index >= pdb->perms_count)
		return &vigil_no_perms;
	return &pdb->perms[index];
}

/**
 * vigil_pdb_match_file - match a path and return its file permissions
 * @pdb: verified file DB
 * @path: NUL-terminated path name
 * @owner: the task's fsuid owns the object
 * @state: set to the final state, for pair matches that continue
 *
 * Matching starts at the DB's file start and uses no class byte.
 *
 * Return: the permission record of the final state.
 */
const struct vigil_perms *vigil_pdb_match_file(const struct vigil_pdb *pdb,
					       const char *path, bool owner,
					       u32 *state)
{
	*state = VIGIL_DFA_NOMATCH;
	if (!pdb->dfa)
		return &vigil_no_perms;
	*state = vigil_dfa_match(pdb->dfa, pdb->file_start, path);
	return vigil_pdb_file_perms(pdb, *state, owner);
}
