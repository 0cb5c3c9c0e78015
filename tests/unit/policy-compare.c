// SPDX-License-Identifier: GPL-2.0-only
/*
 * policy-compare OURS.bin ORACLE.bin: compare two binary policy streams
 * profile record by profile record, by meaning rather than by bytes:
 * names, flags and mode, path_flags, capability words, rlimits, and the
 * xmatch, policydb and file DFAs by semantic equivalence (the file DFA's
 * exec targets compared by xtable name, not index).
 *
 * Prints one line per record ("same NAME" or "DIFF NAME: what, witness")
 * and exits 0 if every record is equivalent, 1 if any differs, 2 if a
 * stream cannot be read.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/compile/equiv.h"
#include "parser/compile/table.h"

typedef struct Record {
	char *name;
	const uint8_t *xmatch, *policydb, *file;
	size_t xmatch_size, policydb_size, file_size;
	uint32_t xmatch_len;
	uint32_t flags[3];
	bool has_path_flags;
	uint32_t path_flags;
	uint32_t caps[4], caps64[4];
	bool has_rlimits;
	uint32_t rlimit_mask;
	uint64_t rlimits[16];
	char **xtable; /* NULL-terminated, or NULL */
	size_t n_xtable;
} Record;

typedef struct Reader {
	const uint8_t *start, *p, *end;
} Reader;

static uint64_t le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = n; i > 0; i--)
		v = v << 8 | p[i - 1];
	return v;
}

/* Is the next element NAME name? (not consumed) */
static bool next_is_name(const Reader *r, const char *name)
{
	size_t len = strlen(name) + 1;

	return r->p + 3 + len <= r->end && r->p[0] == 4 && le(r->p + 1, 2) == len &&
	       memcmp(r->p + 3, name, len) == 0;
}

static int expect_name(Reader *r, const char *name)
{
	if (!next_is_name(r, name))
		return -EPROTO;
	r->p += 3 + strlen(name) + 1;
	return 0;
}

static int expect_code(Reader *r, uint8_t code)
{
	if (r->p >= r->end || r->p[0] != code)
		return -EPROTO;
	r->p++;
	return 0;
}

static int read_u32(Reader *r, uint32_t *ret)
{
	if (r->p + 5 > r->end || r->p[0] != 2)
		return -EPROTO;
	*ret = (uint32_t)le(r->p + 1, 4);
	r->p += 5;
	return 0;
}

static int read_u64(Reader *r, uint64_t *ret)
{
	if (r->p + 9 > r->end || r->p[0] != 3)
		return -EPROTO;
	*ret = le(r->p + 1, 8);
	r->p += 9;
	return 0;
}

static int read_string(Reader *r, char **ret)
{
	size_t len;

	if (r->p + 3 > r->end || r->p[0] != 5)
		return -EPROTO;
	len = le(r->p + 1, 2);
	if (len < 1 || r->p + 3 + len > r->end || r->p[3 + len - 1] != 0)
		return -EPROTO;
	*ret = strndup((const char *)r->p + 3, len - 1);
	r->p += 3 + len;
	return *ret ? 0 : -ENOMEM;
}

/* NAME "aadfa" BLOB, padding skipped. */
static int read_dfa(Reader *r, const uint8_t **ret, size_t *ret_size)
{
	size_t len, off, pad;

	if (expect_name(r, "aadfa") < 0 || r->p + 5 > r->end || r->p[0] != 6)
		return -EPROTO;
	len = le(r->p + 1, 4);
	r->p += 5;
	if (r->p + len > r->end)
		return -EPROTO;
	off = (size_t)(r->p - r->start);
	pad = (8 - off % 8) % 8;
	if (pad > len)
		return -EPROTO;
	*ret = r->p + pad;
	*ret_size = len - pad;
	r->p += len;
	return 0;
}

