/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - KUnit helper that writes policy streams
 *
 * Tests describe their input element by element, as the ABI reference
 * does, instead of as opaque byte arrays; malformations are then small
 * edits of a well-formed stream.
 */

#ifndef _VIGIL_TEST_BUILDER_H
#define _VIGIL_TEST_BUILDER_H

#include <kunit/test.h>

#include "policy_stream.h"

/* States of the DFA written by vtb_dfa(). */
#define VTB_DFA_STATES 3

/**
 * struct vtb - a policy stream under construction
 * @test: test that owns the buffer; overflow fails it
 * @buf: the bytes written so far
 * @len: number of bytes written
 * @size: capacity of @buf
 */
struct vtb {
	struct kunit *test;
	u8 *buf;
	size_t len;
	size_t size;
};

struct vtb *vtb_new(struct kunit *test);
void vtb_bytes(struct vtb *b, const void *bytes, size_t len);
void vtb_byte(struct vtb *b, u8 byte);
void vtb_le32(struct vtb *b, u32 value);
void vtb_name(struct vtb *b, const char *name);
void vtb_u8(struct vtb *b, const char *name, u8 value);
void vtb_u32(struct vtb *b, const char *name, u32 value);
void vtb_u64(struct vtb *b, const char *name, u64 value);
void vtb_string(struct vtb *b, const char *text, size_t len);
void vtb_text(struct vtb *b, const char *name, const char *text);
void vtb_blob(struct vtb *b, const char *name, const void *data, u32 len);
void vtb_struct(struct vtb *b, const char *name);
void vtb_code(struct vtb *b, enum vigil_stream_code code);
void vtb_array(struct vtb *b, u16 count);
void vtb_dfa_on(struct vtb *b, u8 byte, const u32 *accept,
		const u32 *accept2);
void vtb_dfa(struct vtb *b, const u32 *accept, const u32 *accept2);

#endif /* _VIGIL_TEST_BUILDER_H */
