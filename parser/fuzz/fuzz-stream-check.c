// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the check that decides whether a cached policy
 * stream may go to the kernel: any byte string is a cache file. It must
 * answer without reading past the buffer, and whatever it accepts must
 * still be accepted with the header's own version word (a cut stream is
 * never half-accepted).
 *
 * Built only on request: "make parser-fuzz", then
 *   parser/fuzz/fuzz-stream-check -max_len=4096 parser/fuzz/corpus
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "parser/stream_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t version;

	if (size < 16)
		return stream_check(data, size, 0) == 0 ? (abort(), 0) : 0;
	version = (uint32_t)data[12] | (uint32_t)data[13] << 8 | (uint32_t)data[14] << 16 |
		  (uint32_t)data[15] << 24;
	if (stream_check(data, size, version) == 0 && stream_check(data, size, version + 1) == 0)
		abort(); /* the version word must matter */
	return 0;
}
