// SPDX-License-Identifier: GPL-2.0-only
/*
 * Comb compression of the transition table, the blob format and its
 * decoder.
 *
 * The kernel finds the successor of state s on input c like this: look at
 * slot BASE[s] + c of the shared NEXT/CHECK arrays; if CHECK says the slot
 * belongs to s, NEXT is the answer, otherwise DEFAULT[s] is. So each state
 * stores only the transitions that differ from its default (the most common
 * target of its row), and the rows are slid over one another like combs so
 * that their teeth interleave: the first base at which all of a row's
 * entries land on free slots wins ("first fit"). Rows with the most entries
 * go first, while there is still room.
 */
#include <errno.h>
#include <string.h>

#include "parser/compile/table.h"
#include "parser/compile/util.h"

#define HEADER_SIZE 24u

void vc_blob_done(VcBlob *blob)
{
	free(blob->data);
	free(blob->perms);
	*blob = (VcBlob){};
}

void vc_decoded_dfa_done(VcDecodedDfa *dfa)
{
	free(dfa->next);
	free(dfa->owner);
	free(dfa->other);
	*dfa = (VcDecodedDfa){};
}

typedef struct Packed {
	uint32_t n_states;
	uint32_t *base;
	uint16_t *def;
	uint16_t *next, *check;
	size_t n_slots;
} Packed;

static void packed_done(Packed *p)
{
	free(p->base);
	free(p->def);
	free(p->next);
	free(p->check);
}

/*
 * The packer works on byte classes, as the DFA does; a class stands for
 * `weight` columns of the table: its bytes, or itself with an EC table.
 */
typedef struct Columns {
	bool by_class;
	uint32_t weight[256]; /* columns per class */
	uint16_t first[257];  /* class c's columns are cols[first[c] .. first[c + 1]) */
	uint16_t cols[256];
} Columns;

static void columns_init(const VcDfa *dfa, bool by_class, Columns *cols)
{
	uint32_t k = dfa->n_classes;

	*cols = (Columns){.by_class = by_class};
	if (by_class) {
		for (uint32_t c = 0; c <= k; c++)
			cols->first[c] = (uint16_t)c;
		for (uint32_t c = 0; c < k; c++) {
			cols->weight[c] = 1;
			cols->cols[c] = (uint16_t)c;
		}
		return;
	}
	for (unsigned b = 0; b < 256; b++)
		cols->weight[dfa->byte_class[b]]++;
	for (uint32_t c = 0, sum = 0; c < k; c++) {
		cols->first[c] = (uint16_t)sum;
		sum += cols->weight[c];
	}
	cols->first[k] = 256;
	{
		uint16_t fill[256];

		memcpy(fill, cols->first, sizeof(fill));
		for (unsigned b = 0; b < 256; b++)
			cols->cols[fill[dfa->byte_class[b]]++] = (uint16_t)b;
	}
}

static uint32_t target(const VcDfa *dfa, uint32_t s, uint32_t c)
{
	/* a DFA that can be written has at most 65535 states: a narrow table */
	return dfa->next[(size_t)s * dfa->n_classes + c];
}

/*
 * What state s falls back to in class c when the slot is not its own: the
 * default state itself, or with differential encoding the default's
 * complete transition (the kernel keeps looking from there).
 */
static uint32_t fallback(const VcDfa *dfa, const Packed *p, uint32_t s, uint32_t c)
{
	if (p->base[s] & VC_BASE_DIFF_ENCODE)
		return target(dfa, p->def[s], c);
	return p->def[s];
}

/*
 * Choose each state's default. Plain: the most frequent target of its row.
 * Differential encoding ("default-state chaining"): instead a state d whose
 * row agrees with s's in more columns than any single target does; only
 * the disagreeing columns are stored and a miss continues at d with the
 * same input. Candidates are s's predecessor with the lowest number and the
 * targets of s, restricted to states numbered below s so that every chain
 * descends and ends at a plain state, as the kernel requires.
 */
