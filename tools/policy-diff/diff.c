// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parser/compile/equiv.h"
#include "tools/policy-diff/describe.h"
#include "tools/policy-diff/diff.h"

typedef struct Context {
	const PdDiffOptions *options;
	FILE *out;
	const PdProfile *a, *b;
	unsigned n_differences; /* within the current pair */
} Context;

static void profile_title(FILE *out, const PdProfile *p)
{
	if (p->ns)
		fprintf(out, ":%s:", p->ns);
	fprintf(out, "%s", p->name);
}

/* The first line about a difference of the current pair. */
static void difference(Context *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void difference(Context *c, const char *fmt, ...)
{
	va_list ap;

	c->n_differences++;
	if (c->options->quiet)
		return;
	fprintf(c->out, "profile ");
	profile_title(c->out, c->a);
	fprintf(c->out, ": ");
	va_start(ap, fmt);
	vfprintf(c->out, fmt, ap);
	va_end(ap);
	fputc('\n', c->out);
}

static void side_u32(Context *c, const char *what, uint32_t va, uint32_t vb)
{
	if (va != vb)
		difference(c, "%s differs: %s %#x, %s %#x", what, c->options->label_a, va,
			   c->options->label_b, vb);
}

static const char *mode_name(uint32_t mode)
{
	static const char *const names[] = {"enforce", "complain", "kill", "unconfined", "user"};

	return mode < sizeof(names) / sizeof(names[0]) ? names[mode] : "invalid";
}

static void print_caps(FILE *out, uint64_t set)
{
	bool first = true;

	for (unsigned i = 0; i < 64; i++)
		if (set & (UINT64_C(1) << i)) {
			fprintf(out, "%s%u", first ? "" : " ", i);
			first = false;
		}
	if (first)
		fprintf(out, "-");
}

static void compare_caps(Context *c, const char *what, uint64_t va, uint64_t vb)
{
	if (va == vb)
		return;
	difference(c, "capabilities (%s) differ", what);
	if (c->options->quiet)
		return;
	fprintf(c->out, "  only in %s: ", c->options->label_a);
	print_caps(c->out, va & ~vb);
	fprintf(c->out, "\n  only in %s: ", c->options->label_b);
	print_caps(c->out, vb & ~va);
	fprintf(c->out, "   (numbers as in linux/capability.h)\n");
}

static void compare_header(Context *c)
{
	const PdProfile *a = c->a, *b = c->b;
	uint32_t pa = a->has_path_flags ? a->path_flags : 0x20000u; /* kernel default, spec §1.5 */
	uint32_t pb = b->has_path_flags ? b->path_flags : 0x20000u;

	if (a->mode != b->mode)
		difference(c, "mode differs: %s %s, %s %s", c->options->label_a, mode_name(a->mode),
			   c->options->label_b, mode_name(b->mode));
	side_u32(c, "hat flag", a->hat_flags, b->hat_flags);
	side_u32(c, "audit flag", a->audit, b->audit);
	side_u32(c, "path_flags", pa, pb);
	compare_caps(c, "allow", a->caps_allow, b->caps_allow);
	compare_caps(c, "audit", a->caps_audit, b->caps_audit);
	compare_caps(c, "quiet", a->caps_quiet, b->caps_quiet);
	if (a->has_rlimits != b->has_rlimits || a->rlimit_mask != b->rlimit_mask)
		difference(c, "rlimits set differ: %s mask %#x, %s mask %#x", c->options->label_a,
			   a->has_rlimits ? a->rlimit_mask : 0, c->options->label_b,
			   b->has_rlimits ? b->rlimit_mask : 0);
	else
		for (unsigned i = 0; i < 16; i++)
			if ((a->rlimit_mask & (1u << i)) && a->rlimits[i] != b->rlimits[i])
				difference(c,
					   "rlimit %u differs: %s %llu, %s %llu (resource "
					   "number as in sys/resource.h)",
					   i, c->options->label_a,
					   (unsigned long long)a->rlimits[i], c->options->label_b,
					   (unsigned long long)b->rlimits[i]);
	if (a->has_xmatch && b->has_xmatch && a->xmatch_len != b->xmatch_len)
		difference(c, "attachment xmatch_len differs: %s %u, %s %u", c->options->label_a,
			   a->xmatch_len, c->options->label_b, b->xmatch_len);
}

static bool in_table(char *const *table, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(table[i], name) == 0)
			return true;
	return false;
}

static void compare_xtables(Context *c)
{
	const PdPdb *a = &c->a->file, *b = &c->b->file;

	for (size_t i = 0; i < a->n_xtable; i++)
		if (!in_table(b->xtable, b->n_xtable, a->xtable[i]))
			difference(c, "exec target \"%s\" only in %s's xtable", a->xtable[i],
				   c->options->label_a);
	for (size_t i = 0; i < b->n_xtable; i++)
		if (!in_table(a->xtable, a->n_xtable, b->xtable[i]))
			difference(c, "exec target \"%s\" only in %s's xtable", b->xtable[i],
				   c->options->label_b);
}

