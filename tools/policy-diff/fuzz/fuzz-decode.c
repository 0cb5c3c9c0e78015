// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for vigil-policy-diff's decoder: any byte string must
 * decode or be refused with an error, never read outside the buffer.
 * Build: make policy-diff-fuzz; run: tools/policy-diff/fuzz/fuzz-decode
 * tools/policy-diff/fuzz/corpus
 */
#include <stddef.h>
#include <stdint.h>

#include "tools/policy-diff/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	PdPolicy pol;
	char err[128];

	if (pd_decode(data, size, &pol, err, sizeof(err)) == 0)
		pd_policy_done(&pol);
	return 0;
}
