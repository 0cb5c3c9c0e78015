// SPDX-License-Identifier: GPL-2.0-only
/*
 * From rules to a minimal DFA, in three steps.
 *
 * 1. Thompson's construction turns every rule's tree into a little NFA
 *    whose final state is a MATCH state naming the rule; one chain of
 *    SPLIT states joins them all to a single start. An NFA state either
 *    consumes one byte from a set (BYTES), forks without consuming
 *    (SPLIT), or reports a match (MATCH).
 *
 * 2. The subset construction simulates that NFA on every input at once: a
 *    DFA state *is* the set of NFA states the simulation can be in, after
 *    following all the free SPLIT moves (the "closure"). Sets are kept
 *    sorted so that equal sets are equal arrays, and a hash table maps each
 *    set to its DFA state. Transitions are computed per byte class rather
 *    than per byte: bytes that every byte set either contains or lacks
 *    together behave identically everywhere.
 *
 * 3. Moore's partition refinement merges states no input can tell apart:
 *    start from "same permissions", then repeatedly split blocks whose
 *    members move to different blocks on some class, until nothing
 *    splits. What is left is the minimal DFA. (Hopcroft's algorithm has a
 *    better bound; Moore's is simpler and the number of rounds is bounded by
 *    the length of the longest distinguishing string, which paths keep
 *    short.)
 */
#include <errno.h>
#include <string.h>

#include "parser/compile/dfa.h"
#include "parser/compile/util.h"

#define MAX_DFA_STATES	  65534u /* DEFAULT/NEXT/CHECK hold u16 state numbers */
#define MAX_SUBSET_STATES (1u << 22)

void vc_dfa_done(VcDfa *dfa)
{
	free(dfa->next);
	free(dfa->accept);
	*dfa = (VcDfa){};
}

enum { NFA_BYTES, NFA_SPLIT, NFA_MATCH };

typedef struct NfaState {
	uint32_t kind;
	uint32_t out, out1; /* successors: BYTES uses out, SPLIT both */
	uint32_t arg;	    /* BYTES: deduplicated set id; MATCH: rule index */
} NfaState;

/* Open-addressing hash set of uint32 ids whose keys live elsewhere. */
typedef struct IdTable {
	uint32_t *slots; /* UINT32_MAX = empty */
	size_t mask;
	size_t count;
} IdTable;

static int id_table_init(IdTable *t, size_t expected)
{
	size_t size = 64;

	while (size < expected * 2)
		size *= 2;
	t->slots = malloc(size * sizeof(uint32_t));
	if (!t->slots)
		return -ENOMEM;
	memset(t->slots, 0xff, size * sizeof(uint32_t));
	t->mask = size - 1;
	t->count = 0;
	return 0;
}

static void id_table_done(IdTable *t)
{
	free(t->slots);
	*t = (IdTable){};
}

/* Double the table; `hash_of` recomputes the hash of an id. */
static int id_table_grow(IdTable *t, uint64_t (*hash_of)(const void *ctx, uint32_t id),
			 const void *ctx)
{
	IdTable bigger;
	int r;

	r = id_table_init(&bigger, (t->mask + 1));
	if (r < 0)
		return r;
	for (size_t i = 0; i <= t->mask; i++) {
		uint32_t id = t->slots[i];
		size_t j;

		if (id == UINT32_MAX)
			continue;
		for (j = hash_of(ctx, id) & bigger.mask; bigger.slots[j] != UINT32_MAX;
		     j = (j + 1) & bigger.mask)
			;
		bigger.slots[j] = id;
		bigger.count++;
	}
	id_table_done(t);
	*t = bigger;
	return 0;
}

