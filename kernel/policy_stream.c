// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - reader for the tagged elements of a policy stream
 *
 * Every byte read here comes from userspace. Each read works on a local
 * copy of the position, checks every length against the bytes left
 * before touching them, and publishes the new position only when the
 * whole element was valid; a failed read leaves the stream untouched.
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/policy_stream.h"

/* The stream has no alignment, so integers are assembled bytewise. */
static u16 vigil_le16(const u8 *bytes)
{
	return (u16)bytes[0] | (u16)bytes[1] << 8;
}

static u32 vigil_le32(const u8 *bytes)
{
	return (u32)vigil_le16(bytes) | (u32)vigil_le16(bytes + 2) << 16;
}

static u64 vigil_le64(const u8 *bytes)
{
	return (u64)vigil_le32(bytes) | (u64)vigil_le32(bytes + 4) << 32;
}

/*
 * Advance *pos over @len bytes if that many remain before @end, storing
 * where they start in *bytes.
 */
static bool vigil_take(const u8 **pos, const u8 *end, size_t len,
		       const u8 **bytes)
{
	if ((size_t)(end - *pos) < len)
		return false;
	*bytes = *pos;
	*pos += len;
	return true;
}

/* A tag matches when it is exactly @name plus its NUL terminator. */
static bool vigil_tag_is(const u8 *tag, size_t tag_len, const char *name)
{
	size_t want = strlen(name) + 1;

	return want > 1 && tag_len == want && !memcmp(tag, name, want);
}

/*
 * Check the optional NAME and the type code of the next element without
 * consuming anything. On success *payload points just after the code.
 */
static bool vigil_stream_element(const struct vigil_stream *stream,
				 const char *name, enum vigil_stream_code code,
				 const u8 **payload)
{
	const u8 *pos = stream->pos;
	const u8 *bytes;
	size_t tag_len;

	if (pos < stream->end && *pos == VIGIL_STREAM_NAME) {
		pos++;
		if (!vigil_take(&pos, stream->end, 2, &bytes))
			return false;
		tag_len = vigil_le16(bytes);
		if (!vigil_take(&pos, stream->end, tag_len, &bytes))
			return false;
		/* Without an expected name, any label is skipped. */
		if (name && !vigil_tag_is(bytes, tag_len, name))
			return false;
	} else if (name) {
		return false;
	}

	if (!vigil_take(&pos, stream->end, 1, &bytes) || *bytes != code)
		return false;
	*payload = pos;
	return true;
}

/*
 * Read an element whose payload is @len fixed bytes; on success the
 * stream moves past it and *bytes points at the payload.
 */
static bool vigil_stream_fixed(struct vigil_stream *stream, const char *name,
			       enum vigil_stream_code code, size_t len,
			       const u8 **bytes)
{
	const u8 *pos;

	if (!vigil_stream_element(stream, name, code, &pos) ||
	    !vigil_take(&pos, stream->end, len, bytes))
		return false;
	stream->pos = pos;
	return true;
}

/**
 * vigil_stream_init - start reading a policy buffer
 * @stream: reader to set up
 * @data: the untrusted buffer; must stay valid while @stream is used
 * @size: number of bytes in @data
 */
void vigil_stream_init(struct vigil_stream *stream, const void *data,
		       size_t size)
{
	stream->start = data;
	stream->pos = stream->start;
	stream->end = stream->start + size;
}

/**
 * vigil_stream_remaining - count the bytes not read yet
 * @stream: reader
 *
 * Return: number of bytes between the position and the end; 0 means
 * the whole buffer was consumed.
 */
size_t vigil_stream_remaining(const struct vigil_stream *stream)
{
	return stream->end - stream->pos;
}

/**
 * vigil_stream_offset - position relative to the start of the buffer
 * @stream: reader
 *
 * Return: number of bytes consumed so far.
 */
size_t vigil_stream_offset(const struct vigil_stream *stream)
{
	return stream->pos - stream->start;
}

/**
 * vigil_stream_read_u8 - read a U8 element
 * @stream: reader
 * @name: label the element must carry, or NULL to accept any or none
 * @value: where to store the value; untouched on failure
 *
 * Return: true if the element was read, false (nothing consumed) if the
 * next element is not a U8 with the expected label or is truncated.
 */
bool vigil_stream_read_u8(struct vigil_stream *stream, const char *name,
			  u8 *value)
{
	const u8 *bytes;

	if (!vigil_stream_fixed(stream, name, VIGIL_STREAM_U8, 1, &bytes))
		return false;
	*value = bytes[0];
	return true;
}

/**
 * vigil_stream_read_u16 - read a little-endian U16 element
 * @stream: reader
 * @name: label the element must carry, or NULL to accept any or none
 * @value: where to store the value; untouched on failure
 *
 * Return: true if read, false with nothing consumed otherwise.
 */
bool vigil_stream_read_u16(struct vigil_stream *stream, const char *name,
			   u16 *value)
{
	const u8 *bytes;

	if (!vigil_stream_fixed(stream, name, VIGIL_STREAM_U16, 2, &bytes))
		return false;
	*value = vigil_le16(bytes);
	return true;
}

