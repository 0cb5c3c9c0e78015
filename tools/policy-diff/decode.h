/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding a binary policy stream (spec §1) into profile records whose
 * DFAs are expanded for comparison. Every length, count and offset is
 * checked: a corrupt or truncated stream gives an error message, never a
 * read outside the buffer.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/compile/table.h"

/* One "pdb" (spec §1.9): an optional DFA with its perms table and xtable. */
typedef struct PdPdb {
	bool has_dfa;
	VcDecodedDfa dfa; /* dfa.xtable points at xtable below */
	char **xtable;	  /* NULL-terminated, one malloc'ed block, or NULL */
	size_t n_xtable;
} PdPdb;

typedef struct PdProfile {
	char *ns;   /* from the header or a ":ns:" name; NULL for none */
	char *name; /* without the namespace */
	bool has_xmatch;
	PdPdb xmatch;
	uint32_t xmatch_len;
	uint32_t hat_flags, mode, audit;
	bool has_path_flags;
	uint32_t path_flags;
	uint64_t caps_allow, caps_audit, caps_quiet;
	bool has_rlimits;
	uint32_t rlimit_mask;
	uint64_t rlimits[16];
	bool has_policydb;
	PdPdb policydb;
	PdPdb file;
} PdProfile;

typedef struct PdPolicy {
	PdProfile *profiles;
	size_t n_profiles;
} PdPolicy;

void pd_policy_done(PdPolicy *pol);

/*
 * Decode a whole stream (one or several profile records, each with its
 * header). Returns 0, -EPROTO with a message naming the offset in err, or
 * -ENOMEM.
 */
int pd_decode(const uint8_t *data, size_t size, PdPolicy *ret, char *err, size_t err_size);

/* Does data look like a policy stream rather than profile text? */
bool pd_looks_binary(const uint8_t *data, size_t size);