static void choose_defaults(const VcDfa *dfa, const Columns *cols, bool diff_encode,
			    const uint32_t *lowest_pred, uint32_t *freq, uint32_t *touched,
			    Packed *p, uint32_t *entry_count)
{
	uint32_t k = dfa->n_classes, width = cols->by_class ? k : 256;

	for (uint32_t s = 0; s < dfa->n_states; s++) {
		uint32_t best = VC_DFA_DEAD, best_count = 0, n_touched = 0;
		uint32_t diff_best = 0, diff_count = 0;

		for (uint32_t c = 0; c < k; c++) {
			uint32_t t = target(dfa, s, c);

			if (freq[t] == 0)
				touched[n_touched++] = t;
			freq[t] += cols->weight[c];
			if (freq[t] > best_count || (freq[t] == best_count && t < best)) {
				best = t;
				best_count = freq[t];
			}
		}
		for (uint32_t i = 0; i < n_touched; i++)
			freq[touched[i]] = 0;

		if (diff_encode && s > VC_DFA_START) {
			/* touched[] still lists the distinct targets of s */
			touched[n_touched++] = lowest_pred[s];
			for (uint32_t i = 0; i < n_touched; i++) {
				uint32_t d = touched[i], same = 0;

				if (d == VC_DFA_DEAD || d >= s)
					continue;
				for (uint32_t c = 0; c < k; c++)
					if (target(dfa, s, c) == target(dfa, d, c))
						same += cols->weight[c];
				if (same > diff_count) {
					diff_best = d;
					diff_count = same;
				}
			}
		}
		if (diff_count > best_count) {
			p->def[s] = (uint16_t)diff_best;
			p->base[s] = VC_BASE_DIFF_ENCODE;
			entry_count[s] = width - diff_count;
		} else {
			p->def[s] = (uint16_t)best;
			entry_count[s] = width - best_count;
		}
	}
}

/*
 * Occupancy of the NEXT/CHECK slots while packing: one bit per slot, so
 * that 64 candidate bases are tried at once (see find_base), and for each
 * 64-slot word a link towards the next word that is not full, so that
 * the search skips full stretches of the comb.
 */
typedef struct Comb {
	uint64_t *used;	     /* bit i: slot i holds some row's entry */
	uint32_t *open_word; /* == w when word w has a free slot, else a later word to look at */
	size_t n_words;	     /* allocated words; bits past the end are free */
	size_t first_free;   /* every slot below is used */
} Comb;

static void comb_done(Comb *c)
{
	free(c->used);
	free(c->open_word);
}

/* Make slots [0, n_slots) addressable, plus two words of free slack. */
static inline int comb_reserve(Comb *c, size_t n_slots)
{
	size_t need = n_slots / 64 + 2, old = c->n_words;
	uint32_t *open;
	int r;

	if (need <= old)
		return 0;
	if (n_slots > UINT32_MAX - 1)
		return -E2BIG;
	r = vc_grow(&c->used, &c->n_words, need, sizeof(uint64_t));
	if (r < 0)
		return r;
	open = realloc(c->open_word, c->n_words * sizeof(*open));
	if (!open)
		return -ENOMEM;
	c->open_word = open;
	memset(c->used + old, 0, (c->n_words - old) * sizeof(uint64_t));
	for (size_t w = old; w < c->n_words; w++)
		open[w] = (uint32_t)w;
	return 0;
}

/*
 * The first word at or after w with a free slot (union-find style, with
 * path halving). The slack past every used slot ends each chain.
 */
static size_t find_open(Comb *c, size_t w)
{
	while (c->open_word[w] != w) {
		uint32_t up = c->open_word[w];

		c->open_word[w] = c->open_word[up];
		w = up;
	}
	return w;
}

/* Bits i .. i + 63 of the occupancy map, bit 0 = slot i. */
static uint64_t used_window(const Comb *c, size_t i)
{
	size_t w = i / 64;
	unsigned shift = i % 64;

	if (shift == 0)
		return c->used[w];
	return c->used[w] >> shift | c->used[w + 1] << (64 - shift);
}

/*
 * First fit: the lowest base at which every entry of the row lands on a
 * free slot. For the window of 64 bases from `base`, the bits of the
 * bases where entry j is free are the complement of the occupancy from
 * base + entries[j]; their AND over the row is the set of bases that fit.
 * Bases that put the first entry in a full word cannot fit and are
 * skipped.
 */
