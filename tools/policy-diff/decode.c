// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/policy-diff/decode.h"
#include "parser/compile/stream.h"

/* A perms table record on the wire: a leading reserved word, then the 13 fields. */
#define PERMS_RECORD_WORDS 14

typedef struct Reader {
	const uint8_t *base, *p, *end;
	const uint8_t *record; /* DFA padding is relative to the record's start */
	char *err;
	size_t err_size;
} Reader;

static int fail(Reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(Reader *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!r->err || r->err_size == 0)
		return -EPROTO;
	n = snprintf(r->err, r->err_size, "offset %zu: ", (size_t)(r->p - r->base));
	if (n >= 0 && (size_t)n < r->err_size) {
		va_start(ap, fmt);
		vsnprintf(r->err + n, r->err_size - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -EPROTO;
}

static size_t left(const Reader *r)
{
	return (size_t)(r->end - r->p);
}

static uint64_t le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = n; i > 0; i--)
		v = v << 8 | p[i - 1];
	return v;
}

/* Is there a NAME element equal to name at p? (nothing consumed) */
static bool at_name(const Reader *r, const char *name)
{
	size_t len = strlen(name) + 1;

	return left(r) >= 3 + len && r->p[0] == VC_T_NAME && le(r->p + 1, 2) == len &&
	       memcmp(r->p + 3, name, len) == 0;
}

static int take_name(Reader *r, const char *name)
{
	if (!at_name(r, name))
		return fail(r, "expected the element \"%s\"", name);
	r->p += 3 + strlen(name) + 1;
	return 0;
}

/* The kernel skips any name in front of an element it reads unnamed. */
static int skip_any_name(Reader *r)
{
	size_t len;

	if (left(r) < 1 || r->p[0] != VC_T_NAME)
		return 0;
	if (left(r) < 3 || left(r) - 3 < (len = le(r->p + 1, 2)))
		return fail(r, "truncated name");
	r->p += 3 + len;
	return 0;
}

static int take_code(Reader *r, uint8_t code, const char *what)
{
	if (left(r) < 1 || r->p[0] != code)
		return fail(r, "expected %s", what);
	r->p++;
	return 0;
}

static int read_int(Reader *r, uint8_t code, size_t width, uint64_t *ret)
{
	int q = skip_any_name(r);

	if (q < 0)
		return q;
	if (left(r) < 1 + width || r->p[0] != code)
		return fail(r, "expected a %zu-bit integer", width * 8);
	*ret = le(r->p + 1, width);
	r->p += 1 + width;
	return 0;
}

static int read_u32(Reader *r, uint32_t *ret)
{
	uint64_t v = 0;
	int q = read_int(r, VC_T_U32, 4, &v);

	*ret = (uint32_t)v;
	return q;
}

/* A STRING: non-empty and NUL-terminated; internal NULs are kept out of the copy. */
static int read_string(Reader *r, char **ret, size_t *ret_len)
{
	size_t len;
	int q = skip_any_name(r);

	if (q < 0)
		return q;
	if (left(r) < 3 || r->p[0] != VC_T_STRING)
		return fail(r, "expected a string");
	len = le(r->p + 1, 2);
	if (len < 1 || left(r) - 3 < len || r->p[3 + len - 1] != 0)
		return fail(r, "malformed string (length %zu)", len);
	*ret = malloc(len);
	if (!*ret)
		return -ENOMEM;
	memcpy(*ret, r->p + 3, len);
	if (ret_len)
		*ret_len = len - 1;
	r->p += 3 + len;
	return 0;
}

static int read_blob(Reader *r, const uint8_t **ret, size_t *ret_size)
{
	size_t len;

	if (left(r) < 5 || r->p[0] != VC_T_BLOB)
		return fail(r, "expected a blob");
	len = le(r->p + 1, 4);
	if (left(r) - 5 < len)
		return fail(r, "blob of %zu bytes runs past the end", len);
	*ret = r->p + 5;
	*ret_size = len;
	r->p += 5 + len;
	return 0;
}

static void pdb_done(PdPdb *pdb)
{
	vc_decoded_dfa_done(&pdb->dfa);
	free(pdb->xtable);
	*pdb = (PdPdb){};
}

