// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: a whole policy load as written to .load, decoded
 * the way the kernel does before building profiles: header, profile
 * record, verification, repeated until the buffer ends or a step fails.
 */

#include "include/profile_record.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct vigil_profile_record record;
	const char *info, *ns = NULL;
	struct vigil_stream s;
	size_t ns_len = 0;
	bool first = true;
	u32 version = 0;

	vigil_stream_init(&s, data, size);
	while (vigil_stream_remaining(&s)) {
		if (vigil_unpack_header(&s, first, &version, &ns, &ns_len,
					&info))
			break;
		first = false;
		memset(&record, 0, sizeof(record));
		if (vigil_profile_record_unpack(&s, version, &record, &info,
						NULL))
			break;
		vigil_profile_record_verify(&record, &info);
		vigil_profile_record_destroy(&record);
	}
	return 0;
}