static int find_base(Comb *c, const uint16_t *entries, unsigned m, unsigned width, size_t *ret)
{
	size_t base = c->first_free > entries[0] ? c->first_free - entries[0] : 0;
	int r;

	for (;; base += 64) {
		size_t w0 = (base + entries[0]) / 64, w = find_open(c, w0);
		uint64_t fits = UINT64_MAX;

		if (w != w0)
			base = w * 64 - entries[0];
		r = comb_reserve(c, base + width + 128);
		if (r < 0)
			return r;
		for (unsigned j = 0; j < m && fits; j++)
			fits &= ~used_window(c, base + entries[j]);
		if (fits) {
			*ret = base + (size_t)__builtin_ctzll(fits);
			return 0;
		}
	}
}

static void comb_take(Comb *c, size_t base, const uint16_t *entries, unsigned m)
{
	size_t w;

	for (unsigned j = 0; j < m; j++) {
		size_t i = base + entries[j];

		c->used[i / 64] |= UINT64_C(1) << (i % 64);
		if (c->used[i / 64] == UINT64_MAX)
			c->open_word[i / 64] = (uint32_t)(i / 64 + 1);
	}
	w = find_open(c, c->first_free / 64);
	c->first_free = w * 64 + (size_t)__builtin_ctzll(~c->used[w]);
}

/* The columns where s differs from its fallback, ascending. */
static unsigned entries_of(const VcDfa *dfa, const Columns *cols, const Packed *p, uint32_t s,
			   uint16_t *out)
{
	unsigned m = 0;

	for (uint32_t c = 0; c < dfa->n_classes; c++)
		if (target(dfa, s, c) != fallback(dfa, p, s, c))
			for (unsigned i = cols->first[c]; i < cols->first[c + 1]; i++)
				out[m++] = cols->cols[i];
	return m;
}

static int pack(const VcDfa *dfa, bool by_class, bool diff_encode, Packed *p)
{
	unsigned width = by_class ? dfa->n_classes : 256;
	uint32_t n = dfa->n_states;
	_cleanup_free_ uint32_t *entry_count = NULL, *order = NULL, *bucket = NULL, *freq = NULL,
				*touched = NULL, *lowest_pred = NULL;
	_cleanup_(comb_done) Comb comb = {};
	Columns cols;
	uint16_t entries[256];
	size_t max_base = 0;
	int r;

	columns_init(dfa, by_class, &cols);
	p->n_states = n;
	p->base = calloc(n, sizeof(uint32_t));
	p->def = calloc(n, sizeof(uint16_t));
	entry_count = calloc(n, sizeof(uint32_t));
	order = malloc(n * sizeof(uint32_t));
	bucket = calloc(width + 2, sizeof(uint32_t));
	freq = calloc(n, sizeof(uint32_t)); /* per target: columns in the current row */
	touched = malloc((width + 1) * sizeof(uint32_t));
	lowest_pred = calloc(n, sizeof(uint32_t));
	if (!p->base || !p->def || !entry_count || !order || !bucket || !freq || !touched ||
	    !lowest_pred)
		return -ENOMEM;

	for (uint32_t s = n; s-- > 0;)
		for (uint32_t c = 0; c < dfa->n_classes; c++)
			lowest_pred[target(dfa, s, c)] = s;
	choose_defaults(dfa, &cols, diff_encode, lowest_pred, freq, touched, p, entry_count);

	r = comb_reserve(&comb, 4 * (size_t)width);
	if (r < 0)
		return r;

	/* Densest rows first (counting sort by entry count, descending). */
	for (uint32_t s = 0; s < n; s++)
		bucket[width - entry_count[s]]++;
	for (unsigned i = 0, sum = 0; i <= width; i++) {
		unsigned c = bucket[i];
		bucket[i] = sum;
		sum += c;
	}
	for (uint32_t s = 0; s < n; s++)
		order[bucket[width - entry_count[s]]++] = s;

	for (uint32_t i = 0; i < n; i++) {
		uint32_t s = order[i];
		unsigned m;
		size_t base;

		if (entry_count[s] == 0)
			break; /* the rest are empty too: base 0 is as good as any */
		m = entries_of(dfa, &cols, p, s, entries);

		r = find_base(&comb, entries, m, width, &base);
		if (r < 0)
			return r;
		if (base > VC_BASE_INDEX_MASK - 256)
			return -E2BIG;
		p->base[s] |= (uint32_t)base;
		if (base > max_base)
			max_base = base;
		comb_take(&comb, base, entries, m);
	}
	/* Every state must be able to index 256 slots past its base. */
	p->n_slots = max_base + 256;
	p->next = calloc(p->n_slots, sizeof(uint16_t));
	p->check = calloc(p->n_slots, sizeof(uint16_t));
	if (!p->next || !p->check)
		return -ENOMEM;
	for (uint32_t s = 0; s < n; s++) {
		uint32_t base = p->base[s] & VC_BASE_INDEX_MASK;

		if (entry_count[s] == 0)
			continue;
		for (uint32_t c = 0; c < dfa->n_classes; c++) {
			uint32_t t = target(dfa, s, c);

			if (t == fallback(dfa, p, s, c))
				continue;
			for (unsigned i = cols.first[c]; i < cols.first[c + 1]; i++) {
				p->next[base + cols.cols[i]] = (uint16_t)t;
				p->check[base + cols.cols[i]] = (uint16_t)s;
			}
		}
	}
	return 0;
}

