// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: policy DB unpack (perms table, DFA, start
 * states, xtable) and verification.
 *
 * Input: byte 0 selects the DB kind, byte 1 the ABI (5..9); the rest
 * is the stream. After a successful verify every state's record and
 * every xtable entry are read, so a bad index shows up under ASan.
 */

#include "include/pdb.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct vigil_pdb pdb = { 0 };
	enum vigil_pdb_kind kind;
	struct vigil_stream s;
	const char *info;
	volatile u32 sink;
	u32 state, abi, i;
	bool paired;

	if (size < 2)
		return 0;
	kind = (enum vigil_pdb_kind)(data[0] % 3);
	paired = kind == VIGIL_PDB_FILE;
	abi = 5 + data[1] % 5;
	vigil_stream_init(&s, data + 2, size - 2);
	if (vigil_pdb_unpack(&s, kind, abi, &pdb, &info))
		return 0;

	if (!vigil_pdb_verify(&pdb, paired) && pdb.dfa) {
		for (state = 0; state < pdb.dfa->state_count; state++)
			sink = pdb.perms[pdb.dfa->accept[state] + paired].allow;
		for (i = 0; i < pdb.xtable_count; i++)
			sink = strlen(pdb.xtable[i]);
	}
	(void)sink;
	vigil_pdb_destroy(&pdb);
	return 0;
}
