/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The semantic difference of two decoded policies: profiles paired by
 * (namespace, name); per pair every DFA compared by a product-automaton
 * walk, and the non-DFA parts field by field.
 */
#pragma once

#include <stdio.h>

#include "tools/policy-diff/decode.h"

typedef struct PdDiffOptions {
	const char *label_a, *label_b; /* how the two sides are named in the report */
	bool quiet;		       /* only the summary line per profile */
} PdDiffOptions;

/*
 * Print the report to out. Returns 0 if equivalent, 1 if they differ,
 * -ENOMEM.
 */
int pd_diff(const PdPolicy *a, const PdPolicy *b, const PdDiffOptions *options, FILE *out);
