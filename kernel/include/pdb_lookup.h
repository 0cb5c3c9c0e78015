/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - finding the permission record for a DFA state
 */

#ifndef _VIGIL_PDB_LOOKUP_H
#define _VIGIL_PDB_LOOKUP_H

#include "pdb.h"

u32 vigil_pdb_class_start(const struct vigil_pdb *pdb, u8 class);
const struct vigil_perms *vigil_pdb_perms(const struct vigil_pdb *pdb,
					  u32 state);
const struct vigil_perms *vigil_pdb_file_perms(const struct vigil_pdb *pdb,
					       u32 state, bool owner);
const struct vigil_perms *vigil_pdb_match_file(const struct vigil_pdb *pdb,
					       const char *path, bool owner,
					       u32 *state);

#endif /* _VIGIL_PDB_LOOKUP_H */