static int read_perms_table(Reader *r, VcKernelPerms **ret, size_t *ret_n)
{
	uint32_t version;
	size_t n;
	int q;

	if ((q = take_name(r, "perms")) < 0 || (q = take_code(r, VC_T_STRUCT, "a struct")) < 0 ||
	    (q = take_name(r, "version")) < 0 || (q = read_u32(r, &version)) < 0)
		return q;
	if (version != 1)
		return fail(r, "perms table version %u, expected 1", version);
	if (left(r) < 3 || r->p[0] != VC_T_ARRAY)
		return fail(r, "expected the perms array");
	n = le(r->p + 1, 2);
	r->p += 3;
	if (left(r) / (5 * PERMS_RECORD_WORDS) < n)
		return fail(r, "perms table of %zu records runs past the end", n);
	*ret = calloc(n ? n : 1, sizeof(**ret));
	if (!*ret)
		return -ENOMEM;
	*ret_n = n;
	for (size_t i = 0; i < n; i++) {
		uint32_t w[PERMS_RECORD_WORDS];

		for (size_t k = 0; k < PERMS_RECORD_WORDS; k++)
			if ((q = read_u32(r, &w[k])) < 0)
				return q;
		(*ret)[i] = (VcKernelPerms){w[1], w[2], w[3],  w[4],  w[5],  w[6], w[7],
					    w[8], w[9], w[10], w[11], w[12], w[13]};
	}
	if ((q = take_code(r, VC_T_ARRAYEND, "the end of the perms array")) < 0)
		return q;
	return take_code(r, VC_T_STRUCTEND, "the end of the perms struct");
}

static int read_xtable(Reader *r, PdPdb *pdb)
{
	int n;

	n = vc_policy_read_xtable(r->p, r->end, &pdb->xtable);
	if (n <= 0)
		return fail(r, "malformed xtable");
	pdb->n_xtable = (size_t)n;
	/* NAME "xtable" STRUCT ARRAY n { STRING } ARRAYEND STRUCTEND, checked by the reader */
	r->p += 3 + strlen("xtable") + 1 + 1 + 3;
	for (int i = 0; i < n; i++) {
		if (left(r) < 3)
			return fail(r, "truncated xtable");
		if (left(r) - 3 < le(r->p + 1, 2))
			return fail(r, "truncated xtable entry");
		r->p += 3 + le(r->p + 1, 2);
	}
	if (take_code(r, VC_T_ARRAYEND, "the end of the xtable") < 0 ||
	    take_code(r, VC_T_STRUCTEND, "the end of the xtable struct") < 0)
		return -EPROTO;
	return 0;
}

/* Spec §1.9: [perms] [aadfa] [start] [dfa_start] [xtable]. */
static int read_pdb(Reader *r, PdPdb *pdb, const char *what)
{
	VcKernelPerms *perms = NULL;
	size_t n_perms = 0;
	int q = 0;

	*pdb = (PdPdb){};
	if (at_name(r, "perms"))
		q = read_perms_table(r, &perms, &n_perms);
	if (q >= 0 && at_name(r, "aadfa")) {
		const uint8_t *blob = NULL;
		size_t size = 0, pad;

		q = take_name(r, "aadfa");
		if (q >= 0)
			q = read_blob(r, &blob, &size);
		if (q >= 0) {
			/* zero padding to 8-byte alignment from the record's start */
			pad = (8 - (size_t)(blob - r->record) % 8) % 8;
			if (pad > size)
				q = fail(r, "%s DFA blob shorter than its padding", what);
		}
		if (q >= 0) {
			q = vc_dfa_decode_blob(blob + pad, size - pad, perms, n_perms, &pdb->dfa);
			if (q == -EPROTO)
				q = fail(r, "the %s DFA is malformed (the kernel would reject it)",
					 what);
			pdb->has_dfa = q >= 0;
		}
	}
	free(perms);
	for (const char *name = "start"; q >= 0 && name; name = name[0] == 's' ? "dfa_start" : NULL)
		if (at_name(r, name)) {
			uint32_t start;

			q = take_name(r, name);
			if (q >= 0)
				q = read_u32(r, &start);
			if (q >= 0 && (!pdb->has_dfa || start >= pdb->dfa.n_states))
				q = fail(r, "invalid %s DFA start state %u", what, start);
			if (q >= 0)
				pdb->dfa.start = start;
		}
	if (q >= 0 && at_name(r, "xtable"))
		q = read_xtable(r, pdb);
	pdb->dfa.xtable = pdb->xtable;
	pdb->dfa.n_xtable = pdb->n_xtable;
	return q;
}

static void profile_done(PdProfile *p)
{
	free(p->ns);
	free(p->name);
	pdb_done(&p->xmatch);
	pdb_done(&p->policydb);
	pdb_done(&p->file);
	*p = (PdProfile){};
}

/* ":ns:name" in the record name: the namespace goes to p->ns. */
static int split_name(Reader *r, PdProfile *p, char *full)
{
	char *end;

	if (full[0] != ':') {
		p->name = full;
		return 0;
	}
	end = strchr(full + 1, ':');
	if (!end || !end[1]) {
		free(full);
		return fail(r, "malformed namespace in a profile name");
	}
	free(p->ns);
	p->ns = strndup(full + 1, (size_t)(end - full - 1));
	p->name = strdup(end + 1);
	free(full);
	return p->ns && p->name ? 0 : -ENOMEM;
}

