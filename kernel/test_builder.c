// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - KUnit helper that writes policy streams
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "include/dfa.h"
#include "include/test_builder.h"

/**
 * vtb_new - start an empty stream owned by a test
 * @test: the running test; the buffer is freed with it
 *
 * Return: the builder (the test is aborted if allocation fails).
 */
struct vtb *vtb_new(struct kunit *test)
{
	struct vtb *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	b->test = test;
	b->size = 8192;
	b->buf = kunit_kzalloc(test, b->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b->buf);
	return b;
}

/**
 * vtb_bytes - append raw bytes
 * @b: builder
 * @bytes: bytes to append
 * @len: number of bytes; overflowing the buffer fails the test
 */
void vtb_bytes(struct vtb *b, const void *bytes, size_t len)
{
	KUNIT_ASSERT_LE(b->test, b->len + len, b->size);
	memcpy(b->buf + b->len, bytes, len);
	b->len += len;
}

/**
 * vtb_byte - append one raw byte
 * @b: builder
 * @byte: the byte
 */
void vtb_byte(struct vtb *b, u8 byte)
{
	vtb_bytes(b, &byte, 1);
}

static void vtb_le16(struct vtb *b, u16 value)
{
	vtb_byte(b, value);
	vtb_byte(b, value >> 8);
}

/**
 * vtb_le32 - append a raw little-endian u32 (no element code)
 * @b: builder
 * @value: the value
 */
void vtb_le32(struct vtb *b, u32 value)
{
	vtb_le16(b, value);
	vtb_le16(b, value >> 16);
}

static void vtb_be16(struct vtb *b, u16 value)
{
	vtb_byte(b, value >> 8);
	vtb_byte(b, value);
}

static void vtb_be32(struct vtb *b, u32 value)
{
	vtb_be16(b, value >> 16);
	vtb_be16(b, value);
}

/**
 * vtb_name - append a NAME element
 * @b: builder
 * @name: label text; its NUL terminator is included
 */
void vtb_name(struct vtb *b, const char *name)
{
	vtb_byte(b, VIGIL_STREAM_NAME);
	vtb_le16(b, strlen(name) + 1);
	vtb_bytes(b, name, strlen(name) + 1);
}

/**
 * vtb_u8 - append a U8 element
 * @b: builder
 * @name: label, or NULL for none
 * @value: the value
 */
void vtb_u8(struct vtb *b, const char *name, u8 value)
{
	if (name)
		vtb_name(b, name);
	vtb_byte(b, VIGIL_STREAM_U8);
	vtb_byte(b, value);
}

/**
 * vtb_u32 - append a U32 element
 * @b: builder
 * @name: label, or NULL for none
 * @value: the value
 */
void vtb_u32(struct vtb *b, const char *name, u32 value)
{
	if (name)
		vtb_name(b, name);
	vtb_byte(b, VIGIL_STREAM_U32);
	vtb_le32(b, value);
}

/**
 * vtb_u64 - append a U64 element
 * @b: builder
 * @name: label, or NULL for none
 * @value: the value
 */
void vtb_u64(struct vtb *b, const char *name, u64 value)
{
	if (name)
		vtb_name(b, name);
	vtb_byte(b, VIGIL_STREAM_U64);
	vtb_le32(b, value);
	vtb_le32(b, value >> 32);
}

/**
 * vtb_string - append an unnamed STRING element with an exact payload
 * @b: builder
 * @text: payload bytes
 * @len: payload length, normally including the final NUL
 */
void vtb_string(struct vtb *b, const char *text, size_t len)
{
	vtb_byte(b, VIGIL_STREAM_STRING);
	vtb_le16(b, len);
	vtb_bytes(b, text, len);
}

/**
 * vtb_text - append a STRING element holding a C string
 * @b: builder
 * @name: label, or NULL for none
 * @text: the string, sent with its NUL terminator
 */
void vtb_text(struct vtb *b, const char *name, const char *text)
{
	if (name)
		vtb_name(b, name);
	vtb_string(b, text, strlen(text) + 1);
}

/**
 * vtb_blob - append a BLOB element
 * @b: builder
 * @name: label, or NULL for none
 * @data: payload
 * @len: payload length
 */
void vtb_blob(struct vtb *b, const char *name, const void *data, u32 len)
{
	if (name)
		vtb_name(b, name);
	vtb_byte(b, VIGIL_STREAM_BLOB);
	vtb_le32(b, len);
	vtb_bytes(b, data, len);
}