/* Bytes a table occupies: 12-byte header and data, padded to 8. */
static size_t table_size(size_t n_elements, size_t element_size)
{
	return (12 + n_elements * element_size + 7) & ~(size_t)7;
}

static uint8_t *write_table_header(uint8_t *p, uint16_t id, uint16_t element_size,
				   uint32_t n_elements)
{
	vc_put_be16(p, id);
	vc_put_be16(p + 2, element_size);
	vc_put_be32(p + 4, 0);
	vc_put_be32(p + 8, n_elements);
	return p + 12;
}

static uint8_t *write_u32_table(uint8_t *p, uint16_t id, const uint32_t *v, size_t n)
{
	uint8_t *start = p;

	p = write_table_header(p, id, 4, (uint32_t)n);
	for (size_t i = 0; i < n; i++, p += 4)
		vc_put_be32(p, v[i]);
	return start + table_size(n, 4);
}

static uint8_t *write_u16_table(uint8_t *p, uint16_t id, const uint16_t *v, size_t n)
{
	uint8_t *start = p;

	p = write_table_header(p, id, 2, (uint32_t)n);
	for (size_t i = 0; i < n; i++, p += 2)
		vc_put_be16(p, v[i]);
	return start + table_size(n, 2);
}

static uint8_t *write_u8_table(uint8_t *p, uint16_t id, const uint8_t *v, size_t n)
{
	uint8_t *start = p;

	p = write_table_header(p, id, 1, (uint32_t)n);
	memcpy(p, v, n);
	return start + table_size(n, 1);
}

/*
 * permstable32: one (owner, other) record pair per distinct ACCEPT/ACCEPT2
 * combination, in order of first use; ACCEPT holds the owner index. The
 * records are exactly what the kernel would derive from the old encoding,
 * so both outputs mean the same.
 */
static int build_permstable(const VcDfa *dfa, uint32_t *accept, VcBlob *blob)
{
	_cleanup_free_ uint32_t *slots = NULL;
	size_t mask = 63, cap = 0;
	int r;

	while (mask < (size_t)dfa->n_states * 2)
		mask = mask * 2 + 1;
	slots = malloc((mask + 1) * sizeof(uint32_t)); /* state whose pair it is */
	if (!slots)
		return -ENOMEM;
	memset(slots, 0xff, (mask + 1) * sizeof(uint32_t));

	for (uint32_t s = 0; s < dfa->n_states; s++) {
		const VcAccept *a = &dfa->accept[s];
		uint64_t h = vc_hash_mix(((uint64_t)a->accept << 32 | a->accept2) + 1);
		size_t j;

		for (j = h & mask; slots[j] != UINT32_MAX; j = (j + 1) & mask)
			if (memcmp(&dfa->accept[slots[j]], a, sizeof(*a)) == 0)
				break;
		if (slots[j] != UINT32_MAX) {
			accept[s] = accept[slots[j]];
			continue;
		}
		if (blob->n_perms + 2 > 65535)
			return -E2BIG; /* the wire array count is a u16 */
		r = vc_grow(&blob->perms, &cap, blob->n_perms + 2, sizeof(VcKernelPerms));
		if (r < 0)
			return r;
		slots[j] = s;
		accept[s] = (uint32_t)blob->n_perms;
		vc_accept_to_kernel(*a, &blob->perms[blob->n_perms],
				    &blob->perms[blob->n_perms + 1]);
		blob->n_perms += 2;
	}
	return 0;
}

