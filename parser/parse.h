/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_PARSE_H
#define VIGIL_PARSER_PARSE_H

#include "parser/diag.h"
#include "parser/policy.h"
#include "parser/source.h"

/*
 * Parse one top-level policy file (and everything it includes) into pol.
 * Stops at the first syntax error, like apparmor_parser, and returns
 * -EINVAL after reporting it.
 */
int parse_policy_source(struct policy *pol, struct source_cache *sources, struct diag *diag,
			const struct source *src);

/* Decode a file mode word ("rw", "Pix", "ux"...). Returns -EINVAL and a message. */
int parse_file_mode(const char *text, bool deny, uint32_t *perms, enum exec_mode *exec, bool *clean,
		    const char **error);

#endif
