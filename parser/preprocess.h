/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_PREPROCESS_H
#define VIGIL_PARSER_PREPROCESS_H

#include <stdio.h>

#include "parser/source.h"

/*
 * -p: write the policy text with every include directive replaced by the
 * included file(s), each announced by a "##included <name>" line, byte
 * for byte as apparmor_parser -p writes it. A file is inlined once per
 * block (top level, profile or hat body), which also stops include cycles.
 */
int preprocess_file(struct source_cache *c, const char *path, FILE *out);

/*
 * The same, stopping after the word at stop (the place of the first error
 * in refused input), as apparmor_parser -p stops echoing its input when
 * it meets the error. Returns -EBADMSG when it stopped there.
 */
int preprocess_file_until(struct source_cache *c, const char *path, FILE *out,
			  const struct loc *stop);

#endif