/**
 * vigil_stream_read_u32 - read a little-endian U32 element
 * @stream: reader
 * @name: label the element must carry, or NULL to accept any or none
 * @value: where to store the value; untouched on failure
 *
 * Return: true if read, false with nothing consumed otherwise.
 */
bool vigil_stream_read_u32(struct vigil_stream *stream, const char *name,
			   u32 *value)
{
	const u8 *bytes;

	if (!vigil_stream_fixed(stream, name, VIGIL_STREAM_U32, 4, &bytes))
		return false;
	*value = vigil_le32(bytes);
	return true;
}

/**
 * vigil_stream_read_u64 - read a little-endian U64 element
 * @stream: reader
 * @name: label the element must carry, or NULL to accept any or none
 * @value: where to store the value; untouched on failure
 *
 * Return: true if read, false with nothing consumed otherwise.
 */
bool vigil_stream_read_u64(struct vigil_stream *stream, const char *name,
			   u64 *value)
{
	const u8 *bytes;

	if (!vigil_stream_fixed(stream, name, VIGIL_STREAM_U64, 8, &bytes))
		return false;
	*value = vigil_le64(bytes);
	return true;
}

/**
 * vigil_stream_read_string - read a STRING element
 * @stream: reader
 * @name: label the element must carry, or NULL to accept any or none
 * @text: set to the text inside the buffer; NUL terminated
 * @len: set to the number of bytes before the final NUL
 *
 * The payload must hold at least one byte and end with NUL. Bytes
 * before it may include further NULs (the xtable uses one to separate a
 * namespace from a profile name); callers that need a plain C string
 * must check strlen(*text) == *len.
 *
 * Return: true if read, false with nothing consumed otherwise; @text
 * and @len are untouched on failure.
 */
bool vigil_stream_read_string(struct vigil_stream *stream, const char *name,
			      const char **text, size_t *len)
{
	const u8 *pos, *bytes;
	size_t size;

	if (!vigil_stream_element(stream, name, VIGIL_STREAM_STRING, &pos) ||
	    !vigil_take(&pos, stream->end, 2, &bytes))
		return false;
	size = vigil_le16(bytes);
	if (size == 0 || !vigil_take(&pos, stream->end, size, &bytes) ||
	    bytes[size - 1] != '\0')
		return false;
	stream->pos = pos;
	*text = (const char *)bytes;
	*len = size - 1;
	return true;
}

/**
 * vigil_stream_read_blob - read a BLOB element
 * @stream: reader
 * @name: label the element must carry, or NULL to accept any or none
 * @data: set to the first payload byte inside the buffer
 * @len: set to the payload length, which may be 0
 *
 * Return: true if read, false with nothing consumed otherwise; @data
 * and @len are untouched on failure.
 */
bool vigil_stream_read_blob(struct vigil_stream *stream, const char *name,
			    const u8 **data, size_t *len)
{
	const u8 *pos, *bytes;
	size_t size;

	if (!vigil_stream_element(stream, name, VIGIL_STREAM_BLOB, &pos) ||
	    !vigil_take(&pos, stream->end, 4, &bytes))
		return false;
	size = vigil_le32(bytes);
	if (!vigil_take(&pos, stream->end, size, &bytes))
		return false;
	stream->pos = pos;
	*data = bytes;
	*len = size;
	return true;
}

/**
 * vigil_stream_read_struct - read the STRUCT code that opens a group
 * @stream: reader
 * @name: label the group must carry, or NULL to accept any or none
 *
 * Return: true if read, false with nothing consumed otherwise.
 */
bool vigil_stream_read_struct(struct vigil_stream *stream, const char *name)
{
	const u8 *bytes;

	return vigil_stream_fixed(stream, name, VIGIL_STREAM_STRUCT, 0, &bytes);
}

/**
 * vigil_stream_read_structend - read the STRUCTEND code closing a group
 * @stream: reader
 *
 * A label in front of it is skipped, as for any unnamed read.
 *
 * Return: true if read, false with nothing consumed otherwise.
 */
bool vigil_stream_read_structend(struct vigil_stream *stream)
{
	const u8 *bytes;

	return vigil_stream_fixed(stream, NULL, VIGIL_STREAM_STRUCTEND, 0,
				  &bytes);
}

/**
 * vigil_stream_read_array - read the ARRAY code and its element count
 * @stream: reader
 * @name: label the array must carry, or NULL to accept any or none
 * @count: set to the announced number of elements
 *
 * The count is only a claim: the caller reads that many elements, each
 * of which is bounds checked, then vigil_stream_read_arrayend().
 *
 * Return: true if read, false with nothing consumed otherwise.
 */
bool vigil_stream_read_array(struct vigil_stream *stream, const char *name,
			     u16 *count)
{
	const u8 *bytes;

	if (!vigil_stream_fixed(stream, name, VIGIL_STREAM_ARRAY, 2, &bytes))
		return false;
	*count = vigil_le16(bytes);
	return true;
}

/**
 * vigil_stream_read_arrayend - read the ARRAYEND code closing an array
 * @stream: reader
 *
 * Return: true if read, false with nothing consumed otherwise.
 */
bool vigil_stream_read_arrayend(struct vigil_stream *stream)
{
	const u8 *bytes;

	return vigil_stream_fixed(stream, NULL, VIGIL_STREAM_ARRAYEND, 0,
				  &bytes);
}