typedef struct Builder {
	const VcRegex *rx;
	const VcDfaRule *rules;
	size_t n_rules;

	NfaState *nfa;
	size_t n_nfa, cap_nfa;

	/* distinct byte sets, the regex set -> distinct set map, classes */
	VcByteSet *sets;
	size_t n_sets;
	uint32_t *set_of_regex_set;
	VcByteSet *class_sets; /* per distinct set: which classes it contains */
	uint8_t byte_class[256];
	uint32_t n_classes;

	/* DFA states as sorted NFA-state sets in one pool */
	uint32_t *pool;
	size_t pool_len, pool_cap;
	size_t *set_start; /* per DFA state: offset in pool; set_start[n] = end */
	uint64_t *set_hash;
	size_t cap_states, cap_hash;
	uint32_t n_states;
	IdTable by_set;

	uint32_t *next; /* n_states x n_classes */
	size_t cap_next;
	VcAccept *accept;
	size_t cap_accept;

	/* scratch */
	uint32_t *mark; /* per NFA state: generation in which it was visited */
	uint32_t generation;
	uint32_t *stack, *closure;
	uint32_t *bucket_count, *bucket_fill, *targets;
	size_t cap_targets;
} Builder;

static void builder_done(Builder *b)
{
	free(b->nfa);
	free(b->sets);
	free(b->set_of_regex_set);
	free(b->class_sets);
	free(b->pool);
	free(b->set_start);
	free(b->set_hash);
	id_table_done(&b->by_set);
	free(b->next);
	free(b->accept);
	free(b->mark);
	free(b->stack);
	free(b->closure);
	free(b->bucket_count);
	free(b->bucket_fill);
	free(b->targets);
}

static int nfa_add(Builder *b, NfaState s, uint32_t *ret)
{
	int r;

	if (b->n_nfa >= UINT32_MAX - 1)
		return -ENOMEM;
	r = vc_grow(&b->nfa, &b->cap_nfa, b->n_nfa + 1, sizeof(NfaState));
	if (r < 0)
		return r;
	b->nfa[b->n_nfa] = s;
	*ret = (uint32_t)b->n_nfa++;
	return 0;
}

/*
 * Thompson's construction in continuation-passing form: build the NFA for
 * `node` so that it continues into state `next`, and return its entry.
 */
static int nfa_compile(Builder *b, uint32_t node, uint32_t next, uint32_t *ret)
{
	const VcRegexNode *n = &b->rx->nodes[node];
	uint32_t a, c, loop;
	int r;

	switch (n->kind) {
	case VC_RX_EMPTY:
		*ret = next;
		return 0;
	case VC_RX_BYTES:
		return nfa_add(
		    b,
		    (NfaState){.kind = NFA_BYTES, .out = next, .arg = b->set_of_regex_set[n->set]},
		    ret);
	case VC_RX_CONCAT:
		r = nfa_compile(b, n->right, next, &c);
		if (r < 0)
			return r;
		return nfa_compile(b, n->left, c, ret);
	case VC_RX_ALT:
		r = nfa_compile(b, n->left, next, &a);
		if (r < 0)
			return r;
		r = nfa_compile(b, n->right, next, &c);
		if (r < 0)
			return r;
		return nfa_add(b, (NfaState){.kind = NFA_SPLIT, .out = a, .out1 = c}, ret);
	case VC_RX_STAR:
		/* loop: SPLIT to the body (which comes back) or on to next */
		r = nfa_add(b, (NfaState){.kind = NFA_SPLIT, .out1 = next}, &loop);
		if (r < 0)
			return r;
		r = nfa_compile(b, n->left, loop, &a);
		if (r < 0)
			return r;
		b->nfa[loop].out = a;
		*ret = loop;
		return 0;
	}
	return -EINVAL;
}

static uint64_t hash_byteset(const VcByteSet *s)
{
	uint64_t h = 0;

	for (unsigned i = 0; i < 4; i++)
		h = vc_hash_mix(h ^ s->w[i]);
	return h;
}

/*
 * Deduplicate the regex byte sets and split the 256 byte values into
 * classes: two bytes share a class iff every set contains both or neither.
 * Each set then becomes a set of class numbers.
 */