int vc_dfa_write_blob(const VcDfa *dfa, const VcBlobOptions *options, VcBlob *ret)
{
	_cleanup_(packed_done) Packed packed = {};
	_cleanup_(vc_blob_done) VcBlob blob = {};
	_cleanup_free_ uint32_t *accept = NULL, *accept2 = NULL;
	bool by_class = options && options->equivalence_classes;
	bool permstable = options && options->permstable;
	bool diff_encode = options && options->diff_encode;
	uint32_t n = dfa->n_states;
	size_t size;
	uint8_t *p;
	int r;

	if (n < 2 || n > 65535 || !dfa->next)
		return -E2BIG;
	r = pack(dfa, by_class, diff_encode, &packed);
	if (r < 0)
		return r;

	accept = malloc(n * sizeof(uint32_t));
	accept2 = malloc(n * sizeof(uint32_t));
	if (!accept || !accept2)
		return -ENOMEM;
	if (permstable) {
		r = build_permstable(dfa, accept, &blob);
		if (r < 0)
			return r;
	} else
		for (uint32_t s = 0; s < n; s++) {
			accept[s] = dfa->accept[s].accept;
			accept2[s] = dfa->accept[s].accept2;
		}

	size = HEADER_SIZE + table_size(n, 4) * (permstable ? 1 : 2) +
	       (by_class ? table_size(256, 1) : 0) + table_size(n, 4) + table_size(n, 2) +
	       2 * table_size(packed.n_slots, 2);
	blob.data = calloc(1, size);
	if (!blob.data)
		return -ENOMEM;
	blob.size = size;

	/* Header: magic, header size, total size, flags, "notflex", empty name. */
	p = blob.data;
	vc_put_be32(p, VC_TABLESET_MAGIC);
	vc_put_be32(p + 4, HEADER_SIZE);
	vc_put_be32(p + 8, (uint32_t)size);
	vc_put_be16(p + 12, diff_encode ? 1 : 0); /* DIFF_ENCODE allowed in BASE */
	memcpy(p + 14, "notflex", 8);
	p += HEADER_SIZE;

	p = write_u32_table(p, VC_TABLE_ACCEPT, accept, n);
	if (!permstable)
		p = write_u32_table(p, VC_TABLE_ACCEPT2, accept2, n);
	if (by_class)
		p = write_u8_table(p, VC_TABLE_EC, dfa->byte_class, 256);
	p = write_u32_table(p, VC_TABLE_BASE, packed.base, n);
	p = write_u16_table(p, VC_TABLE_DEFAULT, packed.def, n);
	p = write_u16_table(p, VC_TABLE_NEXT, packed.next, packed.n_slots);
	p = write_u16_table(p, VC_TABLE_CHECK, packed.check, packed.n_slots);
	if ((size_t)(p - blob.data) != size)
		return -EINVAL; /* size arithmetic and writers disagree: a bug */

	*ret = blob;
	blob = (VcBlob){};
	return 0;
}

/* ---- decoding ---- */

typedef struct RawTable {
	const uint8_t *data; /* NULL if absent */
	uint32_t n;
	uint16_t element_size;
} RawTable;

static uint32_t raw_get(const RawTable *t, size_t i)
{
	switch (t->element_size) {
	case 1:
		return t->data[i];
	case 2:
		return vc_get_be16(t->data + 2 * i);
	default:
		return vc_get_be32(t->data + 4 * i);
	}
}

