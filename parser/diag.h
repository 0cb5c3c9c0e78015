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
/* apparmor_parser's --warn / --Werror classes that the front end knows */
enum {
	DIAG_W_RULE_NOT_ENFORCED = 1u << 0,
	DIAG_W_RULE_DOWNGRADED = 1u << 1,
	DIAG_W_DEPRECATED = 1u << 2,
	DIAG_W_DANGEROUS = 1u << 3,
	DIAG_W_ALL = (1u << 4) - 1,
};

struct diag_classes {
	unsigned warn;	 /* classes reported */
	unsigned werror; /* classes turned into errors */
};

struct diag {
	FILE *out;
	unsigned errors;
	unsigned warnings;
	/* where the first error since first_error.src was cleared is, if it had a place */
	struct loc first_error;
	/*
	 * Set while checking what apparmor_parser only checks once the
	 * whole file is parsed (variables, patterns, merged rules): its -p
	 * never reports those. parse_errors counts the others.
	 */
	bool after_parse;
	unsigned parse_errors;
	bool quiet; /* -q: suppress warnings */
	bool show_warnings;
	struct diag_classes classes;
};

/*
 * Apply one --warn=NAME (werror false) or --Werror[=NAME] (NAME may be
 * NULL: every class) option. Every class apparmor_parser 3.0.8 knows is
 * accepted, those the front end never reports included; false for a
 * name it does not know.
 */
bool diag_classes_option(struct diag_classes *c, const char *name, bool werror);

/*
 * A warning of one --warn class in apparmor_parser's own words: "Warning
 * from <where>: <message>", or "Warning converted to Error from ..." (and
 * counted as an error, shown or not) under --Werror for the class. Only
 * classes enabled by --warn are shown, and -q shows nothing.
 */
void diag_class_warning(struct diag *d, unsigned cls, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

void diag_error(struct diag *d, const struct loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warning(struct diag *d, const struct loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
