/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - reader for the tagged elements of a policy stream
 *
 * A policy load is a flat sequence of elements, each a one-byte type
 * code and a little-endian payload, optionally preceded by a NAME
 * element that labels it. Every read either consumes one whole element
 * (with its name) or fails and consumes nothing, so optional elements
 * can be probed and a struct copy of the reader is a checkpoint.
 */

#ifndef _VIGIL_POLICY_STREAM_H
#define _VIGIL_POLICY_STREAM_H

#include "portable.h"

/**
 * enum vigil_stream_code - type code that starts every element
 * @VIGIL_STREAM_U8: 1-byte integer
 * @VIGIL_STREAM_U16: 2-byte little-endian integer
 * @VIGIL_STREAM_U32: 4-byte little-endian integer
 * @VIGIL_STREAM_U64: 8-byte little-endian integer
 * @VIGIL_STREAM_NAME: u16 length, then a NUL-terminated label
 * @VIGIL_STREAM_STRING: u16 length, then NUL-terminated text
 * @VIGIL_STREAM_BLOB: u32 length, then raw bytes
 * @VIGIL_STREAM_STRUCT: opens a group
 * @VIGIL_STREAM_STRUCTEND: closes a group
 * @VIGIL_STREAM_LIST: opens a list (never used by policy)
 * @VIGIL_STREAM_LISTEND: closes a list (never used by policy)
 * @VIGIL_STREAM_ARRAY: u16 element count; elements follow
 * @VIGIL_STREAM_ARRAYEND: closes an array
 */
enum vigil_stream_code {
	VIGIL_STREAM_U8 = 0,
	VIGIL_STREAM_U16 = 1,
	VIGIL_STREAM_U32 = 2,
	VIGIL_STREAM_U64 = 3,
	VIGIL_STREAM_NAME = 4,
	VIGIL_STREAM_STRING = 5,
	VIGIL_STREAM_BLOB = 6,
	VIGIL_STREAM_STRUCT = 7,
	VIGIL_STREAM_STRUCTEND = 8,
	VIGIL_STREAM_LIST = 9,
	VIGIL_STREAM_LISTEND = 10,
	VIGIL_STREAM_ARRAY = 11,
	VIGIL_STREAM_ARRAYEND = 12,
};

/**
 * struct vigil_stream - cursor over an untrusted policy buffer
 * @start: first byte of the whole buffer
 * @pos: next unread byte, always within [@start, @end]
 * @end: one past the last byte of the buffer
 *
 * The reader holds no resources: copying it saves a position and
 * copying it back rewinds.
 */
struct vigil_stream {
	const u8 *start;
	const u8 *pos;
	const u8 *end;
};

void vigil_stream_init(struct vigil_stream *stream, const void *data,
		       size_t size);
size_t vigil_stream_remaining(const struct vigil_stream *stream);
size_t vigil_stream_offset(const struct vigil_stream *stream);

bool vigil_stream_read_u8(struct vigil_stream *stream, const char *name,
			  u8 *value);
bool vigil_stream_read_u16(struct vigil_stream *stream, const char *name,
			   u16 *value);
bool vigil_stream_read_u32(struct vigil_stream *stream, const char *name,
			   u32 *value);
bool vigil_stream_read_u64(struct vigil_stream *stream, const char *name,
			   u64 *value);
bool vigil_stream_read_string(struct vigil_stream *stream, const char *name,
			      const char **text, size_t *len);
bool vigil_stream_read_blob(struct vigil_stream *stream, const char *name,
			    const u8 **data, size_t *len);
bool vigil_stream_read_struct(struct vigil_stream *stream, const char *name);
bool vigil_stream_read_structend(struct vigil_stream *stream);
bool vigil_stream_read_array(struct vigil_stream *stream, const char *name,
			     u16 *count);
bool vigil_stream_read_arrayend(struct vigil_stream *stream);

/**
 * vigil_stream_read_array_close - read the ARRAYEND and STRUCTEND that
 *	close a struct holding one array
 * @stream: reader
 *
 * Return: true when both are there.
 */
static inline bool vigil_stream_read_array_close(struct vigil_stream *stream)
{
	return vigil_stream_read_arrayend(stream) &&
	       vigil_stream_read_structend(stream);
}

#endif /* _VIGIL_POLICY_STREAM_H */