static int compute_byte_classes(Builder *b)
{
	const VcRegex *rx = b->rx;
	IdTable table;
	uint16_t remap[512];
	int r;

	b->sets = malloc((rx->n_sets ? rx->n_sets : 1) * sizeof(VcByteSet));
	b->set_of_regex_set = malloc((rx->n_sets ? rx->n_sets : 1) * sizeof(uint32_t));
	if (!b->sets || !b->set_of_regex_set)
		return -ENOMEM;
	r = id_table_init(&table, rx->n_sets);
	if (r < 0)
		return r;
	for (size_t i = 0; i < rx->n_sets; i++) {
		const VcByteSet *set = &rx->sets[i];
		size_t j;

		for (j = hash_byteset(set) & table.mask; table.slots[j] != UINT32_MAX;
		     j = (j + 1) & table.mask)
			if (memcmp(&b->sets[table.slots[j]], set, sizeof(*set)) == 0)
				break;
		if (table.slots[j] == UINT32_MAX) {
			b->sets[b->n_sets] = *set;
			table.slots[j] = (uint32_t)b->n_sets++;
			table.count++;
		}
		b->set_of_regex_set[i] = table.slots[j];
	}
	id_table_done(&table);

	/* Partition refinement over the 256 bytes, one set at a time. */
	memset(b->byte_class, 0, sizeof(b->byte_class));
	b->n_classes = 1;
	for (size_t i = 0; i < b->n_sets; i++) {
		uint32_t n = 0;

		memset(remap, 0xff, sizeof(remap));
		for (unsigned c = 0; c < 256; c++) {
			unsigned key = b->byte_class[c] * 2u + vc_byteset_has(&b->sets[i], c);
			if (remap[key] == 0xffff)
				remap[key] = (uint16_t)n++;
			b->byte_class[c] = (uint8_t)remap[key];
		}
		b->n_classes = n;
	}

	b->class_sets = calloc(b->n_sets ? b->n_sets : 1, sizeof(VcByteSet));
	if (!b->class_sets)
		return -ENOMEM;
	for (size_t i = 0; i < b->n_sets; i++)
		for (unsigned c = 0; c < 256; c++)
			if (vc_byteset_has(&b->sets[i], c))
				vc_byteset_add(&b->class_sets[i], b->byte_class[c]);
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/*
 * Follow SPLIT moves from the seeds; leave the sorted BYTES and MATCH states
 * reached in b->closure and return how many there are.
 */
static size_t closure(Builder *b, const uint32_t *seeds, size_t n_seeds)
{
	size_t depth = 0, n = 0;

	if (++b->generation == 0) { /* wrapped: forget all old marks */
		memset(b->mark, 0, b->n_nfa * sizeof(uint32_t));
		b->generation = 1;
	}
	for (size_t i = 0; i < n_seeds; i++) {
		if (b->mark[seeds[i]] == b->generation)
			continue;
		b->mark[seeds[i]] = b->generation;
		b->stack[depth++] = seeds[i];
	}
	while (depth > 0) {
		uint32_t s = b->stack[--depth];
		const NfaState *st = &b->nfa[s];

		if (st->kind != NFA_SPLIT) {
			b->closure[n++] = s;
			continue;
		}
		if (b->mark[st->out] != b->generation) {
			b->mark[st->out] = b->generation;
			b->stack[depth++] = st->out;
		}
		if (b->mark[st->out1] != b->generation) {
			b->mark[st->out1] = b->generation;
			b->stack[depth++] = st->out1;
		}
	}
	qsort(b->closure, n, sizeof(uint32_t), cmp_u32);
	return n;
}

static uint64_t hash_u32s(const uint32_t *v, size_t n)
{
	uint64_t h = n;

	for (size_t i = 0; i < n; i++)
		h = vc_hash_mix(h ^ v[i]) + i;
	return h;
}

static uint64_t hash_state_id(const void *ctx, uint32_t id)
{
	const Builder *b = ctx;
	return b->set_hash[id];
}

/* Combine the permissions of the rules whose MATCH states are in the set. */
static int state_accept(Builder *b, const uint32_t *set, size_t n, VcAccept *ret,
			size_t *ret_conflict_rule)
{
	VcPermsAccumulator acc = {};

	for (size_t i = 0; i < n; i++) {
		const NfaState *st = &b->nfa[set[i]];
		const VcDfaRule *rule;

		if (st->kind != NFA_MATCH)
			continue;
		rule = &b->rules[st->arg];
		vc_perms_add(&acc, &rule->perms, rule->exact);
		if (acc.conflict) {
			if (ret_conflict_rule)
				*ret_conflict_rule = st->arg;
			break;
		}
	}
	return vc_perms_finish(&acc, ret);
}

/* Find the DFA state for the set in b->closure[0..n), creating it if new. */
static int intern_state(Builder *b, size_t n, uint32_t *ret, size_t *ret_conflict_rule)
{
	uint64_t h = hash_u32s(b->closure, n);
	uint32_t id;
	size_t j;
	int r;

	for (j = h & b->by_set.mask; b->by_set.slots[j] != UINT32_MAX;
	     j = (j + 1) & b->by_set.mask) {
		uint32_t other = b->by_set.slots[j];
		size_t len = b->set_start[other + 1] - b->set_start[other];

		if (b->set_hash[other] == h && len == n &&
		    memcmp(b->pool + b->set_start[other], b->closure, n * sizeof(uint32_t)) == 0) {
			*ret = other;
			return 0;
		}
	}

	if (b->n_states >= MAX_SUBSET_STATES)
		return -E2BIG;
	id = b->n_states;
	r = vc_grow(&b->pool, &b->pool_cap, b->pool_len + n, sizeof(uint32_t));
	if (r < 0)
		return r;
	r = vc_grow(&b->set_start, &b->cap_states, (size_t)id + 2, sizeof(size_t));
	if (r < 0)
		return r;
	r = vc_grow(&b->set_hash, &b->cap_hash, (size_t)id + 1, sizeof(uint64_t));
	if (r < 0)
		return r;
	r = vc_grow(&b->accept, &b->cap_accept, (size_t)id + 1, sizeof(VcAccept));
	if (r < 0)
		return r;
	r = vc_grow(&b->next, &b->cap_next, ((size_t)id + 1) * b->n_classes, sizeof(uint32_t));
	if (r < 0)
		return r;

	memcpy(b->pool + b->pool_len, b->closure, n * sizeof(uint32_t));
	b->set_start[id] = b->pool_len;
	b->pool_len += n;
	b->set_start[id + 1] = b->pool_len;
	b->set_hash[id] = h;
	b->by_set.slots[j] = id;
	b->by_set.count++;
	b->n_states++;

	r = state_accept(b, b->closure, n, &b->accept[id], ret_conflict_rule);
	if (r < 0)
		return r;

	if (b->by_set.count * 2 > b->by_set.mask) {
		r = id_table_grow(&b->by_set, hash_state_id, b);
		if (r < 0)
			return r;
	}
	*ret = id;
	return 0;
}

/*
 * Compute every transition of DFA state d. The NFA states' successors are
 * sorted into one bucket per byte class (a counting sort: count, prefix
 * sum, fill), then each non-empty bucket's closure is interned.
 */
static int expand_state(Builder *b, uint32_t d, size_t *ret_conflict_rule)
{
	size_t begin = b->set_start[d], end = b->set_start[d + 1], total = 0;
	uint32_t k = b->n_classes;
	int r;

	memset(b->bucket_count, 0, k * sizeof(uint32_t));
	for (size_t i = begin; i < end; i++) {
		const NfaState *st = &b->nfa[b->pool[i]];
		const VcByteSet *cs;

		if (st->kind != NFA_BYTES)
			continue;
		cs = &b->class_sets[st->arg];
		for (uint32_t c = 0; c < k; c++)
			if (vc_byteset_has(cs, (uint8_t)c)) {
				b->bucket_count[c]++;
				total++;
			}
	}
	r = vc_grow(&b->targets, &b->cap_targets, total + 1, sizeof(uint32_t));
	if (r < 0)
		return r;
	for (uint32_t c = 0, sum = 0; c < k; c++) {
		b->bucket_fill[c] = sum;
		sum += b->bucket_count[c];
	}
	for (size_t i = begin; i < end; i++) {
		const NfaState *st = &b->nfa[b->pool[i]];
		const VcByteSet *cs;

		if (st->kind != NFA_BYTES)
			continue;
		cs = &b->class_sets[st->arg];
		for (uint32_t c = 0; c < k; c++)
			if (vc_byteset_has(cs, (uint8_t)c))
				b->targets[b->bucket_fill[c]++] = st->out;
	}

	for (uint32_t c = 0; c < k; c++) {
		uint32_t count = b->bucket_count[c], target = VC_DFA_DEAD;
		const uint32_t *seeds = b->targets + b->bucket_fill[c] - count;

		if (count > 0) {
			/*
			 * Most classes of a state lead to the same set (every
			 * byte a '*' accepts, say): reuse the previous
			 * class's answer when the seeds are identical.
			 */
			if (c > 0 && b->bucket_count[c - 1] == count &&
			    memcmp(seeds, b->targets + b->bucket_fill[c - 1] - count,
				   count * sizeof(uint32_t)) == 0)
				target = b->next[(size_t)d * k + c - 1];
			else {
				size_t n = closure(b, seeds, count);

				r = intern_state(b, n, &target, ret_conflict_rule);
				if (r < 0)
					return r;
			}
		}
		b->next[(size_t)d * k + c] = target;
	}
	return 0;
}

static int build_unminimized(Builder *b, size_t *ret_conflict_rule)
{
	uint32_t start, entry, dead;
	size_t n;
	int r;

	r = compute_byte_classes(b);
	if (r < 0)
		return r;

	/* One NFA per rule, ending in a MATCH state; SPLITs chain them. */
	start = UINT32_MAX;
	for (size_t i = 0; i < b->n_rules; i++) {
		uint32_t match;

		r = nfa_add(b, (NfaState){.kind = NFA_MATCH, .arg = (uint32_t)i}, &match);
		if (r < 0)
			return r;
		r = nfa_compile(b, b->rules[i].root, match, &entry);
		if (r < 0)
			return r;
		if (start == UINT32_MAX)
			start = entry;
		else {
			r = nfa_add(b, (NfaState){.kind = NFA_SPLIT, .out = start, .out1 = entry},
				    &start);
			if (r < 0)
				return r;
		}
	}

	b->mark = calloc(b->n_nfa + 1, sizeof(uint32_t));
	b->stack = malloc((b->n_nfa + 1) * sizeof(uint32_t));
	b->closure = malloc((b->n_nfa + 1) * sizeof(uint32_t));
	b->bucket_count = malloc(b->n_classes * sizeof(uint32_t));
	b->bucket_fill = malloc(b->n_classes * sizeof(uint32_t));
	if (!b->mark || !b->stack || !b->closure || !b->bucket_count || !b->bucket_fill)
		return -ENOMEM;
	r = id_table_init(&b->by_set, 1024);
	if (r < 0)
		return r;

	/* State 0: the empty set, i.e. dead. State 1: the start closure. */
	r = intern_state(b, 0, &dead, ret_conflict_rule);
	if (r < 0)
		return r;
	n = start == UINT32_MAX ? 0 : closure(b, &start, 1);
	if (n == 0) {
		/* no rules at all: a start state that only leads to dead */
		r = vc_grow(&b->next, &b->cap_next, (size_t)2 * b->n_classes, sizeof(uint32_t));
		if (r < 0)
			return r;
		r = vc_grow(&b->accept, &b->cap_accept, 2, sizeof(VcAccept));
		if (r < 0)
			return r;
		b->n_states = 2;
		b->accept[1] = (VcAccept){};
		for (uint32_t c = 0; c < b->n_classes; c++)
			b->next[c] = b->next[b->n_classes + c] = VC_DFA_DEAD;
		return 0;
	}
	r = intern_state(b, n, &start, ret_conflict_rule);
	if (r < 0)
		return r;
	for (uint32_t d = 0; d < b->n_states; d++) {
		r = expand_state(b, d, ret_conflict_rule);
		if (r < 0)
			return r;
	}
	return 0;
}

int vc_dfa_build(const VcRegex *rx, const VcDfaRule *rules, size_t n_rules, VcDfa *ret,
		 size_t *ret_conflict_rule)
{
	Builder b = {.rx = rx, .rules = rules, .n_rules = n_rules};
	int r;

	r = build_unminimized(&b, ret_conflict_rule);
	if (r < 0)
		goto finish;

	*ret = (VcDfa){
	    .n_states = b.n_states,
	    .n_classes = b.n_classes,
	    .next = TAKE_PTR(b.next),
	    .accept = TAKE_PTR(b.accept),
	};
	memcpy(ret->byte_class, b.byte_class, sizeof(b.byte_class));
	r = vc_dfa_minimize(ret);
	if (r < 0)
		vc_dfa_done(ret);
finish:
	builder_done(&b);
	return r;
}

/* ---- minimisation ---- */

typedef struct Refiner {
	const VcDfa *dfa;
	const uint32_t *block; /* current block of each state */
} Refiner;

static uint64_t hash_accept(const VcAccept *a)
{
	return vc_hash_mix(((uint64_t)a->accept << 32 | a->accept2) + 1);
}

static uint64_t hash_signature(const Refiner *rf, uint32_t s)
{
	const VcDfa *dfa = rf->dfa;
	const uint32_t *row = dfa->next + (size_t)s * dfa->n_classes;
	uint64_t h = vc_hash_mix(rf->block[s] + 0x9e3779b97f4a7c15ull);

	for (uint32_t c = 0; c < dfa->n_classes; c++)
		h = vc_hash_mix(h ^ rf->block[row[c]]) + c;
	return h;
}

static bool same_signature(const Refiner *rf, uint32_t s, uint32_t t)
{
	const VcDfa *dfa = rf->dfa;
	const uint32_t *rs = dfa->next + (size_t)s * dfa->n_classes;
	const uint32_t *rt = dfa->next + (size_t)t * dfa->n_classes;

	if (rf->block[s] != rf->block[t])
		return false;
	for (uint32_t c = 0; c < dfa->n_classes; c++)
		if (rf->block[rs[c]] != rf->block[rt[c]])
			return false;
	return true;
}

/* Blocks by permissions: the coarsest partition that can be correct. */
static int initial_partition(const VcDfa *dfa, uint32_t *block, uint32_t *ret_n_blocks)
{
	IdTable t;
	uint32_t n_blocks = 0;
	uint32_t *rep_of_block;
	int r;

	r = id_table_init(&t, dfa->n_states);
	if (r < 0)
		return r;
	rep_of_block = malloc(dfa->n_states * sizeof(uint32_t));
	if (!rep_of_block) {
		id_table_done(&t);
		return -ENOMEM;
	}
	for (uint32_t s = 0; s < dfa->n_states; s++) {
		size_t j;

		for (j = hash_accept(&dfa->accept[s]) & t.mask; t.slots[j] != UINT32_MAX;
		     j = (j + 1) & t.mask)
			if (memcmp(&dfa->accept[t.slots[j]], &dfa->accept[s], sizeof(VcAccept)) ==
			    0)
				break;
		if (t.slots[j] == UINT32_MAX) {
			t.slots[j] = s;
			rep_of_block[s] = n_blocks++;
		}
		block[s] = rep_of_block[t.slots[j]];
	}
	free(rep_of_block);
	id_table_done(&t);
	*ret_n_blocks = n_blocks;
	return 0;
}

int vc_dfa_minimize(VcDfa *dfa)
{
	_cleanup_free_ uint32_t *block = NULL, *new_block = NULL, *rep = NULL, *order = NULL,
				*new_next = NULL;
	_cleanup_free_ VcAccept *new_accept = NULL;
	uint32_t n = dfa->n_states, k = dfa->n_classes, n_blocks, n_out;
	Refiner rf = {.dfa = dfa};
	IdTable t = {};
	int r;

	block = malloc(n * sizeof(uint32_t));
	new_block = malloc(n * sizeof(uint32_t));
	rep = malloc(n * sizeof(uint32_t)); /* block -> a representative state */
	order = malloc(n * sizeof(uint32_t));
	if (!block || !new_block || !rep || !order)
		return -ENOMEM;
	r = initial_partition(dfa, block, &n_blocks);
	if (r < 0)
		return r;

	/*
	 * One refinement round: two states stay together iff they were in the
	 * same block and every class takes them to the same block. Blocks only
	 * ever split, so an unchanged count means a fixed point.
	 */
	for (;;) {
		uint32_t count = 0;

		rf.block = block;
		r = id_table_init(&t, n);
		if (r < 0)
			return r;
		for (uint32_t s = 0; s < n; s++) {
			size_t j;

			for (j = hash_signature(&rf, s) & t.mask; t.slots[j] != UINT32_MAX;
			     j = (j + 1) & t.mask)
				if (same_signature(&rf, t.slots[j], s))
					break;
			if (t.slots[j] == UINT32_MAX) {
				t.slots[j] = s;
				rep[s] = count++;
			}
			new_block[s] = rep[t.slots[j]];
		}
		id_table_done(&t);
		memcpy(block, new_block, n * sizeof(uint32_t));
		if (count == n_blocks)
			break;
		n_blocks = count;
	}

	/*
	 * Number the blocks: dead first, start second, then breadth-first
	 * from the start so related states sit close together. If the start
	 * grants nothing anywhere it shares the dead block; it still needs a
	 * state of its own.
	 */
	{
		uint32_t *number = new_block; /* reuse: block -> output state */
		uint32_t head;

		memset(number, 0xff, n * sizeof(uint32_t));
		number[block[VC_DFA_DEAD]] = VC_DFA_DEAD;
		order[0] = VC_DFA_DEAD;
		n_out = 1;
		if (block[VC_DFA_START] == block[VC_DFA_DEAD]) {
			n_out = 2;
			new_next = calloc((size_t)2 * k, sizeof(uint32_t));
			new_accept = calloc(2, sizeof(VcAccept));
			if (!new_next || !new_accept)
				return -ENOMEM;
			goto replace;
		}
		number[block[VC_DFA_START]] = n_out;
		order[n_out++] = VC_DFA_START;
		/* order[] doubles as the BFS queue of representative states */
		head = 1;
		while (head < n_out) {
			uint32_t s = order[head++];

			for (uint32_t c = 0; c < k; c++) {
				uint32_t t2 = dfa->next[(size_t)s * k + c];

				if (number[block[t2]] != UINT32_MAX)
					continue;
				number[block[t2]] = n_out;
				order[n_out++] = t2;
			}
		}
		if (n_out > MAX_DFA_STATES + 1)
			return -E2BIG;
		new_next = malloc((size_t)n_out * k * sizeof(uint32_t));
		new_accept = malloc(n_out * sizeof(VcAccept));
		if (!new_next || !new_accept)
			return -ENOMEM;
		for (uint32_t o = 0; o < n_out; o++) {
			uint32_t s = order[o];

			new_accept[o] = dfa->accept[s];
			for (uint32_t c = 0; c < k; c++)
				new_next[(size_t)o * k + c] =
				    number[block[dfa->next[(size_t)s * k + c]]];
		}
	}
replace:
	free(dfa->next);
	free(dfa->accept);
	dfa->next = TAKE_PTR(new_next);
	dfa->accept = TAKE_PTR(new_accept);
	dfa->n_states = n_out;
	return 0;
}
