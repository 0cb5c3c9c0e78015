// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <stdbool.h>

#include "tools/policy-diff/describe.h"

typedef struct BitName {
	uint32_t bit;
	const char *name;
} BitName;

/* What apparmor_parser's letters become (spec §3.8), one word per bit. */
static const BitName file_bits[] = {
    {0x4, "r"},
    {0x2, "w"},
    {0x8, "a"},
    {0x40000, "l"},
    {0x8000, "k"},
    {0x10000, "m"},
    {0x10, "create"},
    {0x20, "delete"},
    {0x40, "open"},
    {0x80, "rename"},
    {0x100, "setattr"},
    {0x200, "getattr"},
    {0x1000, "chmod"},
    {0x2000, "chown"},
    {0x4000, "chgrp"},
    {0x20000, "mprot"},
    {0x80000, "snapshot"},
    {0x20000000, "onexec"},
    {0x40000000, "change_profile"},
    {0x80000000, "change_hat"},
};

/* The bits "w" and "r" imply (spec §3.8): not repeated when the letter is there. */
#define IMPLIED_BY_WRITE 0x31f0u /* create delete open rename setattr getattr chmod chown */
#define IMPLIED_BY_READ	 0x240u	 /* open getattr */

/* Policydb classes (spec §3.11) by their first byte. */
static const BitName signal_bits[] = {{0x2, "send"}, {0x4, "receive"}};
static const BitName ptrace_bits[] = {
    {0x2, "trace"}, {0x4, "read"}, {0x8, "tracedby"}, {0x10, "readby"}};
static const BitName net_bits[] = {
    {0x2, "send"},	{0x4, "receive"},     {0x10, "create"},	     {0x20, "shutdown"},
    {0x40, "connect"},	{0x100, "setattr"},   {0x200, "getattr"},    {0x100000, "accept"},
    {0x200000, "bind"}, {0x400000, "listen"}, {0x1000000, "setopt"}, {0x2000000, "getopt"},
};
static const BitName mount_bits[] = {
    {0x1, "pivot_root"}, {0x2, "mount"}, {0x4, "umount"}, {0x40, "data-match"}};
static const BitName generic_bits[] = {{0x4, "mediated"}};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void class_names(int cls, const BitName **names, size_t *n)
{
	switch (cls) {
	case 7:
		*names = mount_bits, *n = N(mount_bits);
		break;
	case 9:
		*names = ptrace_bits, *n = N(ptrace_bits);
		break;
	case 10:
		*names = signal_bits, *n = N(signal_bits);
		break;
	case 14:
	case 1:
		*names = net_bits, *n = N(net_bits);
		break;
	default:
		*names = generic_bits, *n = N(generic_bits);
		break;
	}
}

static void word(FILE *out, bool *first, const char *w)
{
	fprintf(out, "%s%s", *first ? "" : " ", w);
	*first = false;
}

/* "ix", "px", "Cx -> name"...: the exec mode of an xindex (spec §3.7). */
static void exec_mode(FILE *out, bool *first, uint32_t x, char *const *xtable, size_t n_xtable)
{
	uint32_t type = x & 0x0c000000u, index = x & 0x00ffffffu;
	bool unsafe = x & VC_AA_X_UNSAFE, inherit = x & VC_AA_X_INHERIT,
	     unconfined = x & VC_AA_X_UNCONFINED, child = x & VC_AA_X_CHILD;
	char mode[8];
	size_t n = 0;

	if (type == 0) {
		word(out, first, inherit ? "ix" : unconfined ? (unsafe ? "ux" : "Ux") : "x");
		return;
	}
	mode[n++] = child ? (unsafe ? 'c' : 'C') : (unsafe ? 'p' : 'P');
	if (inherit)
		mode[n++] = 'i';
	if (unconfined)
		mode[n++] = unsafe ? 'u' : 'U';
	mode[n++] = 'x';
	mode[n] = '\0';
	word(out, first, mode);
	if (type == VC_AA_X_TABLE) {
		fprintf(out, " -> ");
		if (index < n_xtable)
			fprintf(out, "%s", xtable[index]);
		else
			fprintf(out, "(xtable entry %u, missing)", index);
	}
}

void pd_describe_bits(FILE *out, uint32_t bits, const VcKernelPerms *rec, PdDfaKind kind,
		      int policydb_class, char *const *xtable, size_t n_xtable)
{
	const BitName *names = file_bits;
	size_t n = N(file_bits);
	uint32_t rest = bits;
	bool first = true;

	if (kind == PD_DFA_XMATCH) {
		/* an attachment state: any allow bit means "this profile attaches" */
		fprintf(out, "%s", bits ? "attaches" : "-");
		return;
	}
	if (kind == PD_DFA_FILE) {
		if (bits & 0x2)
			rest &= ~(IMPLIED_BY_WRITE | 0x8u);
		if (bits & 0x4)
			rest &= ~IMPLIED_BY_READ;
		/*
		 * The 6.12 kernel grants getattr in every state of an old-format
		 * file DFA (its remap adds it), so it says nothing about a rule.
		 */
		rest &= ~0x200u;
		if ((bits & 0x1) && rec) {
			exec_mode(out, &first, rec->xindex, xtable, n_xtable);
			rest &= ~0x1u;
		}
	} else {
		class_names(policydb_class, &names, &n);
		/* the same remap filler, except where getattr is a network permission */
		if (policydb_class != 14)
			rest &= ~0x200u;
	}
	for (size_t i = 0; i < n; i++)
		if (rest & names[i].bit) {
			word(out, &first, names[i].name);
			rest &= ~names[i].bit;
		}
	if (kind == PD_DFA_FILE && (rest & 0x1)) {
		word(out, &first, "x");
		rest &= ~0x1u;
	}
	if (rest) {
		char other[16];

		snprintf(other, sizeof(other), "%#x", rest);
		word(out, &first, other);
	}
	if (first)
		fprintf(out, "-");
}

void pd_describe_record(FILE *out, const VcKernelPerms *rec, PdDfaKind kind, int policydb_class,
			char *const *xtable, size_t n_xtable)
{
	pd_describe_bits(out, rec->allow, rec, kind, policydb_class, xtable, n_xtable);
	if (kind == PD_DFA_XMATCH)
		return;
	if (rec->deny) {
		fprintf(out, " (deny ");
		pd_describe_bits(out, rec->deny, NULL, kind, policydb_class, NULL, 0);
		fprintf(out, ")");
	}
	if (rec->audit) {
		fprintf(out, " (audit ");
		pd_describe_bits(out, rec->audit, NULL, kind, policydb_class, NULL, 0);
		fprintf(out, ")");
	}
	if (rec->quiet) {
		fprintf(out, " (quiet ");
		pd_describe_bits(out, rec->quiet, NULL, kind, policydb_class, NULL, 0);
		fprintf(out, ")");
	}
}

void pd_print_escaped(FILE *out, const uint8_t *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\')
			fputc(s[i], out);
		else
			fprintf(out, "\\x%02x", s[i]);
	}
	fputc('"', out);
}
