/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The DFA blob (spec §2): comb-compressed transition tables behind a
 * big-endian table-set header, and its decoder.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/compile/dfa.h"
#include "parser/compile/perms.h"

#define VC_TABLESET_MAGIC 0x1B5E783Du

enum {
	VC_TABLE_ACCEPT = 1,
	VC_TABLE_BASE = 2,
	VC_TABLE_CHECK = 3,
	VC_TABLE_DEFAULT = 4,
	VC_TABLE_EC = 5,
	VC_TABLE_META = 6,
	VC_TABLE_ACCEPT2 = 7,
	VC_TABLE_NEXT = 8,
};

#define VC_BASE_DIFF_ENCODE 0x80000000u
#define VC_BASE_OOB	    0x20000000u
#define VC_BASE_INDEX_MASK  0x00ffffffu

typedef struct VcBlobOptions {
	/* Emit the 256-byte EC table and index NEXT by class (smaller). */
	bool equivalence_classes;
	/*
	 * permstable32: ACCEPT holds indexes into a separate table of
	 * kernel records (owner at the index, other at index + 1) and there
	 * is no ACCEPT2. Otherwise ACCEPT/ACCEPT2 carry the old encoding,
	 * which is what apparmor_parser 3.0.8 writes.
	 */
	bool permstable;
	/*
	 * Differential encoding: a state may default to a similar state and
	 * store only where it differs (header flag 1, BASE bit 31). Smaller
	 * for large DFAs; apparmor_parser 3.0.8 does not do it by default and
	 * it must not be used for attachment DFAs (longest-left matching
	 * ignores it, spec §2.8).
	 */
	bool diff_encode;
} VcBlobOptions;

typedef struct VcBlob {
	uint8_t *data; /* the DFA, a multiple of 8 bytes, to go after any padding */
	size_t size;
	VcKernelPerms *perms; /* permstable only: the records for the "perms" element */
	size_t n_perms;
} VcBlob;

void vc_blob_done(VcBlob *blob);

/* Compress a DFA into BASE/NEXT/CHECK/DEFAULT and serialise it. */
int vc_dfa_write_blob(const VcDfa *dfa, const VcBlobOptions *options, VcBlob *ret);

/* A blob expanded back into a plain table: what the kernel would compute. */
typedef struct VcDecodedDfa {
	uint32_t n_states;
	uint32_t start;
	uint32_t *next;	      /* next[state * 256 + byte] */
	VcKernelPerms *owner; /* per state */
	VcKernelPerms *other;
	/*
	 * The pdb's xtable, if the caller has it (borrowed, not freed): lets
	 * the equivalence check compare exec targets by name, not by index.
	 */
	char *const *xtable;
	size_t n_xtable;
} VcDecodedDfa;

void vc_decoded_dfa_done(VcDecodedDfa *dfa);

/*
 * Decode and verify a DFA blob (without the leading alignment padding) the
 * way the 6.12 kernel does (spec §2.2-2.6). `perms` is the permstable32
 * table of the enclosing pdb, or NULL for the old ACCEPT/ACCEPT2 form.
 * Returns 0, -EPROTO for a blob the kernel would reject, or -ENOMEM.
 */
int vc_dfa_decode_blob(const uint8_t *data, size_t size, const VcKernelPerms *perms, size_t n_perms,
		       VcDecodedDfa *ret);

/*
 * Locate the payloads of the `NAME "aadfa" BLOB` elements of a policy
 * stream, in order, with their alignment padding already skipped. In
 * apparmor_parser output a profile's elements are: xmatch DFA (if it
 * attaches), policydb DFA, file DFA. Returns the number found (at most
 * max is stored) or -EPROTO.
 */
typedef struct VcBlobRef {
	const uint8_t *data;
	size_t size;
} VcBlobRef;

int vc_policy_find_dfas(const uint8_t *stream, size_t size, VcBlobRef *ret, size_t max);

/*
 * Read the `NAME "xtable" STRUCT ARRAY n { STRING } ARRAYEND STRUCTEND`
 * element if it starts at p (it follows the file DFA). On success *ret is
 * a NULL-terminated array of n strings, each one malloc'ed block with the
 * array (free(*ret) frees all); an entry's internal NULs (":ns\0name")
 * become ':'. Returns n, 0 if there is no xtable at p, or -EPROTO.
 */
int vc_policy_read_xtable(const uint8_t *p, const uint8_t *end, char ***ret);