/**
 * vtb_struct - append a named STRUCT element
 * @b: builder
 * @name: label of the group
 */
void vtb_struct(struct vtb *b, const char *name)
{
	vtb_name(b, name);
	vtb_byte(b, VIGIL_STREAM_STRUCT);
}

/**
 * vtb_code - append a bare element code (STRUCTEND, ARRAYEND, ...)
 * @b: builder
 * @code: the code
 */
void vtb_code(struct vtb *b, enum vigil_stream_code code)
{
	vtb_byte(b, code);
}

/**
 * vtb_array - append an ARRAY element header
 * @b: builder
 * @count: announced number of elements
 */
void vtb_array(struct vtb *b, u16 count)
{
	vtb_byte(b, VIGIL_STREAM_ARRAY);
	vtb_le16(b, count);
}

static void vtb_dfa_table(struct vtb *b, u16 id, u16 size, u32 count,
			  const u32 *values)
{
	u32 i;

	vtb_be16(b, id);
	vtb_be16(b, size);
	vtb_be32(b, 0);
	vtb_be32(b, count);
	for (i = 0; i < count; i++) {
		if (size == 4)
			vtb_be32(b, values ? values[i] : 0);
		else
			vtb_be16(b, 0);
	}
	for (i = 12 + count * size; i % 8; i++)
		vtb_byte(b, 0);
}

/* NEXT or CHECK: every slot 0 except the one for @byte. */
static void vtb_dfa_slots(struct vtb *b, u16 id, u8 byte, u16 value)
{
	u32 i;

	vtb_be16(b, id);
	vtb_be16(b, 2);
	vtb_be32(b, 0);
	vtb_be32(b, 256);
	for (i = 0; i < 256; i++)
		vtb_be16(b, i == byte ? value : 0);
	vtb_be32(b, 0);		/* pad 12 + 512 bytes to 528 */
}

/**
 * vtb_dfa_on - append NAME "aadfa" BLOB holding a small fixed DFA
 * @b: builder
 * @byte: the only input that leads somewhere
 * @accept: VTB_DFA_STATES accept values
 * @accept2: VTB_DFA_STATES ACCEPT2 values, or NULL to omit the table
 *
 * The DFA has three states sharing one 256-slot row: state 1 goes to
 * state 2 on @byte, every other transition leads to state 0. Leading
 * pad bytes align the table set to 8 in the stream, as the parser does.
 */
void vtb_dfa_on(struct vtb *b, u8 byte, const u32 *accept,
		const u32 *accept2)
{
	size_t start, set_len;
	u8 pad;

	/* Header, ACCEPT, [ACCEPT2], BASE, DEFAULT: 24 each; NEXT, CHECK. */
	set_len = 24 + 24 + (accept2 ? 24 : 0) + 24 + 24 + 2 * 528;
	vtb_name(b, "aadfa");
	vtb_byte(b, VIGIL_STREAM_BLOB);
	pad = (8 - (b->len + 4) % 8) % 8;
	vtb_le32(b, set_len + pad);
	for (; pad; pad--)
		vtb_byte(b, 0);

	start = b->len;
	vtb_be32(b, VIGIL_DFA_MAGIC);
	vtb_be32(b, 24);
	vtb_be32(b, set_len);
	vtb_be16(b, 0);
	vtb_bytes(b, "notflex\0\0\0", 10);
	vtb_dfa_table(b, 1, 4, VTB_DFA_STATES, accept);
	if (accept2)
		vtb_dfa_table(b, 7, 4, VTB_DFA_STATES, accept2);
	vtb_dfa_table(b, 2, 4, VTB_DFA_STATES, NULL);
	vtb_dfa_table(b, 4, 2, VTB_DFA_STATES, NULL);
	vtb_dfa_slots(b, 8, byte, 2);
	vtb_dfa_slots(b, 3, byte, 1);
	KUNIT_EXPECT_EQ(b->test, b->len - start, set_len);
}

/**
 * vtb_dfa - append the vtb_dfa_on() DFA whose one transition is on 'a'
 * @b: builder
 * @accept: VTB_DFA_STATES accept values
 * @accept2: VTB_DFA_STATES ACCEPT2 values, or NULL to omit the table
 */
void vtb_dfa(struct vtb *b, const u32 *accept, const u32 *accept2)
{
	vtb_dfa_on(b, 'a', accept, accept2);
}
