// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: DFA blob unpack and verification, then matching
 * from every state of an accepted DFA.
 *
 * Input: byte 0 selects the accept2 variant (bit 0); the rest is the
 * blob. The match strings are taken from the input too, so runs are
 * reproducible.
 */

#include "include/dfa.h"

#define MAX_STATES 64

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	enum vigil_dfa_accept2 accept2;
	struct vigil_dfa *dfa;
	unsigned int count;
	char str[32];
	size_t len;
	u32 state;

	if (size < 1)
		return 0;
	accept2 = data[0] & 1 ? VIGIL_DFA_WITH_ACCEPT2 :
				VIGIL_DFA_WITHOUT_ACCEPT2;
	if (vigil_dfa_unpack_blob(data + 1, size - 1, accept2, &dfa))
		return 0;

	/* A NUL-free string made of the input's last bytes. */
	len = size - 1 < sizeof(str) - 1 ? size - 1 : sizeof(str) - 1;
	memcpy(str, data + size - len, len);
	str[len] = '\0';
	for (size_t i = 0; i < len; i++)
		str[i] |= 1;

	for (state = 0; state < dfa->state_count && state < MAX_STATES;
	     state++) {
		vigil_dfa_next(dfa, state, data[0]);
		vigil_dfa_match(dfa, state, str);
		vigil_dfa_match_len(dfa, state, (const char *)data, size);
		vigil_dfa_leftmatch(dfa, state, str, &count);
		vigil_dfa_null_transition(dfa, state);
		vigil_dfa_oob_transition(dfa, state);
	}
	vigil_dfa_free(dfa);
	return 0;
}