static int read_caps(Reader *r, PdProfile *p)
{
	uint32_t low[4], high[4] = {};
	int q = 0;

	for (int i = 0; i < 4 && q >= 0; i++)
		q = read_u32(r, &low[i]);
	if (q >= 0 && at_name(r, "caps64")) {
		q = take_name(r, "caps64");
		if (q >= 0)
			q = take_code(r, VC_T_STRUCT, "a struct");
		for (int i = 0; i < 4 && q >= 0; i++)
			q = read_u32(r, &high[i]);
		if (q >= 0)
			q = take_code(r, VC_T_STRUCTEND, "the end of caps64");
	}
	p->caps_allow = (uint64_t)high[0] << 32 | low[0];
	p->caps_audit = (uint64_t)high[1] << 32 | low[1];
	p->caps_quiet = (uint64_t)high[2] << 32 | low[2];
	return q;
}

static int read_rlimits(Reader *r, PdProfile *p)
{
	size_t n;
	int q;

	p->has_rlimits = true;
	if ((q = take_name(r, "rlimits")) < 0 || (q = take_code(r, VC_T_STRUCT, "a struct")) < 0 ||
	    (q = read_u32(r, &p->rlimit_mask)) < 0)
		return q;
	if (left(r) < 3 || r->p[0] != VC_T_ARRAY)
		return fail(r, "expected the rlimits array");
	n = le(r->p + 1, 2);
	r->p += 3;
	if (n > 16)
		return fail(r, "%zu rlimits, at most 16 exist", n);
	for (size_t i = 0; i < n; i++)
		if ((q = read_int(r, VC_T_U64, 8, &p->rlimits[i])) < 0)
			return q;
	if ((q = take_code(r, VC_T_ARRAYEND, "the end of the rlimits")) < 0)
		return q;
	return take_code(r, VC_T_STRUCTEND, "the end of the rlimits struct");
}

/* Skip an optional STRUCT we do not compare (xattrs, capsx, secmark, data). */
static int skip_struct(Reader *r, const char *name)
{
	unsigned depth = 0;
	int q = take_name(r, name);

	while (q >= 0) {
		uint8_t code;
		size_t len;

		if (left(r) < 1)
			return fail(r, "unterminated \"%s\"", name);
		code = *r->p++;
		switch (code) {
		case VC_T_STRUCT:
			depth++;
			break;
		case VC_T_STRUCTEND:
			if (--depth == 0)
				return 0;
			break;
		case VC_T_U8:
		case VC_T_U16:
		case VC_T_U32:
		case VC_T_U64:
			len = code == VC_T_U8 ? 1 : code == VC_T_U16 ? 2 : code == VC_T_U32 ? 4 : 8;
			if (left(r) < len)
				return fail(r, "truncated \"%s\"", name);
			r->p += len;
			break;
		case VC_T_NAME:
		case VC_T_STRING:
		case VC_T_BLOB:
		case VC_T_ARRAY:
			len = code == VC_T_BLOB ? 4 : 2;
			if (left(r) < len)
				return fail(r, "truncated \"%s\"", name);
			if (code != VC_T_ARRAY) {
				size_t n = le(r->p, len);

				if (left(r) - len < n)
					return fail(r, "truncated \"%s\"", name);
				r->p += n;
			}
			r->p += len;
			break;
		case VC_T_ARRAYEND:
			break;
		default:
			return fail(r, "unknown element type %u in \"%s\"", code, name);
		}
	}
	return q;
}

