// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "parser/diag.h"

static void print_include_chain(FILE *out, const struct loc *loc)
{
	if (!loc)
		return;
	print_include_chain(out, loc->included_from);
	fprintf(out, "In file included from %s:%u:%u:\n", loc->src->name, loc->line, loc->col);
}

/*
 * Quote the offending line; binary garbage is shown escaped, and a long
 * line is cut to a window around the column so the caret stays visible.
 */
static void print_source_line(FILE *out, const struct loc *loc)
{
	const char *data = loc->src->data, *end = data + loc->src->len, *p = data;
	const unsigned width = 160;
	unsigned line = 1, first_col = 1, col;

	while (p < end && line < loc->line) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			return;
		p = nl + 1;
		line++;
	}
	if (line != loc->line || p > end)
		return;
	if (loc->col > width / 2)
		first_col = loc->col - width / 2;
	for (col = 1; col < first_col && p < end && *p != '\n'; col++)
		p++;
	fputs("    ", out);
	for (const char *q = p; q < end && *q != '\n' && (unsigned)(q - p) < width; q++) {
		unsigned char ch = (unsigned char)*q;

		fputc(ch == '\t' || (ch >= 0x20 && ch < 0x7f) ? ch : '?', out);
	}
	fputs("\n    ", out);
	for (const char *q = p; q < end && *q != '\n' && col < loc->col; q++, col++)
		fputc(*q == '\t' ? '\t' : ' ', out);
	fputs("^\n", out);
}

static void diag_emit(struct diag *d, const char *kind, const struct loc *loc, const char *fmt,
		      va_list ap)
{
	FILE *out = d->out ? d->out : stderr;

	if (loc && loc->src) {
		print_include_chain(out, loc->included_from);
		fprintf(out, "%s:%u:%u: %s: ", loc->src->name, loc->line, loc->col, kind);
	} else {
		fprintf(out, "apparmor_parser: %s: ", kind);
	}
	vfprintf(out, fmt, ap);
	fputc('\n', out);
	if (loc && loc->src)
		print_source_line(out, loc);
}

void diag_error(struct diag *d, const struct loc *loc, const char *fmt, ...)
{
	va_list ap;

	d->errors++;
	if (!d->after_parse) {
		d->parse_errors++;
		if (loc && !d->first_error.src)
			d->first_error = *loc;
	}
	va_start(ap, fmt);
	diag_emit(d, "error", loc, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag *d, const struct loc *loc, const char *fmt, ...)
{
	va_list ap;

	d->warnings++;
	if (d->quiet || !d->show_warnings)
		return;
	va_start(ap, fmt);
	diag_emit(d, "warning", loc, fmt, ap);
	va_end(ap);
}

bool diag_classes_option(struct diag_classes *c, const char *name, bool werror)
{
	static const struct {
		const char *name;
		unsigned bits;
	} classes[] = {
	    {"rule-not-enforced", DIAG_W_RULE_NOT_ENFORCED},
	    {"rule-downgraded", DIAG_W_RULE_DOWNGRADED},
	    {"deprecated", DIAG_W_DEPRECATED},
	    {"dangerous", DIAG_W_DANGEROUS},
	    {"dev", DIAG_W_ALL},
	    {"all", DIAG_W_ALL},
	    /* apparmor_parser's other classes: nothing the front end says belongs to them */
	    {"abi", 0},
	    {"config", 0},
	    {"cache", 0},
	    {"debug-cache", 0},
	    {"jobs", 0},
	    {"unexpected", 0},
	    {"format", 0},
	    {"missing", 0},
	    {"override", 0},
	    {"show", 0},
	};
	unsigned *set = werror ? &c->werror : &c->warn;
	bool negate = false;

	if (!name) {
		*set = DIAG_W_ALL;
		return true;
	}
	if (strncmp(name, "no-", 3) == 0) {
		negate = true;
		name += 3;
	}
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strcmp(name, classes[i].name) != 0)
			continue;
		if (negate)
			*set &= ~classes[i].bits;
		else
			*set |= classes[i].bits;
		return true;
	}
	return false;
}

void diag_class_warning(struct diag *d, unsigned cls, const char *where, const char *fmt, ...)
{
	bool error = d->classes.werror & cls;
	va_list ap;

	if (error)
		d->errors++;
	else
		d->warnings++;
	/* an error still counts when its class is not shown */
	if (!(d->classes.warn & cls) || d->quiet)
		return;
	fprintf(d->out, "Warning %sfrom %s: ", error ? "converted to Error " : "", where);
	va_start(ap, fmt);
	vfprintf(d->out, fmt, ap);
	va_end(ap);
	fputc('\n', d->out);
}
