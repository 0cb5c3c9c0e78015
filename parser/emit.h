/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_EMIT_H
#define VIGIL_PARSER_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "parser/features.h"
#include "parser/policy.h"

/*
 * The binary policy stream (spec §1) for a checked policy: one profile
 * record per profile, child and hat, in apparmor_parser's order.
 */
struct emit_buffer {
	uint8_t *data;
	size_t size, cap;
};

void emit_buffer_release(struct emit_buffer *b);

struct emit_options {
	bool force_complain; /* -C */
};

/*
 * Append the stream for pol to out. Rules the compiler cannot encode yet
 * (for features with af_unix: unix rules and network rules on the unix
 * family) are refused with a message on err and -EOPNOTSUPP: never
 * weaker policy. -ENOEXEC, with apparmor_parser 3.0.8's message, for a
 * mount rule that parser fails to encode too; -EINVAL for rules the DFA
 * compiler rejects, -ENOMEM.
 */
int emit_policy(const struct policy *pol, const struct features *features,
		const struct emit_options *options, struct emit_buffer *out, FILE *err);

#endif
