/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - policy DFAs: unpacking, verification and matching
 *
 * Policy carries each DFA as a big-endian table set (magic, header,
 * then BASE/DEFAULT/NEXT/CHECK/ACCEPT[/ACCEPT2][/EC] tables). Unpacking
 * decodes the tables into host-order arrays and verifies every index
 * they contain, so matching can follow them without further checks.
 */

#ifndef _VIGIL_DFA_H
#define _VIGIL_DFA_H

#include "portable.h"

#define VIGIL_DFA_MAGIC			0x1B5E783D

/* Table-set header flags. */
#define VIGIL_DFA_HEADER_DIFF_ENCODE	0x1
#define VIGIL_DFA_HEADER_OOB		0x2

/* BASE entries: a 24-bit index into NEXT/CHECK and per-state flags. */
#define VIGIL_DFA_BASE_INDEX_MASK	0x00ffffff
#define VIGIL_DFA_BASE_DIFF_ENCODE	0x80000000
#define VIGIL_DFA_BASE_OOB		0x20000000

/* State 0 never matches anything; state 1 is the usual start. */
#define VIGIL_DFA_NOMATCH		0
#define VIGIL_DFA_START			1

/* Inputs that may be consumed by a verified DFA from any state. */
#define VIGIL_DFA_CLASSES		256

/* Longest-left matching remembers this many previous states. */
#define VIGIL_DFA_LOOP_HISTORY		32

/**
 * enum vigil_dfa_accept2 - whether a DFA carries a second accept table
 * @VIGIL_DFA_WITHOUT_ACCEPT2: ACCEPT holds perms-table indexes; an
 *	ACCEPT2 table is an error
 * @VIGIL_DFA_WITH_ACCEPT2: old inline permission encoding; ACCEPT2 is
 *	required
 */
enum vigil_dfa_accept2 {
	VIGIL_DFA_WITHOUT_ACCEPT2,
	VIGIL_DFA_WITH_ACCEPT2,
};

/**
 * struct vigil_dfa - an unpacked, verified DFA
 * @header_flags: VIGIL_DFA_HEADER_* flags of the table set
 * @state_count: number of states, the length of the per-state tables
 * @transition_count: length of @next and @check
 * @accept: per-state accept value
 * @accept2: per-state second accept value, or NULL
 * @base: per-state BASE entry
 * @default_state: per-state fallback state
 * @next: target state of each transition slot
 * @check: owner state of each transition slot
 * @equiv: byte to equivalence class map of 256 entries, or NULL
 */
struct vigil_dfa {
	u16 header_flags;
	u32 state_count;
	u32 transition_count;
	u32 *accept;
	u32 *accept2;
	u32 *base;
	u16 *default_state;
	u16 *next;
	u16 *check;
	u8 *equiv;
};

int vigil_dfa_unpack(const u8 *data, size_t size,
		     enum vigil_dfa_accept2 accept2, struct vigil_dfa **dfa);
int vigil_dfa_unpack_blob(const u8 *blob, size_t len,
			  enum vigil_dfa_accept2 accept2,
			  struct vigil_dfa **dfa);
void vigil_dfa_free(struct vigil_dfa *dfa);

u32 vigil_dfa_next(const struct vigil_dfa *dfa, u32 state, u8 byte);
u32 vigil_dfa_match_len(const struct vigil_dfa *dfa, u32 state,
			const char *str, size_t len);
u32 vigil_dfa_match(const struct vigil_dfa *dfa, u32 state, const char *str);
u32 vigil_dfa_null_transition(const struct vigil_dfa *dfa, u32 state);
u32 vigil_dfa_oob_transition(const struct vigil_dfa *dfa, u32 state);
u32 vigil_dfa_leftmatch(const struct vigil_dfa *dfa, u32 state,
			const char *str, unsigned int *count);

#endif /* _VIGIL_DFA_H */
