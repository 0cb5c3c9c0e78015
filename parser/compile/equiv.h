/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Semantic equality of two file DFAs: do they give the same kernel
 * permission records (owner and other) after every byte string?
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/compile/table.h"

typedef struct VcDifference {
	uint8_t *witness; /* shortest string on which the DFAs disagree */
	size_t witness_len;
	VcKernelPerms a_owner, a_other, b_owner, b_other; /* what each grants there */
} VcDifference;

void vc_difference_done(VcDifference *diff);

/*
 * Walk the product automaton breadth first from the pair of start states:
 * a pair of states is a place both DFAs can be in after the same input. The
 * DFAs are equivalent iff every reachable pair has equal records; breadth
 * first order makes the first bad pair found one with a shortest witness.
 * Returns 1 if equivalent, 0 if not (with *ret_diff filled when non-NULL),
 * or -ENOMEM.
 */
int vc_dfa_equivalent(const VcDecodedDfa *a, const VcDecodedDfa *b, VcDifference *ret_diff);
