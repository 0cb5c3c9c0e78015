/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel permission records and DFA inputs in human terms: "r w ix",
 * "send receive", "/etc/\x01".
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "parser/compile/perms.h"

/* Which DFA a record comes from: the letters differ per class. */
typedef enum PdDfaKind {
	PD_DFA_FILE,
	PD_DFA_XMATCH,
	PD_DFA_POLICYDB,
} PdDfaKind;

/*
 * Write bits of one record as words: file letters (r w a l k m and the
 * exec mode with its xtable target) for file DFAs, the class's own words
 * for policydb states (class is the first byte of the input), "-" for none.
 */
void pd_describe_bits(FILE *out, uint32_t bits, const VcKernelPerms *rec, PdDfaKind kind,
		      int policydb_class, char *const *xtable, size_t n_xtable);

/* A whole record: allow, then deny/audit/quiet when set. */
void pd_describe_record(FILE *out, const VcKernelPerms *rec, PdDfaKind kind, int policydb_class,
			char *const *xtable, size_t n_xtable);

/* An input string between quotes, bytes outside printable ASCII as \xNN. */
void pd_print_escaped(FILE *out, const uint8_t *s, size_t n);
