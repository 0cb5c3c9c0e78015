// SPDX-License-Identifier: GPL-2.0-only
/*
 * From rules to a minimal DFA, in three steps.
 *
 * 1. Thompson's construction turns every rule's tree into a little NFA
 *    whose final state is a MATCH state naming the rule; one chain of
 *    SPLIT states joins them all to a single start. An NFA state either
 *    consumes one byte from a set (BYTES), forks without consuming
 *    (SPLIT), or reports a match (MATCH). States are hash-consed, so rules
 *    granting the same thing share their common suffixes.
 *
 * 2. The subset construction simulates that NFA on every input at once: a
 *    DFA state *is* the set of NFA states the simulation can be in, after
 *    following all the free SPLIT moves (the "closure"). Sets are kept
 *    in a hash table keyed by an order-independent hash, which maps each
 *    set to its DFA state. Transitions are computed per byte class rather
 *    than per byte: bytes that every byte set either contains or lacks
 *    together behave identically everywhere. NFA states that provably
 *    cannot change the outcome are dropped from each set first
 *    (prune_subsumed), which keeps the unminimised DFA small.
 *
 * 3. Hopcroft's partition refinement merges states no input can tell
 *    apart: start from "same permissions", then split blocks whose members
 *    move to different blocks on some class, until nothing splits. What
 *    is left is the minimal DFA.
 */
#include <errno.h>
#include <string.h>

#include "parser/compile/dfa.h"
#include "parser/compile/util.h"

#define MAX_DFA_STATES VC_DFA_MAX_STATES

void vc_dfa_done(VcDfa *dfa)
{
	free(dfa->next);
	free(dfa->wide_next);
	free(dfa->accept);
	*dfa = (VcDfa){};
}

enum { NFA_BYTES, NFA_SPLIT, NFA_MATCH, NFA_LOOP_KEY /* only a hash-consing key */ };

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
	VcRegex *consumed_rx; /* freed as soon as the NFA is built, if set */
	const VcDfaRule *rules;
	size_t n_rules;

	NfaState *nfa;
	size_t n_nfa, cap_nfa;
	/* hash-consing: structurally equal NFA states are built once */
	struct ConsEntry {
		NfaState key;
		uint32_t id;
	} * cons;
	size_t cons_mask, n_cons;
	uint32_t *canonical_rule; /* first rule with the same permissions */

	/* per NFA state, for pruning subsumed states (see prune_subsumed) */
	struct Summary {
		uint32_t reach; /* every byte this state or its successors can
				   read: an index into reach_sets */
		uint32_t extra;
		uint16_t user, other;	 /* union of the modes of reachable rules */
		bool deny_audit_or_exec; /* some reachable rule is not plain "allow" */
	} * summary;
	VcByteSet *reach_sets; /* distinct, so that a summary is 16 bytes, not 48 */
	uint32_t *loop_match;  /* BYTES state looping on itself into a MATCH: the MATCH */

	/* distinct byte sets, the regex set -> distinct set map, classes */
	VcByteSet *sets;
	size_t n_sets;
	uint32_t *set_of_regex_set;
	VcByteSet *class_sets; /* per distinct set: which classes it contains */
	uint8_t byte_class[256];
	uint32_t n_classes;

	/* DFA states as NFA-state sets (in discovery order) in one pool */
	uint32_t *pool;
	size_t pool_len, pool_cap;
	size_t *set_start; /* per DFA state: offset in pool; set_start[n] = end */
	uint64_t *set_hash;
	size_t cap_states, cap_hash;
	uint32_t n_states;
	IdTable by_set;

	/* n_states x n_classes, 16-bit until a state number needs more */
	uint16_t *next;
	uint32_t *wide_next;
	size_t cap_next;
	VcAccept *accept;
	size_t cap_accept;

	/* scratch */
	uint32_t *mark; /* per NFA state: generation in which it was visited */
	uint32_t generation;
	uint32_t *stack, *closure;
	uint32_t *group_count, *group_start, *group_fill; /* per byte set */
	uint32_t *present;				  /* byte sets in the state */
	uint32_t *grouped, *seeds;			  /* successors, by set */
	/* per set: its classes, or those it lacks if fewer (see compute_byte_classes) */
	uint32_t *class_list, *class_list_start;
	size_t n_memberships; /* (set, class it contains) pairs */
	uint32_t *set_lists;  /* per signature, the byte sets containing it */
} Builder;