static void describe_side(Context *c, const char *label, const VcKernelPerms *owner,
			  const VcKernelPerms *other, PdDfaKind kind, int cls, const PdPdb *pdb)
{
	fprintf(c->out, "  %s: ", label);
	if (kind == PD_DFA_POLICYDB) {
		/* the kernel reads a policydb state's owner half only */
		pd_describe_record(c->out, owner, kind, cls, NULL, 0);
		fputc('\n', c->out);
		return;
	}
	if (!vc_kernel_perms_equal(owner, other)) {
		fprintf(c->out, "owner ");
		pd_describe_record(c->out, owner, kind, cls, pdb->xtable, pdb->n_xtable);
		fprintf(c->out, "; other ");
	}
	pd_describe_record(c->out, other, kind, cls, pdb->xtable, pdb->n_xtable);
	fputc('\n', c->out);
}

/* The words can hide a field (kill, subtree...): name each that differs. */
static void print_raw_fields(Context *c, const char *half, const VcKernelPerms *a,
			     const VcKernelPerms *b)
{
	static const char *const names[] = {"allow",	"deny",	  "subtree", "cond",  "kill",
					    "complain", "prompt", "audit",   "quiet", "hide",
					    "xindex",	"tag",	  "label"};
	uint32_t fa[sizeof(names) / sizeof(names[0])], fb[sizeof(fa) / sizeof(fa[0])];

	_Static_assert(sizeof(fa) == sizeof(*a), "one name per field of the record");
	memcpy(fa, a, sizeof(fa));
	memcpy(fb, b, sizeof(fb));
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (fa[i] != fb[i])
			fprintf(c->out, "  %s %s: %s %#x, %s %#x\n", half, names[i],
				c->options->label_a, fa[i], c->options->label_b, fb[i]);
}

static int compare_dfa(Context *c, const char *what, PdDfaKind kind, const PdPdb *a, const PdPdb *b)
{
	VcDifference d = {};
	int r;

	if (!a->has_dfa || !b->has_dfa) {
		if (a->has_dfa != b->has_dfa)
			difference(c, "%s DFA only in %s", what,
				   a->has_dfa ? c->options->label_a : c->options->label_b);
		return 0;
	}
	r = vc_dfa_equivalent(&a->dfa, &b->dfa, &d);
	if (r < 0)
		return r;
	if (r == 1)
		return 0;
	difference(c, "%s rules differ", what);
	if (!c->options->quiet) {
		int cls = kind == PD_DFA_POLICYDB && d.witness_len > 0 ? d.witness[0] : -1;

		fprintf(c->out, "  shortest input where they differ: ");
		pd_print_escaped(c->out, d.witness, d.witness_len);
		fputc('\n', c->out);
		describe_side(c, c->options->label_a, &d.a_owner, &d.a_other, kind, cls, a);
		describe_side(c, c->options->label_b, &d.b_owner, &d.b_other, kind, cls, b);
		print_raw_fields(c, "owner", &d.a_owner, &d.b_owner);
		print_raw_fields(c, "other", &d.a_other, &d.b_other);
	}
	vc_difference_done(&d);
	return 0;
}

static bool same_ns(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

static const PdProfile *find(const PdPolicy *pol, const PdProfile *like)
{
	for (size_t i = 0; i < pol->n_profiles; i++)
		if (strcmp(pol->profiles[i].name, like->name) == 0 &&
		    same_ns(pol->profiles[i].ns, like->ns))
			return &pol->profiles[i];
	return NULL;
}

static int compare_pair(Context *c)
{
	int r;

	c->n_differences = 0;
	compare_header(c);
	compare_xtables(c);
	r = compare_dfa(c, "attachment (xmatch)", PD_DFA_XMATCH, &c->a->xmatch, &c->b->xmatch);
	if (r >= 0)
		r = compare_dfa(c, "policydb (non-file)", PD_DFA_POLICYDB, &c->a->policydb,
				&c->b->policydb);
	if (r >= 0)
		r = compare_dfa(c, "file", PD_DFA_FILE, &c->a->file, &c->b->file);
	if (r < 0)
		return r;
	if (c->options->quiet || c->n_differences == 0) {
		fprintf(c->out, "profile ");
		profile_title(c->out, c->a);
		fprintf(c->out, ": %s\n", c->n_differences ? "differs" : "equivalent");
	}
	return c->n_differences ? 1 : 0;
}

static void only_in(FILE *out, const PdProfile *p, const char *label)
{
	fprintf(out, "profile ");
	profile_title(out, p);
	fprintf(out, ": only in %s\n", label);
}

int pd_diff(const PdPolicy *a, const PdPolicy *b, const PdDiffOptions *options, FILE *out)
{
	Context c = {.options = options, .out = out};
	int result = 0, r;

	for (size_t i = 0; i < a->n_profiles; i++) {
		c.a = &a->profiles[i];
		c.b = find(b, c.a);
		if (!c.b) {
			only_in(out, c.a, options->label_a);
			result = 1;
			continue;
		}
		r = compare_pair(&c);
		if (r < 0)
			return r;
		result |= r;
	}
	for (size_t i = 0; i < b->n_profiles; i++)
		if (!find(a, &b->profiles[i])) {
			only_in(out, &b->profiles[i], options->label_b);
			result = 1;
		}
	return result;
}