static int read_profile(Reader *r, PdProfile *p)
{
	char *full, *ignored;
	int q;

	if ((q = take_name(r, "profile")) < 0 || (q = take_code(r, VC_T_STRUCT, "a struct")) < 0 ||
	    (q = read_string(r, &full, NULL)) < 0 || (q = split_name(r, p, full)) < 0)
		return q;
	if (!p->name[0])
		return fail(r, "empty profile name");
	for (const char *opt = "rename"; opt; opt = opt[0] == 'r' ? "attach" : NULL)
		if (at_name(r, opt)) {
			if ((q = take_name(r, opt)) < 0 || (q = read_string(r, &ignored, NULL)) < 0)
				return q;
			free(ignored);
		}
	if ((q = read_pdb(r, &p->xmatch, "xmatch")) < 0)
		return q;
	if (p->xmatch.has_dfa) {
		p->has_xmatch = true;
		if ((q = read_u32(r, &p->xmatch_len)) < 0)
			return q;
	}
	if (at_name(r, "disconnected")) {
		if ((q = take_name(r, "disconnected")) < 0 ||
		    (q = read_string(r, &ignored, NULL)) < 0)
			return q;
		free(ignored);
	}
	if ((q = take_name(r, "flags")) < 0 || (q = take_code(r, VC_T_STRUCT, "a struct")) < 0 ||
	    (q = read_u32(r, &p->hat_flags)) < 0 || (q = read_u32(r, &p->mode)) < 0 ||
	    (q = read_u32(r, &p->audit)) < 0 ||
	    (q = take_code(r, VC_T_STRUCTEND, "the end of flags")) < 0)
		return q;
	if (at_name(r, "path_flags")) {
		p->has_path_flags = true;
		if ((q = take_name(r, "path_flags")) < 0 || (q = read_u32(r, &p->path_flags)) < 0)
			return q;
	}
	if ((q = read_caps(r, p)) < 0)
		return q;
	if (at_name(r, "capsx") && (q = skip_struct(r, "capsx")) < 0)
		return q;
	if (at_name(r, "xattrs") && (q = skip_struct(r, "xattrs")) < 0)
		return q;
	if (at_name(r, "rlimits") && (q = read_rlimits(r, p)) < 0)
		return q;
	if (at_name(r, "secmark") && (q = skip_struct(r, "secmark")) < 0)
		return q;
	if (at_name(r, "policydb")) {
		p->has_policydb = true;
		if ((q = take_name(r, "policydb")) < 0 ||
		    (q = take_code(r, VC_T_STRUCT, "a struct")) < 0 ||
		    (q = read_pdb(r, &p->policydb, "policydb")) < 0)
			return q;
		if (!p->policydb.has_dfa)
			return fail(r, "policydb without a DFA");
		if ((q = take_code(r, VC_T_STRUCTEND, "the end of the policydb")) < 0)
			return q;
	}
	if ((q = read_pdb(r, &p->file, "file")) < 0)
		return q;
	if (at_name(r, "data") && (q = skip_struct(r, "data")) < 0)
		return q;
	return take_code(r, VC_T_STRUCTEND, "the end of the profile");
}

/*
 * Header (spec §1.3): [version] [namespace], then the profile. A header
 * without them keeps the previous record's, as the kernel does within one
 * load (apparmor_parser names the namespace only before a top-level profile,
 * not before its children).
 */
static int read_record(Reader *r, PdProfile *p, uint32_t *version, const char *prev_ns)
{
	int q;

	r->record = r->p;
	if (at_name(r, "version")) {
		if ((q = take_name(r, "version")) < 0 || (q = read_u32(r, version)) < 0)
			return q;
	}
	if (*version == 0)
		return fail(r, "the first record has no version");
	if ((*version & 0x3ff) < 5 || (*version & 0x3ff) > 9)
		return fail(r, "unsupported policy version %#x", *version);
	if (at_name(r, "namespace")) {
		size_t len;

		if ((q = take_name(r, "namespace")) < 0 || (q = read_string(r, &p->ns, &len)) < 0)
			return q;
		if (len == 0 || strlen(p->ns) != len)
			return fail(r, "malformed namespace");
	} else if (prev_ns && !(p->ns = strdup(prev_ns)))
		return -ENOMEM;
	return read_profile(r, p);
}

int pd_decode(const uint8_t *data, size_t size, PdPolicy *ret, char *err, size_t err_size)
{
	Reader r = {.base = data, .p = data, .end = data + size, .err = err, .err_size = err_size};
	PdPolicy pol = {};
	uint32_t version = 0;
	size_t cap = 0;
	int q = 0;

	if (err && err_size)
		err[0] = '\0';
	if (size == 0)
		q = fail(&r, "empty policy");
	while (q >= 0 && r.p < r.end) {
		if (pol.n_profiles == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			PdProfile *more = realloc(pol.profiles, ncap * sizeof(*more));

			if (!more) {
				q = -ENOMEM;
				break;
			}
			pol.profiles = more;
			cap = ncap;
		}
		pol.profiles[pol.n_profiles] = (PdProfile){};
		q = read_record(&r, &pol.profiles[pol.n_profiles], &version,
				pol.n_profiles ? pol.profiles[pol.n_profiles - 1].ns : NULL);
		pol.n_profiles++;
	}
	if (q < 0) {
		pd_policy_done(&pol);
		return q;
	}
	*ret = pol;
	return 0;
}

void pd_policy_done(PdPolicy *pol)
{
	for (size_t i = 0; i < pol->n_profiles; i++)
		profile_done(&pol->profiles[i]);
	free(pol->profiles);
	*pol = (PdPolicy){};
}

bool pd_looks_binary(const uint8_t *data, size_t size)
{
	/* every stream starts with a NAME element: "version" in practice */
	return size >= 3 && data[0] == VC_T_NAME && data[2] == 0;
}