static int read_record(Reader *r, Record *rec)
{
	uint32_t v;

	*rec = (Record){};
	/* DFA padding is relative to the start of each record */
	r->start = r->p;
	if (next_is_name(r, "version")) {
		if (expect_name(r, "version") < 0 || read_u32(r, &v) < 0)
			return -EPROTO;
	}
	if (next_is_name(r, "namespace")) {
		char *ns;

		if (expect_name(r, "namespace") < 0 || read_string(r, &ns) < 0)
			return -EPROTO;
		free(ns);
	}
	if (expect_name(r, "profile") < 0 || expect_code(r, 7) < 0 ||
	    read_string(r, &rec->name) < 0)
		return -EPROTO;
	if (next_is_name(r, "aadfa")) {
		if (read_dfa(r, &rec->xmatch, &rec->xmatch_size) < 0 ||
		    read_u32(r, &rec->xmatch_len) < 0)
			return -EPROTO;
	}
	if (expect_name(r, "flags") < 0 || expect_code(r, 7) < 0)
		return -EPROTO;
	for (int i = 0; i < 3; i++)
		if (read_u32(r, &rec->flags[i]) < 0)
			return -EPROTO;
	if (expect_code(r, 8) < 0)
		return -EPROTO;
	if (next_is_name(r, "path_flags")) {
		rec->has_path_flags = true;
		if (expect_name(r, "path_flags") < 0 || read_u32(r, &rec->path_flags) < 0)
			return -EPROTO;
	}
	for (int i = 0; i < 4; i++)
		if (read_u32(r, &rec->caps[i]) < 0)
			return -EPROTO;
	if (next_is_name(r, "caps64")) {
		if (expect_name(r, "caps64") < 0 || expect_code(r, 7) < 0)
			return -EPROTO;
		for (int i = 0; i < 4; i++)
			if (read_u32(r, &rec->caps64[i]) < 0)
				return -EPROTO;
		if (expect_code(r, 8) < 0)
			return -EPROTO;
	}
	if (next_is_name(r, "rlimits")) {
		size_t n;

		rec->has_rlimits = true;
		if (expect_name(r, "rlimits") < 0 || expect_code(r, 7) < 0 ||
		    read_u32(r, &rec->rlimit_mask) < 0 || r->p + 3 > r->end || r->p[0] != 11)
			return -EPROTO;
		n = le(r->p + 1, 2);
		r->p += 3;
		if (n > 16)
			return -EPROTO;
		for (size_t i = 0; i < n; i++)
			if (read_u64(r, &rec->rlimits[i]) < 0)
				return -EPROTO;
		if (expect_code(r, 12) < 0 || expect_code(r, 8) < 0)
			return -EPROTO;
	}
	if (next_is_name(r, "policydb")) {
		if (expect_name(r, "policydb") < 0 || expect_code(r, 7) < 0 ||
		    read_dfa(r, &rec->policydb, &rec->policydb_size) < 0 || expect_code(r, 8) < 0)
			return -EPROTO;
	}
	if (next_is_name(r, "aadfa")) {
		if (read_dfa(r, &rec->file, &rec->file_size) < 0)
			return -EPROTO;
	}
	if (next_is_name(r, "xtable")) {
		int n = vc_policy_read_xtable(r->p, r->end, &rec->xtable);

		if (n <= 0)
			return -EPROTO;
		rec->n_xtable = (size_t)n;
		/* skip it: NAME STRUCT ARRAY n { STRING } ARRAYEND STRUCTEND */
		r->p += 3 + 7 + 1 + 3;
		for (int i = 0; i < n; i++) {
			if (r->p + 3 > r->end)
				return -EPROTO;
			r->p += 3 + le(r->p + 1, 2);
		}
		if (expect_code(r, 12) < 0 || expect_code(r, 8) < 0)
			return -EPROTO;
	}
	return expect_code(r, 8);
}

static void record_done(Record *rec)
{
	free(rec->name);
	free(rec->xtable);
}

static int read_stream(const char *path, uint8_t **ret_data, Record **ret, size_t *ret_n)
{
	FILE *f = fopen(path, "re");
	uint8_t *data = NULL;
	size_t size = 0, cap = 0, n = 0;
	Record *recs = NULL;
	Reader r;

	if (!f)
		return -errno;
	for (;;) {
		size_t k;

		if (size == cap) {
			uint8_t *p = realloc(data, cap = cap ? cap * 2 : 65536);

			if (!p) {
				fclose(f);
				free(data);
				return -ENOMEM;
			}
			data = p;
		}
		k = fread(data + size, 1, cap - size, f);
		if (k == 0)
			break;
		size += k;
	}
	fclose(f);
	r = (Reader){.start = data, .p = data, .end = data + size};
	while (r.p < r.end) {
		Record *more = realloc(recs, (n + 1) * sizeof(*recs));

		if (!more)
			return -ENOMEM;
		recs = more;
		if (read_record(&r, &recs[n]) < 0) {
			fprintf(stderr, "%s: malformed record at offset %zu\n", path,
				(size_t)(r.p - r.start));
			record_done(&recs[n]);
			for (size_t i = 0; i < n; i++)
				record_done(&recs[i]);
			free(recs);
			free(data);
			return -EPROTO;
		}
		n++;
	}
	*ret_data = data;
	*ret = recs;
	*ret_n = n;
	return 0;
}

