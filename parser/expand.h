/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_EXPAND_H
#define VIGIL_PARSER_EXPAND_H

#include "parser/diag.h"
#include "parser/policy.h"

/*
 * Replace every @{VAR} in text (recursively) and store the result in the
 * policy arena. @{profile_name} is built in. Errors are reported at loc.
 */
int expand_variables(const struct policy *pol, struct diag *diag, const struct loc *loc,
		     const char *profile_name, const char *text, char **ret);

/* Check that a glob's alternations and character classes are well formed. */
int aare_check(const char *glob, const char **error);

#endif
