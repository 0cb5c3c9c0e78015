/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_DIAG_H
#define VIGIL_PARSER_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "parser/source.h"

/*
 * Diagnostics in the compiler style: "file:line:col: error: message",
 * then the source line and a caret, preceded by the include chain.
 */
struct diag {
	FILE *out;
	unsigned errors;
	unsigned warnings;
	bool quiet; /* -q: suppress warnings */
	bool show_warnings;
};

void diag_error(struct diag *d, const struct loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warning(struct diag *d, const struct loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