static void print_witness(const VcDifference *d)
{
	putchar('"');
	for (size_t i = 0; i < d->witness_len; i++) {
		uint8_t c = d->witness[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	printf("\" ours allow %#x/%#x audit %#x/%#x xindex %#x/%#x, oracle allow %#x/%#x audit "
	       "%#x/%#x xindex %#x/%#x",
	       d->a_owner.allow, d->a_other.allow, d->a_owner.audit, d->a_other.audit,
	       d->a_owner.xindex, d->a_other.xindex, d->b_owner.allow, d->b_other.allow,
	       d->b_owner.audit, d->b_other.audit, d->b_owner.xindex, d->b_other.xindex);
}

/* Returns true if the DFAs mean the same; prints the difference otherwise. */
static bool same_dfa(const char *name, const char *what, const uint8_t *a, size_t a_size,
		     const Record *ra, const uint8_t *b, size_t b_size, const Record *rb)
{
	VcDecodedDfa da = {}, db = {};
	VcDifference diff = {};
	int r;

	if (!a || !b) {
		if (!a && !b)
			return true;
		printf("DIFF %s: %s DFA only in %s\n", name, what, a ? "ours" : "oracle");
		return false;
	}
	if (vc_dfa_decode_blob(a, a_size, NULL, 0, &da) < 0) {
		printf("DIFF %s: our %s DFA does not decode\n", name, what);
		return false;
	}
	if (vc_dfa_decode_blob(b, b_size, NULL, 0, &db) < 0) {
		printf("DIFF %s: oracle %s DFA does not decode\n", name, what);
		vc_decoded_dfa_done(&da);
		return false;
	}
	if (ra && rb) {
		da.xtable = ra->xtable;
		da.n_xtable = ra->n_xtable;
		db.xtable = rb->xtable;
		db.n_xtable = rb->n_xtable;
	}
	r = vc_dfa_equivalent(&da, &db, &diff);
	if (r == 0) {
		printf("DIFF %s: %s DFA differs on ", name, what);
		print_witness(&diff);
		putchar('\n');
		vc_difference_done(&diff);
	} else if (r < 0)
		printf("DIFF %s: %s DFA: %s\n", name, what, strerror(-r));
	vc_decoded_dfa_done(&da);
	vc_decoded_dfa_done(&db);
	return r == 1;
}

static bool compare(const Record *a, const Record *b)
{
	bool ok = true;

	if (memcmp(a->flags, b->flags, sizeof(a->flags)) != 0) {
		printf("DIFF %s: flags hat/mode/audit %u/%u/%u, oracle %u/%u/%u\n", a->name,
		       a->flags[0], a->flags[1], a->flags[2], b->flags[0], b->flags[1],
		       b->flags[2]);
		ok = false;
	}
	if (a->has_path_flags != b->has_path_flags || a->path_flags != b->path_flags) {
		printf("DIFF %s: path_flags %s%#x, oracle %s%#x\n", a->name,
		       a->has_path_flags ? "" : "absent ", a->path_flags,
		       b->has_path_flags ? "" : "absent ", b->path_flags);
		ok = false;
	}
	for (int i = 0; i < 3; i++)
		if (a->caps[i] != b->caps[i] || a->caps64[i] != b->caps64[i]) {
			printf("DIFF %s: caps word %d %#x:%#x, oracle %#x:%#x\n", a->name, i,
			       a->caps64[i], a->caps[i], b->caps64[i], b->caps[i]);
			ok = false;
		}
	if (a->has_rlimits != b->has_rlimits || a->rlimit_mask != b->rlimit_mask ||
	    memcmp(a->rlimits, b->rlimits, sizeof(a->rlimits)) != 0) {
		printf("DIFF %s: rlimits (mask %#x, oracle %#x)\n", a->name, a->rlimit_mask,
		       b->rlimit_mask);
		ok = false;
	}
	if (a->xmatch && b->xmatch && a->xmatch_len != b->xmatch_len) {
		printf("DIFF %s: xmatch_len %u, oracle %u\n", a->name, a->xmatch_len,
		       b->xmatch_len);
		ok = false;
	}
	ok &= same_dfa(a->name, "xmatch", a->xmatch, a->xmatch_size, NULL, b->xmatch,
		       b->xmatch_size, NULL);
	ok &= same_dfa(a->name, "policydb", a->policydb, a->policydb_size, NULL, b->policydb,
		       b->policydb_size, NULL);
	ok &= same_dfa(a->name, "file", a->file, a->file_size, a, b->file, b->file_size, b);
	return ok;
}

int main(int argc, char **argv)
{
	uint8_t *da = NULL, *db = NULL;
	Record *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;
	bool ok = true;

	if (argc != 3) {
		fprintf(stderr, "usage: %s OURS.bin ORACLE.bin\n", argv[0]);
		return 2;
	}
	if (read_stream(argv[1], &da, &a, &na) < 0 || read_stream(argv[2], &db, &b, &nb) < 0)
		return 2;
	for (size_t i = 0; i < nb; i++) {
		size_t j;

		for (j = 0; j < na; j++)
			if (strcmp(a[j].name, b[i].name) == 0)
				break;
		if (j == na) {
			printf("DIFF %s: record missing from ours\n", b[i].name);
			ok = false;
		} else if (compare(&a[j], &b[i]))
			printf("same %s\n", b[i].name);
		else
			ok = false;
	}
	for (size_t j = 0; j < na; j++) {
		size_t i;

		for (i = 0; i < nb; i++)
			if (strcmp(a[j].name, b[i].name) == 0)
				break;
		if (i == nb) {
			printf("DIFF %s: record only in ours\n", a[j].name);
			ok = false;
		}
	}
	if (na == nb) {
		for (size_t i = 0; i < na; i++)
			if (strcmp(a[i].name, b[i].name) != 0) {
				printf("DIFF order: record %zu is %s, oracle has %s\n", i,
				       a[i].name, b[i].name);
				ok = false;
				break;
			}
	}
	for (size_t i = 0; i < na; i++)
		record_done(&a[i]);
	for (size_t i = 0; i < nb; i++)
		record_done(&b[i]);
	free(a);
	free(b);
	free(da);
	free(db);
	return ok ? 0 : 1;
}
