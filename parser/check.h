/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_CHECK_H
#define VIGIL_PARSER_CHECK_H

#include "parser/diag.h"
#include "parser/features.h"
#include "parser/policy.h"

/*
 * The semantic pass: expands variables in place, validates globs, flags,
 * names and rule conditions. features may be NULL (no kernel knowledge).
 * Returns -EINVAL if anything was reported as an error.
 */
int check_policy(struct policy *pol, struct diag *diag, const struct features *features);

#endif
