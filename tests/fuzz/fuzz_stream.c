// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: the policy stream element reader.
 *
 * Reads elements of every type, named and unnamed, until none can be
 * read, checking that a failed read consumes nothing and that every
 * returned string is NUL terminated inside the buffer.
 */

#include "include/policy_stream.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static bool read_any(struct vigil_stream *s, const char *name)
{
	const char *text;
	const u8 *blob;
	size_t len;
	u64 v64;
	u32 v32;
	u16 v16;
	u8 v8;

	if (vigil_stream_read_string(s, name, &text, &len)) {
		if (text[len] != '\0')
			__builtin_trap();
		return true;
	}
	if (vigil_stream_read_blob(s, name, &blob, &len)) {
		if (blob + len > s->end)
			__builtin_trap();
		return true;
	}
	return vigil_stream_read_u8(s, name, &v8) ||
	       vigil_stream_read_u16(s, name, &v16) ||
	       vigil_stream_read_u32(s, name, &v32) ||
	       vigil_stream_read_u64(s, name, &v64) ||
	       vigil_stream_read_struct(s, name) ||
	       vigil_stream_read_structend(s) ||
	       vigil_stream_read_array(s, name, &v16) ||
	       vigil_stream_read_arrayend(s);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const char *const names[] = { NULL, "profile", "version" };
	struct vigil_stream s, before;
	unsigned int i;

	vigil_stream_init(&s, data, size);
	for (i = 0; vigil_stream_remaining(&s); i++) {
		before = s;
		if (!read_any(&s, names[i % 3]) && !read_any(&s, NULL)) {
			if (s.pos != before.pos)
				__builtin_trap();
			break;
		}
		if (s.pos <= before.pos || s.pos > s.end)
			__builtin_trap();
	}
	return 0;
}