static int read_tables(const uint8_t *data, size_t size, RawTable tables[9], uint16_t *ret_flags)
{
	size_t off;
	uint32_t hsize;
	uint16_t flags;

	if (size < 16 || vc_get_be32(data) != VC_TABLESET_MAGIC)
		return -EPROTO;
	hsize = vc_get_be32(data + 4);
	flags = vc_get_be16(data + 12);
	if (hsize > size || hsize < 16 || (flags & ~3u))
		return -EPROTO;
	off = hsize;
	while (off < size) {
		uint16_t id, esize;
		uint32_t n;
		size_t len;

		if (size - off < 12)
			return -EPROTO;
		id = vc_get_be16(data + off);
		esize = vc_get_be16(data + off + 2);
		n = vc_get_be32(data + off + 8);
		if (id == 0 || id > VC_TABLE_NEXT || id == VC_TABLE_META || tables[id].data)
			return -EPROTO;
		if (esize != 1 && esize != 2 && esize != 4)
			return -EPROTO;
		if (n == 0)
			return -EPROTO;
		len = table_size(n, esize);
		if (12 + (size_t)n * esize > size - off)
			return -EPROTO;
		tables[id] = (RawTable){.data = data + off + 12, .n = n, .element_size = esize};
		off += len < size - off ? len : size - off;
	}
	*ret_flags = flags;
	return 0;
}

static bool table_is(const RawTable *t, uint16_t esize, uint32_t n)
{
	return t->data && t->element_size == esize && t->n == n;
}

int vc_dfa_decode_blob(const uint8_t *data, size_t size, const VcKernelPerms *perms, size_t n_perms,
		       VcDecodedDfa *ret)
{
	_cleanup_(vc_decoded_dfa_done) VcDecodedDfa out = {};
	RawTable t[9] = {};
	const RawTable *ec, *base, *def, *next, *check, *accept;
	uint16_t flags;
	uint32_t n;
	int r;

	r = read_tables(data, size, t, &flags);
	if (r < 0)
		return r;
	base = &t[VC_TABLE_BASE];
	def = &t[VC_TABLE_DEFAULT];
	next = &t[VC_TABLE_NEXT];
	check = &t[VC_TABLE_CHECK];
	accept = &t[VC_TABLE_ACCEPT];
	ec = t[VC_TABLE_EC].data ? &t[VC_TABLE_EC] : NULL;
	if (!base->data || base->element_size != 4)
		return -EPROTO;
	n = base->n;
	if (!table_is(def, 2, n) || !table_is(accept, 4, n) || !next->data ||
	    next->element_size != 2 || !table_is(check, 2, next->n))
		return -EPROTO;
	if (ec && !table_is(ec, 1, 256))
		return -EPROTO;
	if (perms ? t[VC_TABLE_ACCEPT2].data != NULL : !table_is(&t[VC_TABLE_ACCEPT2], 4, n))
		return -EPROTO;

	/* The kernel's verify_table_headers/verify_dfa checks (spec §2.6). */
	for (uint32_t s = 0; s < n; s++) {
		uint32_t b = raw_get(base, s), index = b & VC_BASE_INDEX_MASK;

		if (raw_get(def, s) >= n)
			return -EPROTO;
		if (b & ~(VC_BASE_INDEX_MASK | VC_BASE_DIFF_ENCODE | VC_BASE_OOB))
			return -EPROTO;
		if ((b & VC_BASE_DIFF_ENCODE) && !(flags & 1))
			return -EPROTO;
		if ((b & VC_BASE_OOB) && (!(flags & 2) || index < 1))
			return -EPROTO;
		if ((size_t)index + 255 >= next->n)
			return -EPROTO;
	}
	for (uint32_t i = 0; i < next->n; i++)
		if (raw_get(next, i) >= n || raw_get(check, i) >= n)
			return -EPROTO;
	/* Diff-encode chains must end in a state without the flag. */
	for (uint32_t s = 0; s < n; s++) {
		uint32_t cur = s, steps = 0;

		while (raw_get(base, cur) & VC_BASE_DIFF_ENCODE) {
			cur = raw_get(def, cur);
			if (++steps > n)
				return -EPROTO;
		}
	}

	out.n_states = n;
	out.start = VC_DFA_START;
	out.next = malloc((size_t)n * 256 * sizeof(uint32_t));
	out.owner = malloc(n * sizeof(VcKernelPerms));
	out.other = malloc(n * sizeof(VcKernelPerms));
	if (!out.next || !out.owner || !out.other)
		return -ENOMEM;

	/* Expand: the transition algorithm of spec §2.5 for every (state, byte). */
	for (uint32_t s = 0; s < n; s++)
		for (unsigned byte = 0; byte < 256; byte++) {
			uint32_t c = ec ? raw_get(ec, byte) : byte, cur = s, result;

			for (;;) {
				uint32_t i = (raw_get(base, cur) & VC_BASE_INDEX_MASK) + c;

				if (i < next->n && raw_get(check, i) == cur) {
					result = raw_get(next, i);
					break;
				}
				if (raw_get(base, cur) & VC_BASE_DIFF_ENCODE) {
					cur = raw_get(def, cur);
					continue;
				}
				result = raw_get(def, cur);
				break;
			}
			out.next[(size_t)s * 256 + byte] = result;
		}

	for (uint32_t s = 0; s < n; s++) {
		uint32_t a = raw_get(accept, s);

		if (perms) {
			if ((size_t)a + 1 >= n_perms)
				return -EPROTO;
			out.owner[s] = perms[a];
			out.other[s] = perms[a + 1];
		} else
			vc_accept_to_kernel((VcAccept){a, raw_get(&t[VC_TABLE_ACCEPT2], s)},
					    &out.owner[s], &out.other[s]);
	}

	*ret = out;
	out = (VcDecodedDfa){};
	return 0;
}