static void builder_done(Builder *b)
{
	free(b->nfa);
	free(b->cons);
	free(b->canonical_rule);
	free(b->summary);
	free(b->reach_sets);
	free(b->loop_match);
	free(b->sets);
	free(b->set_of_regex_set);
	free(b->class_sets);
	free(b->pool);
	free(b->set_start);
	free(b->set_hash);
	id_table_done(&b->by_set);
	free(b->next);
	free(b->wide_next);
	free(b->accept);
	free(b->mark);
	free(b->stack);
	free(b->closure);
	free(b->group_count);
	free(b->group_start);
	free(b->group_fill);
	free(b->present);
	free(b->grouped);
	free(b->seeds);
	free(b->class_list);
	free(b->class_list_start);
	free(b->set_lists);
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

static uint64_t hash_nfa_state(const NfaState *s)
{
	return vc_hash_mix(vc_hash_mix((uint64_t)s->kind << 32 | s->arg) ^
			   ((uint64_t)s->out << 32 | s->out1));
}

static int cons_grow(Builder *b)
{
	size_t new_mask = b->cons_mask ? b->cons_mask * 2 + 1 : 1023;
	struct ConsEntry *bigger = malloc((new_mask + 1) * sizeof(*bigger));

	if (!bigger)
		return -ENOMEM;
	for (size_t i = 0; i <= new_mask; i++)
		bigger[i].id = UINT32_MAX;
	for (size_t i = 0; b->cons && i <= b->cons_mask; i++) {
		size_t j;

		if (b->cons[i].id == UINT32_MAX)
			continue;
		for (j = hash_nfa_state(&b->cons[i].key) & new_mask; bigger[j].id != UINT32_MAX;
		     j = (j + 1) & new_mask)
			;
		bigger[j] = b->cons[i];
	}
	free(b->cons);
	b->cons = bigger;
	b->cons_mask = new_mask;
	return 0;
}

/*
 * Find the state built earlier under `key`, or NULL-equivalent: returns the
 * slot where it is or should go.
 */
static struct ConsEntry *cons_slot(Builder *b, const NfaState *key)
{
	size_t j;

	for (j = hash_nfa_state(key) & b->cons_mask; b->cons[j].id != UINT32_MAX;
	     j = (j + 1) & b->cons_mask)
		if (memcmp(&b->cons[j].key, key, sizeof(*key)) == 0)
			break;
	return &b->cons[j];
}

static int cons_insert(Builder *b, const NfaState *key, uint32_t id)
{
	struct ConsEntry *slot = cons_slot(b, key);

	slot->key = *key;
	slot->id = id;
	if (++b->n_cons * 2 > b->cons_mask)
		return cons_grow(b);
	return 0;
}

/*
 * Add a state unless an identical one exists. Rules are compiled back to
 * front, so rules with equal permissions and a common suffix ("/dri/" "**")
 * end up sharing that suffix, and the subset construction sees one NFA
 * state where it would otherwise track one per rule.
 */
static int nfa_add_shared(Builder *b, NfaState s, uint32_t *ret)
{
	struct ConsEntry *slot = cons_slot(b, &s);
	int r;

	if (slot->id != UINT32_MAX) {
		*ret = slot->id;
		return 0;
	}
	r = nfa_add(b, s, ret);
	if (r < 0)
		return r;
	return cons_insert(b, &s, *ret);
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
		return nfa_add_shared(
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
		return nfa_add_shared(b, (NfaState){.kind = NFA_SPLIT, .out = a, .out1 = c}, ret);
	case VC_RX_STAR: {
		/*
		 * loop: SPLIT to the body (which comes back) or on to next. A
		 * loop over one byte set (every glob wildcard) is shared too,
		 * keyed by its set and continuation.
		 */
		const VcRegexNode *body = &b->rx->nodes[n->left];
		NfaState key = {.kind = NFA_LOOP_KEY, .out = next};
		struct ConsEntry *slot;

		if (body->kind == VC_RX_BYTES) {
			key.arg = b->set_of_regex_set[body->set];
			slot = cons_slot(b, &key);
			if (slot->id != UINT32_MAX) {
				*ret = slot->id;
				return 0;
			}
		}
		r = nfa_add(b, (NfaState){.kind = NFA_SPLIT, .out1 = next}, &loop);
		if (r < 0)
			return r;
		r = nfa_compile(b, n->left, loop, &a);
		if (r < 0)
			return r;
		b->nfa[loop].out = a;
		*ret = loop;
		if (body->kind == VC_RX_BYTES)
			return cons_insert(b, &key, loop);
		return 0;
	}
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
	{
		/* few sets are distinct: give back the rest of the room */
		VcByteSet *fit = realloc(b->sets, (b->n_sets ? b->n_sets : 1) * sizeof(VcByteSet));

		if (fit)
			b->sets = fit;
	}

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

	b->class_list_start = malloc((b->n_sets + 1) * sizeof(uint32_t));
	b->class_list = malloc((b->n_sets * b->n_classes + 1) * sizeof(uint32_t));
	if (!b->class_list_start || !b->class_list)
		return -ENOMEM;
	/*
	 * A set splits the classes exactly as its complement does, so list
	 * whichever has fewer classes: "any byte but /" is one class, not 60.
	 */
	b->class_list_start[0] = 0;
	b->n_memberships = 0;
	for (size_t i = 0, n = 0; i < b->n_sets; i++) {
		uint32_t members = 0;
		bool complement;

		for (uint32_t c = 0; c < b->n_classes; c++)
			members += vc_byteset_has(&b->class_sets[i], (uint8_t)c);
		b->n_memberships += members;
		complement = members * 2 > b->n_classes;
		for (uint32_t c = 0; c < b->n_classes; c++)
			if (vc_byteset_has(&b->class_sets[i], (uint8_t)c) != complement)
				b->class_list[n++] = c;
		b->class_list_start[i + 1] = (uint32_t)n;
	}
	return 0;
}

/*
 * Follow SPLIT moves from the seeds; leave the BYTES and MATCH states
 * reached in b->closure and return how many there are. Every state
 * reached is marked with the current generation, which intern_state()
 * uses to compare sets without sorting them.
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
	return n;
}

/* Order-independent hash of a set: sets are stored in discovery order. */
static uint64_t hash_set(const uint32_t *v, size_t n)
{
	uint64_t h = n;

	for (size_t i = 0; i < n; i++)
		h += vc_hash_mix(v[i] + UINT64_C(0x9e3779b97f4a7c15));
	return h;
}

static uint64_t hash_state_id(const void *ctx, uint32_t id)
{
	const Builder *b = ctx;
	return b->set_hash[id];
}

/* The unminimised table: 16-bit entries until a state number needs more. */
static inline uint32_t get_next(const Builder *b, size_t i)
{
	return b->wide_next ? b->wide_next[i] : b->next[i];
}

static inline void set_next(Builder *b, size_t i, uint32_t target)
{
	if (b->wide_next)
		b->wide_next[i] = target;
	else
		b->next[i] = (uint16_t)target;
}

/* Room for `n_states` rows; past 65536 states the table turns 32-bit. */
static int grow_next(Builder *b, size_t n_states)
{
	size_t need = n_states * b->n_classes;

	if (n_states > VC_DFA_NARROW_STATES && !b->wide_next) {
		uint32_t *wide = malloc(need * sizeof(*wide));
		size_t used = (size_t)b->n_states * b->n_classes;

		if (!wide)
			return -ENOMEM;
		for (size_t i = 0; i < used; i++)
			wide[i] = b->next[i];
		free(b->next);
		b->next = NULL;
		b->wide_next = wide;
		b->cap_next = need;
	}
	if (b->wide_next)
		return vc_grow(&b->wide_next, &b->cap_next, need, sizeof(uint32_t));
	return vc_grow(&b->next, &b->cap_next, need, sizeof(uint16_t));
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

/* A summary while it is computed: the reach set itself. */
struct SummaryWork {
	VcByteSet reach;
	uint32_t extra;
	uint16_t user, other;
	bool deny_audit_or_exec;
};

static bool summary_merge(struct SummaryWork *into, const struct SummaryWork *from,
			  const VcByteSet *read)
{
	struct SummaryWork old = *into;

	for (unsigned i = 0; i < 4; i++)
		into->reach.w[i] |= from->reach.w[i] | (read ? read->w[i] : 0);
	into->user |= from->user;
	into->other |= from->other;
	into->extra |= from->extra;
	into->deny_audit_or_exec |= from->deny_audit_or_exec;
	return memcmp(&old, into, sizeof(old)) != 0;
}

/* Keep each distinct reach set once; the summaries point at it. */
static int compact_summaries(Builder *b, const struct SummaryWork *work)
{
	IdTable table;
	size_t n_reach = 0;
	VcByteSet *fit;
	int r;

	b->summary = malloc((b->n_nfa + 1) * sizeof(*b->summary));
	b->reach_sets = malloc((b->n_nfa + 1) * sizeof(VcByteSet));
	if (!b->summary || !b->reach_sets)
		return -ENOMEM;
	r = id_table_init(&table, b->n_nfa);
	if (r < 0)
		return r;
	for (size_t q = 0; q < b->n_nfa; q++) {
		const VcByteSet *set = &work[q].reach;
		size_t j;

		for (j = hash_byteset(set) & table.mask; table.slots[j] != UINT32_MAX;
		     j = (j + 1) & table.mask)
			if (memcmp(&b->reach_sets[table.slots[j]], set, sizeof(*set)) == 0)
				break;
		if (table.slots[j] == UINT32_MAX) {
			b->reach_sets[n_reach] = *set;
			table.slots[j] = (uint32_t)n_reach++;
		}
		b->summary[q] = (struct Summary){
		    .reach = table.slots[j],
		    .extra = work[q].extra,
		    .user = work[q].user,
		    .other = work[q].other,
		    .deny_audit_or_exec = work[q].deny_audit_or_exec,
		};
	}
	id_table_done(&table);
	fit = realloc(b->reach_sets, (n_reach ? n_reach : 1) * sizeof(VcByteSet));
	if (fit)
		b->reach_sets = fit;
	return 0;
}

/*
 * Summarise what each NFA state can still read and grant, by iterating to a
 * fixed point (loops make the graph cyclic; a state is mostly created after
 * its successors, so ascending passes converge in two or three).
 */
static int summarise_nfa(Builder *b)
{
	_cleanup_free_ struct SummaryWork *work = NULL;
	bool changed = true;

	work = calloc(b->n_nfa + 1, sizeof(*work));
	b->loop_match = malloc((b->n_nfa + 1) * sizeof(uint32_t));
	if (!work || !b->loop_match)
		return -ENOMEM;
	for (size_t q = 0; q < b->n_nfa; q++) {
		const NfaState *st = &b->nfa[q];

		b->loop_match[q] = UINT32_MAX;
		if (st->kind == NFA_MATCH) {
			const VcRulePerms *p = &b->rules[st->arg].perms;

			work[q].user = p->user;
			work[q].other = p->other;
			work[q].extra = p->extra;
			work[q].deny_audit_or_exec =
			    p->deny || p->audit ||
			    ((p->user | p->other) & (VC_MAY_EXEC | VC_EXEC_TYPE_MASK));
		} else if (st->kind == NFA_BYTES) {
			const NfaState *loop = &b->nfa[st->out];

			if (loop->kind == NFA_SPLIT && loop->out == q &&
			    b->nfa[loop->out1].kind == NFA_MATCH)
				b->loop_match[q] = loop->out1;
		}
	}
	while (changed) {
		changed = false;
		for (size_t i = 0; i < b->n_nfa; i++) {
			const NfaState *st = &b->nfa[i];

			if (st->kind == NFA_BYTES)
				changed |=
				    summary_merge(&work[i], &work[st->out], &b->sets[st->arg]);
			else if (st->kind == NFA_SPLIT) {
				changed |= summary_merge(&work[i], &work[st->out], NULL);
				changed |= summary_merge(&work[i], &work[st->out1], NULL);
			}
		}
	}
	return compact_summaries(b, work);
}

static bool byteset_subset(const VcByteSet *a, const VcByteSet *b)
{
	for (unsigned i = 0; i < 4; i++)
		if (a->w[i] & ~b->w[i])
			return false;
	return true;
}

/*
 * Drop members that cannot change any outcome.
 *
 * A "universal" member is a BYTES state p looping on itself over a set B,
 * with the loop's exit a MATCH m also in the set: as long as the input
 * stays within B, m matches again after every byte. Another member q that
 * can only ever read bytes of B, and whose reachable rules are plain allow
 * rules granting nothing m does not grant, adds nothing: wherever q's rules
 * match, m matches too and the union is unchanged. Typical case: dozens of
 * literal rules under "/usr/share/" "** r". Without this, the subset
 * construction walks every such literal to its end only for minimisation
 * to merge it all back.
 */
static size_t prune_subsumed(Builder *b, size_t n)
{
	uint32_t universal[8], n_universal = 0;
	size_t kept = 0;

	for (size_t i = 0; i < n && n_universal < ELEMENTSOF(universal); i++) {
		uint32_t q = b->closure[i], m = b->loop_match[q];
		const VcRulePerms *mp;

		if (m == UINT32_MAX || b->mark[m] != b->generation)
			continue;
		mp = &b->rules[b->nfa[m].arg].perms;
		if (mp->deny)
			continue;
		universal[n_universal++] = q;
	}
	if (n_universal == 0)
		return n;

	for (size_t i = 0; i < n; i++) {
		uint32_t q = b->closure[i];
		const struct Summary *sq = &b->summary[q];
		bool drop = false;

		/*
		 * The universal members and their MATCH states stay: two of them
		 * (two rules' "any byte" loops) would otherwise drop each
		 * other, and with them everything they subsume.
		 */
		for (uint32_t u = 0; u < n_universal; u++)
			if (q == universal[u] || q == b->loop_match[universal[u]])
				sq = NULL;
		for (uint32_t u = 0; sq && u < n_universal && !drop && !sq->deny_audit_or_exec;
		     u++) {
			uint32_t p = universal[u], m = b->loop_match[p];
			const VcRulePerms *mp = &b->rules[b->nfa[m].arg].perms;

			/* the permission test first: it is cheaper and fails more often */
			drop = !(sq->user & ~mp->user) && !(sq->other & ~mp->other) &&
			       !(sq->extra & ~mp->extra) &&
			       byteset_subset(&b->reach_sets[sq->reach], &b->sets[b->nfa[p].arg]);
		}
		if (!drop)
			b->closure[kept++] = q;
	}

	/* Re-mark so that intern_state() compares against the pruned set. */
	if (kept < n) {
		if (++b->generation == 0) {
			memset(b->mark, 0, b->n_nfa * sizeof(uint32_t));
			b->generation = 1;
		}
		for (size_t i = 0; i < kept; i++)
			b->mark[b->closure[i]] = b->generation;
	}
	return kept;
}

/*
 * Find the DFA state for the set in b->closure[0..n), creating it if new.
 * A stored set of the same size equals the new one iff all its members
 * carry the mark of the closure just computed.
 */
static int intern_state(Builder *b, size_t n, uint32_t *ret, size_t *ret_conflict_rule)
{
	uint64_t h;
	uint32_t id;
	size_t j;
	int r;

	n = prune_subsumed(b, n);
	h = hash_set(b->closure, n);

	for (j = h & b->by_set.mask; b->by_set.slots[j] != UINT32_MAX;
	     j = (j + 1) & b->by_set.mask) {
		uint32_t other = b->by_set.slots[j];
		size_t begin = b->set_start[other], len = b->set_start[other + 1] - begin, i;

		if (b->set_hash[other] != h || len != n)
			continue;
		for (i = 0; i < len; i++)
			if (b->mark[b->pool[begin + i]] != b->generation)
				break;
		if (i == len) {
			*ret = other;
			return 0;
		}
	}

	if ((uint64_t)(b->n_states + 1) * b->n_classes > VC_DFA_MAX_SUBSET_ENTRIES ||
	    b->pool_len + n > VC_DFA_MAX_SUBSET_POOL)
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
	r = grow_next(b, id + 1);
	if (r < 0)
		return r;

	if (n > 0) /* the dead state's set is empty and the pool may not exist yet */
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
 * Split the classes by the present groups whose byte sets contain them:
 * afterwards two classes share a signature iff exactly the same groups
 * contain both. Partition refinement: every class starts in signature 0,
 * and each group moves its classes out of every signature it covers only
 * in part. Each split leaves both parts non-empty, so there are never more
 * signatures than classes. Returns the number of signature ids used.
 */
static uint32_t split_classes(const Builder *b, uint32_t n_present, uint8_t *sig_of)
{
	uint32_t k = b->n_classes, n_ids = 1;
	uint32_t size[256], hits[256];
	uint8_t moved_to[256], touched[256];

	memset(sig_of, 0, k);
	size[0] = k;
	hits[0] = 0;
	for (uint32_t i = 0; i < n_present; i++) {
		uint32_t set = b->present[i], first = b->class_list_start[set],
			 last = b->class_list_start[set + 1], n_touched = 0;

		for (uint32_t j = first; j < last; j++) {
			uint8_t id = sig_of[b->class_list[j]];

			if (hits[id]++ == 0)
				touched[n_touched++] = id;
		}
		for (uint32_t t = 0; t < n_touched; t++) {
			uint8_t id = touched[t];

			/* a signature wholly inside the set stays as it is */
			moved_to[id] = id;
			if (hits[id] < size[id]) {
				moved_to[id] = (uint8_t)n_ids;
				size[n_ids] = 0;
				hits[n_ids++] = 0;
			}
		}
		for (uint32_t j = first; j < last; j++) {
			uint32_t c = b->class_list[j];
			uint8_t id = sig_of[c], to = moved_to[id];

			if (to != id) {
				size[id]--;
				size[to]++;
				sig_of[c] = to;
			}
		}
		for (uint32_t t = 0; t < n_touched; t++)
			hits[touched[t]] = 0;
	}
	return n_ids;
}

/*
 * Compute every transition of DFA state d.
 *
 * The BYTES members are first grouped by their byte set. A class's
 * successor set is then the union of the groups whose byte set contains
 * the class, so classes contained in exactly the same groups (the same
 * "signature") share one successor: it is computed once per signature,
 * not once per class. Typically a state has a handful of signatures
 * (each literal byte some rule expects next, and "anything else").
 */
static int expand_state(Builder *b, uint32_t d, size_t *ret_conflict_rule)
{
	size_t begin = b->set_start[d], end = b->set_start[d + 1];
	uint32_t k = b->n_classes, n_present = 0, n_grouped = 0, n_ids, n_sigs = 0;
	uint8_t sig_of[256];
	uint16_t rank[256];
	uint32_t rep[256], target[256], n_sets_of[257];
	int r;

	/* Group the members' successors by byte set (a counting sort). */
	for (size_t i = begin; i < end; i++) {
		const NfaState *st = &b->nfa[b->pool[i]];

		if (st->kind != NFA_BYTES)
			continue;
		if (b->group_count[st->arg]++ == 0)
			b->present[n_present++] = st->arg;
		n_grouped++;
	}
	for (uint32_t i = 0, sum = 0; i < n_present; i++) {
		uint32_t set = b->present[i];

		b->group_start[set] = sum;
		b->group_fill[set] = sum;
		sum += b->group_count[set];
	}
	for (size_t i = begin; i < end; i++) {
		const NfaState *st = &b->nfa[b->pool[i]];

		if (st->kind == NFA_BYTES)
			b->grouped[b->group_fill[st->arg]++] = st->out;
	}

	/* Signatures, numbered in the order of their first class. */
	n_ids = split_classes(b, n_present, sig_of);
	memset(rank, 0xff, n_ids * sizeof(rank[0]));
	for (uint32_t c = 0; c < k; c++)
		if (rank[sig_of[c]] == 0xffff) {
			rank[sig_of[c]] = (uint16_t)n_sigs;
			rep[n_sigs++] = c;
		}

	/* Which groups each signature is in (a group has all its classes or none). */
	for (uint32_t sig = 0, n_listed = 0; sig < n_sigs; sig++) {
		n_sets_of[sig] = n_listed;
		for (uint32_t i = 0; i < n_present; i++)
			if (vc_byteset_has(&b->class_sets[b->present[i]], (uint8_t)rep[sig]))
				b->set_lists[n_listed++] = b->present[i];
		n_sets_of[sig + 1] = n_listed;
	}

	for (uint32_t sig = 0; sig < n_sigs; sig++) {
		size_t n_seeds = 0, n;

		target[sig] = VC_DFA_DEAD;
		for (uint32_t i = n_sets_of[sig]; i < n_sets_of[sig + 1]; i++) {
			uint32_t set = b->set_lists[i];

			memcpy(b->seeds + n_seeds, b->grouped + b->group_start[set],
			       b->group_count[set] * sizeof(uint32_t));
			n_seeds += b->group_count[set];
		}
		if (n_seeds > 0) {
			n = closure(b, b->seeds, n_seeds);
			r = intern_state(b, n, &target[sig], ret_conflict_rule);
			if (r < 0)
				return r;
		}
	}
	for (uint32_t c = 0; c < k; c++)
		set_next(b, (size_t)d * k + c, target[rank[sig_of[c]]]);

	for (uint32_t i = 0; i < n_present; i++)
		b->group_count[b->present[i]] = 0;
	return 0;
}

static bool same_rule_perms(const VcDfaRule *x, const VcDfaRule *y)
{
	return x->exact == y->exact && x->perms.user == y->perms.user &&
	       x->perms.other == y->perms.other && x->perms.extra == y->perms.extra &&
	       x->perms.deny == y->perms.deny && x->perms.audit == y->perms.audit &&
	       x->perms.link_pair == y->perms.link_pair &&
	       x->perms.audit_always == y->perms.audit_always &&
	       x->perms.plain_exec == y->perms.plain_exec;
}

/* Number rules by their permissions: canonical_rule[i] = first equal rule. */
static int canonical_rules(Builder *b)
{
	IdTable t;
	int r;

	b->canonical_rule = malloc((b->n_rules ? b->n_rules : 1) * sizeof(uint32_t));
	if (!b->canonical_rule)
		return -ENOMEM;
	r = id_table_init(&t, b->n_rules);
	if (r < 0)
		return r;
	for (size_t i = 0; i < b->n_rules; i++) {
		const VcDfaRule *rule = &b->rules[i];
		uint64_t h = vc_hash_mix(((uint64_t)rule->perms.user << 48 |
					  (uint64_t)rule->perms.other << 32 | rule->perms.extra) ^
					 (rule->exact | rule->perms.deny << 1 |
					  rule->perms.audit << 2 | rule->perms.link_pair << 3 |
					  (uint64_t)rule->perms.audit_always << 4 |
					  (uint64_t)rule->perms.plain_exec << 20));
		size_t j;

		for (j = h & t.mask; t.slots[j] != UINT32_MAX; j = (j + 1) & t.mask)
			if (same_rule_perms(&b->rules[t.slots[j]], rule))
				break;
		if (t.slots[j] == UINT32_MAX)
			t.slots[j] = (uint32_t)i;
		b->canonical_rule[i] = t.slots[j];
	}
	id_table_done(&t);
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

	r = cons_grow(b);
	if (r < 0)
		return r;
	r = canonical_rules(b);
	if (r < 0)
		return r;

	/*
	 * One NFA per rule, ending in a MATCH state (shared by rules that
	 * grant the same); SPLITs chain them.
	 */
	start = UINT32_MAX;
	for (size_t i = 0; i < b->n_rules; i++) {
		uint32_t match;

		r = nfa_add_shared(b, (NfaState){.kind = NFA_MATCH, .arg = b->canonical_rule[i]},
				   &match);
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
	if (b->consumed_rx) {
		vc_regex_done(b->consumed_rx);
		b->rx = NULL;
	}
	/* regex set numbers and the hash-consing table are not used past the NFA */
	free(b->set_of_regex_set);
	b->set_of_regex_set = NULL;
	free(b->cons);
	b->cons = NULL;
	b->cons_mask = b->n_cons = 0;
	free(b->canonical_rule);
	b->canonical_rule = NULL;

	b->mark = calloc(b->n_nfa + 1, sizeof(uint32_t));
	b->stack = malloc((b->n_nfa + 1) * sizeof(uint32_t));
	b->closure = malloc((b->n_nfa + 1) * sizeof(uint32_t));
	b->group_count = calloc(b->n_sets + 1, sizeof(uint32_t));
	b->group_start = malloc((b->n_sets + 1) * sizeof(uint32_t));
	b->group_fill = malloc((b->n_sets + 1) * sizeof(uint32_t));
	b->present = malloc((b->n_sets + 1) * sizeof(uint32_t));
	b->grouped = malloc((b->n_nfa + 1) * sizeof(uint32_t));
	b->seeds = malloc((b->n_nfa + 1) * sizeof(uint32_t));
	/* at most one entry per (byte set, class) */
	b->set_lists = malloc((b->n_memberships + 1) * sizeof(uint32_t));
	if (!b->mark || !b->stack || !b->closure || !b->group_count || !b->group_start ||
	    !b->group_fill || !b->present || !b->grouped || !b->seeds || !b->set_lists)
		return -ENOMEM;
	r = summarise_nfa(b);
	if (r < 0)
		return r;
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
		r = grow_next(b, 2);
		if (r < 0)
			return r;
		r = vc_grow(&b->accept, &b->cap_accept, 2, sizeof(VcAccept));
		if (r < 0)
			return r;
		b->n_states = 2;
		b->accept[1] = (VcAccept){};
		for (uint32_t c = 0; c < b->n_classes; c++)
			b->next[c] = b->next[b->n_classes + c] = VC_DFA_DEAD; /* 2 states: narrow */
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

static int construct(Builder *b_in, VcDfa *ret, size_t *ret_conflict_rule);

int vc_dfa_construct(VcRegex *rx, const VcDfaRule *rules, size_t n_rules, VcDfa *ret,
		     size_t *ret_conflict_rule)
{
	Builder b = {.rx = rx, .consumed_rx = rx, .rules = rules, .n_rules = n_rules};

	return construct(&b, ret, ret_conflict_rule);
}

static int construct(Builder *b_in, VcDfa *ret, size_t *ret_conflict_rule)
{
	Builder b = *b_in;
	int r;

	r = build_unminimized(&b, ret_conflict_rule);
	if (r >= 0) {
		/* the table grew by doubling: give back what is not used */
		size_t used = (size_t)b.n_states * b.n_classes;

		if (b.wide_next) {
			uint32_t *exact = realloc(b.wide_next, used * sizeof(*exact));

			if (exact)
				b.wide_next = exact;
		} else {
			uint16_t *exact = realloc(b.next, used * sizeof(*exact));

			if (exact)
				b.next = exact;
		}
		*ret = (VcDfa){
		    .n_states = b.n_states,
		    .n_classes = b.n_classes,
		    .next = TAKE_PTR(b.next),
		    .wide_next = TAKE_PTR(b.wide_next),
		    .accept = TAKE_PTR(b.accept),
		};
		memcpy(ret->byte_class, b.byte_class, sizeof(b.byte_class));
	}
	builder_done(&b);
	return r;
}

int vc_dfa_build(const VcRegex *rx, const VcDfaRule *rules, size_t n_rules, VcDfa *ret,
		 size_t *ret_conflict_rule)
{
	Builder b = {.rx = rx, .rules = rules, .n_rules = n_rules};
	int r = construct(&b, ret, ret_conflict_rule);

	if (r < 0)
		return r;
	r = vc_dfa_minimize(ret);
	if (r < 0)
		vc_dfa_done(ret);
	return r;
}

/* ---- minimisation ---- */

#define NOT_LIVE UINT32_MAX

/*
 * Row s of the table as 32-bit state numbers, for loops over whole rows:
 * a narrow row is widened into buf (n_classes entries), a wide one is
 * used in place. Saves a width test per transition.
 */
static const uint32_t *row_of(const VcDfa *dfa, uint32_t s, uint32_t *buf)
{
	size_t at = (size_t)s * dfa->n_classes;

	if (dfa->wide_next)
		return dfa->wide_next + at;
	for (uint32_t c = 0; c < dfa->n_classes; c++)
		buf[c] = dfa->next[at + c];
	return buf;
}

/*
 * Trim: a state is live if some input leads from it to a state granting
 * something. All other states are the dead state in disguise; marking them
 * NOT_LIVE lets refinement ignore them and every transition into them,
 * which is most transitions (Valmari and Lehtinen's observation that
 * Hopcroft's algorithm works on partial automata). The states are numbered
 * roughly breadth first, so descending passes converge quickly.
 */
static void mark_live(const VcDfa *dfa, uint32_t *block)
{
	uint32_t k = dfa->n_classes;
	bool changed = true;

	for (uint32_t s = 0; s < dfa->n_states; s++) {
		const VcAccept *a = &dfa->accept[s];
		block[s] = a->accept || a->accept2 ? 0 : NOT_LIVE;
	}
	while (changed) {
		changed = false;
		for (uint32_t s = dfa->n_states; s-- > 0;) {
			if (block[s] != NOT_LIVE)
				continue;
			for (uint32_t c = 0; c < k; c++)
				if (block[vc_dfa_target(dfa, s, c)] != NOT_LIVE) {
					block[s] = 0;
					changed = true;
					break;
				}
		}
	}
}

static uint64_t hash_accept(const VcAccept *a)
{
	return vc_hash_mix(((uint64_t)a->accept << 32 | a->accept2) + 1);
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

		if (block[s] == NOT_LIVE)
			continue;
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

/*
 * Hopcroft's partition refinement.
 *
 * Blocks are ranges of one array of states, so a block splits by moving its
 * marked members to the front and cutting the range. A "splitter" block A
 * asks, for every class c: which states reach A on c? Every block holding
 * some but not all such states must split. When a block that is itself
 * waiting to be a splitter splits, both halves wait; otherwise only the
 * smaller half needs to, because the larger half's predecessors follow
 * from the old block's and the smaller half's. That "smaller half" rule
 * bounds the work by O(m log n) for m transitions.
 *
 * Only live states (see mark_live) take part, and only transitions between
 * them are indexed, so the cost follows the interesting transitions rather
 * than states x classes.
 */
typedef struct Partition {
	uint32_t *elems;	     /* states, grouped by block */
	uint32_t *loc;		     /* state -> index in elems */
	uint32_t *block;	     /* state -> block */
	uint32_t *first, *mid, *end; /* per block: [first, mid) marked, [mid, end) not */
	uint32_t n_blocks;
} Partition;

static void partition_done(Partition *p)
{
	free(p->elems);
	free(p->loc);
	free(p->first);
	free(p->mid);
	free(p->end);
}

/* Move s to the marked front of its block; remember blocks marked first time. */
static void mark_state(Partition *p, uint32_t s, uint32_t *touched, uint32_t *n_touched)
{
	uint32_t b = p->block[s], at = p->loc[s], other;

	if (at < p->mid[b])
		return; /* already marked */
	if (p->mid[b] == p->first[b])
		touched[(*n_touched)++] = b;
	other = p->elems[p->mid[b]];
	p->elems[at] = other;
	p->loc[other] = at;
	p->elems[p->mid[b]] = s;
	p->loc[s] = p->mid[b]++;
}

/* Put splitter member m in the list of class c (see refine). */
static void wait_for_class(uint32_t *class_head, uint32_t *class_link, VcByteSet *waiting,
			   uint32_t m, uint8_t c)
{
	if (!vc_byteset_has(waiting, c)) {
		vc_byteset_add(waiting, c);
		class_head[c] = UINT32_MAX;
	}
	class_link[m] = class_head[c];
	class_head[c] = m;
}

/* Take the lowest class with waiting members out of the set, or -1. */
static int next_waiting_class(VcByteSet *waiting)
{
	for (unsigned w = 0; w < 4; w++)
		if (waiting->w[w]) {
			unsigned bit = (unsigned)__builtin_ctzll(waiting->w[w]);

			waiting->w[w] &= waiting->w[w] - 1;
			return (int)(w * 64 + bit);
		}
	return -1;
}

static int refine(const VcDfa *dfa, uint32_t *block, uint32_t n_blocks, uint32_t *ret_n_blocks)
{
	uint32_t n = dfa->n_states, k = dfa->n_classes, row_buf[256];
	/* classes are bytes' classes, so a class number fits a byte */
	_cleanup_free_ uint8_t *in_class = NULL;
	/* sources of incoming transitions: 16-bit like the table, unless it is wide */
	_cleanup_free_ uint16_t *in_source = NULL;
	_cleanup_free_ uint32_t *wide_in_source = NULL;
	_cleanup_free_ uint32_t *in_start = NULL, *members = NULL, *cursor = NULL,
				*class_link = NULL, *touched = NULL, *stack = NULL;
	_cleanup_free_ bool *waiting = NULL;
	Partition p = {.block = block, .n_blocks = n_blocks};
	size_t n_in = 0, n_stack = 0;
	uint32_t n_live = 0;
	int r = -ENOMEM;

	/* Incoming live transitions per target state (counting sort). */
	in_start = calloc((size_t)n + 2, sizeof(uint32_t));
	if (!in_start)
		goto finish;
	for (uint32_t s = 0; s < n; s++) {
		const uint32_t *row;

		if (block[s] == NOT_LIVE)
			continue;
		row = row_of(dfa, s, row_buf);
		for (uint32_t c = 0; c < k; c++)
			if (block[row[c]] != NOT_LIVE) {
				in_start[row[c] + 2]++;
				n_in++;
			}
	}
	for (uint32_t t = 0; t < n; t++)
		in_start[t + 2] += in_start[t + 1];
	in_class = malloc((n_in + 1) * sizeof(*in_class));
	if (dfa->wide_next)
		wide_in_source = malloc((n_in + 1) * sizeof(uint32_t));
	else
		in_source = malloc((n_in + 1) * sizeof(uint16_t));
	members = malloc(((size_t)n + 1) * sizeof(uint32_t));
	cursor = malloc(((size_t)n + 1) * sizeof(uint32_t));
	class_link = malloc(((size_t)n + 1) * sizeof(uint32_t));
	touched = malloc(((size_t)n + 1) * sizeof(uint32_t));
	stack = malloc(((size_t)n + 1) * sizeof(uint32_t));
	waiting = calloc((size_t)n + 1, sizeof(bool));
	p.elems = malloc(((size_t)n + 1) * sizeof(uint32_t));
	p.loc = malloc(((size_t)n + 1) * sizeof(uint32_t));
	p.first = calloc((size_t)n + 1, sizeof(uint32_t));
	p.mid = malloc(((size_t)n + 1) * sizeof(uint32_t));
	p.end = malloc(((size_t)n + 1) * sizeof(uint32_t));
	if (!in_class || (!in_source && !wide_in_source) || !members || !cursor || !class_link ||
	    !touched || !stack || !waiting || !p.elems || !p.loc || !p.first || !p.mid || !p.end)
		goto finish;
	/*
	 * Class by class, so that each state's incoming list is sorted by
	 * class; members[] meanwhile lists the live states.
	 */
	for (uint32_t s = 0; s < n; s++)
		if (block[s] != NOT_LIVE)
			members[n_live++] = s;
	for (uint32_t c = 0; c < k; c++)
		for (uint32_t i = 0; i < n_live; i++) {
			uint32_t s = members[i], t = vc_dfa_target(dfa, s, c), at;

			if (block[t] == NOT_LIVE)
				continue;
			at = in_start[t + 1]++;
			in_class[at] = (uint8_t)c;
			if (in_source)
				in_source[at] = (uint16_t)s;
			else
				wide_in_source[at] = s;
		}
	/* in_start[t] .. in_start[t + 1] now delimit t's incoming transitions */

	/* Lay the initial blocks out in elems (counting sort by block). */
	for (uint32_t s = 0; s < n; s++)
		if (block[s] != NOT_LIVE)
			p.first[block[s] + 1]++;
	for (uint32_t b = 0; b < n_blocks; b++)
		p.first[b + 1] += p.first[b];
	for (uint32_t b = 0; b < n_blocks; b++)
		p.mid[b] = p.end[b] = p.first[b];
	for (uint32_t s = 0; s < n; s++) {
		uint32_t b = block[s];

		if (b == NOT_LIVE)
			continue;
		p.loc[s] = p.end[b];
		p.elems[p.end[b]++] = s;
	}
	for (uint32_t b = 0; b < n_blocks; b++) {
		stack[n_stack++] = b;
		waiting[b] = true;
	}

	while (n_stack > 0) {
		uint32_t a = stack[--n_stack];

		waiting[a] = false;

		/*
		 * A's members and a cursor into each one's incoming list (sorted
		 * by class): splitting moves states around within A's range of
		 * elems, so A is copied first. Walking all lists class by class
		 * needs no copy of the transitions themselves. Each member waits
		 * in the list of the class its cursor is at, so a class visits
		 * only the members with transitions on it, and only classes
		 * with waiting members are visited (bits of `waiting_classes`).
		 */
		uint32_t n_members = 0, class_head[256];
		VcByteSet waiting_classes = {};

		for (uint32_t i = p.first[a]; i < p.end[a]; i++) {
			uint32_t t = p.elems[i], m;

			if (in_start[t] == in_start[t + 1])
				continue;
			m = n_members++;
			members[m] = t;
			cursor[m] = in_start[t];
			wait_for_class(class_head, class_link, &waiting_classes, m,
				       in_class[cursor[m]]);
		}
		for (int c; (c = next_waiting_class(&waiting_classes)) >= 0;) {
			uint32_t n_touched = 0, m = class_head[c];

			while (m != UINT32_MAX) {
				uint32_t t = members[m], j = cursor[m], later = class_link[m];

				for (; j < in_start[t + 1] && in_class[j] == c; j++)
					mark_state(&p, in_source ? in_source[j] : wide_in_source[j],
						   touched, &n_touched);
				cursor[m] = j;
				if (j < in_start[t + 1])
					wait_for_class(class_head, class_link, &waiting_classes, m,
						       in_class[j]);
				m = later;
			}
			for (uint32_t i = 0; i < n_touched; i++) {
				uint32_t b = touched[i], nb;

				if (p.mid[b] == p.end[b]) { /* all marked: no split */
					p.mid[b] = p.first[b];
					continue;
				}
				nb = p.n_blocks++;
				p.first[nb] = p.first[b];
				p.end[nb] = p.mid[b];
				p.mid[nb] = p.first[nb];
				p.first[b] = p.mid[b];
				for (uint32_t j = p.first[nb]; j < p.end[nb]; j++)
					p.block[p.elems[j]] = nb;
				if (waiting[b] ||
				    p.end[nb] - p.first[nb] <= p.end[b] - p.first[b]) {
					stack[n_stack++] = nb;
					waiting[nb] = true;
				} else {
					stack[n_stack++] = b;
					waiting[b] = true;
				}
			}
		}
	}
	*ret_n_blocks = p.n_blocks;
	r = 0;
finish:
	partition_done(&p);
	return r;
}

int vc_dfa_minimize(VcDfa *dfa)
{
	_cleanup_free_ uint32_t *block = NULL, *new_block = NULL, *order = NULL;
	_cleanup_free_ uint16_t *new_next = NULL;
	_cleanup_free_ VcAccept *new_accept = NULL;
	uint32_t n = dfa->n_states, k = dfa->n_classes, n_blocks, n_out, row_buf[256];
	int r;

	block = malloc(n * sizeof(uint32_t));
	new_block = malloc(n * sizeof(uint32_t));
	order = malloc(n * sizeof(uint32_t));
	if (!block || !new_block || !order)
		return -ENOMEM;
	mark_live(dfa, block);
	r = initial_partition(dfa, block, &n_blocks);
	if (r < 0)
		return r;

	r = refine(dfa, block, n_blocks, &n_blocks);
	if (r < 0)
		return r;
	/* what is not live is one more block: the dead state's */
	for (uint32_t s = 0; s < n; s++)
		if (block[s] == NOT_LIVE)
			block[s] = n_blocks;

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
			new_next = calloc((size_t)2 * k, sizeof(*new_next));
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
			const uint32_t *row = row_of(dfa, order[head++], row_buf);

			for (uint32_t c = 0; c < k; c++) {
				uint32_t t2 = row[c];

				if (number[block[t2]] != UINT32_MAX)
					continue;
				number[block[t2]] = n_out;
				order[n_out++] = t2;
			}
		}
		if (n_out > MAX_DFA_STATES + 1)
			return -E2BIG;
		new_next = malloc((size_t)n_out * k * sizeof(*new_next));
		new_accept = malloc(n_out * sizeof(VcAccept));
		if (!new_next || !new_accept)
			return -ENOMEM;
		for (uint32_t o = 0; o < n_out; o++) {
			uint32_t s = order[o];
			const uint32_t *row = row_of(dfa, s, row_buf);

			new_accept[o] = dfa->accept[s];
			for (uint32_t c = 0; c < k; c++)
				new_next[(size_t)o * k + c] = (uint16_t)number[block[row[c]]];
		}
	}
replace:
	free(dfa->next);
	free(dfa->wide_next);
	free(dfa->accept);
	dfa->wide_next = NULL;
	dfa->next = TAKE_PTR(new_next);
	dfa->accept = TAKE_PTR(new_accept);
	dfa->n_states = n_out;
	return 0;
}