int vc_policy_find_dfas(const uint8_t *stream, size_t size, VcBlobRef *ret, size_t max)
{
	/* NAME element (0x04, u16 length 6, "aadfa\0") followed by a BLOB (0x06). */
	static const uint8_t key[] = {0x04, 0x06, 0x00, 'a', 'a', 'd', 'f', 'a', 0x00, 0x06};
	size_t off = 0;
	int found = 0;

	while (off + sizeof(key) + 4 <= size) {
		uint32_t len, pad;

		if (memcmp(stream + off, key, sizeof(key)) != 0) {
			off++;
			continue;
		}
		off += sizeof(key);
		len = (uint32_t)stream[off] | (uint32_t)stream[off + 1] << 8 |
		      (uint32_t)stream[off + 2] << 16 | (uint32_t)stream[off + 3] << 24;
		off += 4;
		if (len > size - off)
			return -EPROTO;
		pad = len % 8;
		if ((size_t)found < max)
			ret[found] = (VcBlobRef){.data = stream + off + pad, .size = len - pad};
		found++;
		off += len; /* never look for the key inside a blob */
	}
	return found;
}

int vc_policy_read_xtable(const uint8_t *p, const uint8_t *end, char ***ret)
{
	static const uint8_t key[] = {0x04, 0x07, 0x00, 'x',  't',  'a',
				      'b',  'l',  'e',	0x00, 0x07, 0x0b};
	const uint8_t *q;
	size_t n, bytes = 0;
	char **table, *text;

	if ((size_t)(end - p) < sizeof(key) + 2 || memcmp(p, key, sizeof(key)) != 0)
		return 0;
	p += sizeof(key);
	n = (size_t)p[0] | (size_t)p[1] << 8;
	p += 2;
	/* first pass: validate and size */
	q = p;
	for (size_t i = 0; i < n; i++) {
		size_t len;

		if (end - q < 3 || q[0] != 0x05)
			return -EPROTO;
		len = (size_t)q[1] | (size_t)q[2] << 8;
		if ((size_t)(end - q) < 3 + len || len == 0)
			return -EPROTO;
		bytes += len;
		q += 3 + len;
	}
	table = malloc((n + 1) * sizeof(char *) + bytes + 1);
	if (!table)
		return -ENOMEM;
	text = (char *)(table + n + 1);
	for (size_t i = 0; i < n; i++) {
		size_t len = (size_t)p[1] | (size_t)p[2] << 8;

		table[i] = text;
		memcpy(text, p + 3, len);
		/* the element's length counts the final NUL; inner NULs separate ns and name */
		for (size_t j = 0; j + 1 < len; j++)
			if (text[j] == 0)
				text[j] = ':';
		text[len - 1] = 0;
		text += len;
		p += 3 + len;
	}
	table[n] = NULL;
	*ret = table;
	return (int)n;
}
