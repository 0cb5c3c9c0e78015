// SPDX-License-Identifier: GPL-2.0-only
/*
 * DFA construction, minimisation, table packing and decoding, and the
 * equivalence checker, tested against an independent reference: the regex
 * tree matcher plus the permission combination rules, evaluated rule by
 * rule on every short string over a small alphabet and on random strings.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "parser/compile/compile.h"
#include "parser/compile/equiv.h"
#include "parser/compile/util.h"

static uint64_t rng_state = 0x853c49e6748fea9bull;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

static void random_glob(char *buf, size_t size)
{
	static const char *const pieces[] = {"a",  "b",	    "ab",   "*",    "**",    "?",
					     "a*", "{a,b}", "[ab]", "[^a]", "{,b*}", "*b"};
	unsigned n = 1 + rng() % 3;

	buf[0] = 0;
	for (unsigned i = 0; i < n; i++) {
		strncat(buf, "/", size - strlen(buf) - 1);
		strncat(buf, pieces[rng() % ELEMENTSOF(pieces)], size - strlen(buf) - 1);
	}
	if (rng() % 4 == 0)
		strncat(buf, "/", size - strlen(buf) - 1);
}

static VcRulePerms random_perms(void)
{
	static const uint16_t modes[] = {VC_MAY_READ,	VC_MAY_WRITE | VC_MAY_APPEND,
					 VC_MAY_APPEND, VC_MAY_LOCK,
					 VC_EXEC_MMAP,	VC_MAY_READ | VC_MAY_LOCK};
	uint16_t mode = modes[rng() % ELEMENTSOF(modes)];
	VcRulePerms p = {.user = mode, .other = rng() % 3 ? mode : 0};

	p.deny = rng() % 5 == 0;
	p.audit = rng() % 4 == 0;
	return p;
}

typedef struct RuleSet {
	VcRegex rx;
	VcDfaRule rules[12];
	char globs[12][64];
	size_t n;
} RuleSet;

static void random_rule_set(RuleSet *set)
{
	*set = (RuleSet){.n = 1 + rng() % 12};
	for (size_t i = 0; i < set->n; i++) {
		random_glob(set->globs[i], sizeof(set->globs[i]));
		assert_int_equal(vc_regex_from_glob(&set->rx, set->globs[i], strlen(set->globs[i]),
						    &set->rules[i].root, &set->rules[i].exact),
				 0);
		set->rules[i].perms = random_perms();
	}
}

/* What the rules grant on s, computed without any automaton. */
static VcAccept reference_accept(const RuleSet *set, const uint8_t *s, size_t len)
{
	VcPermsAccumulator acc = {};
	VcAccept a = {};

	for (size_t i = 0; i < set->n; i++)
		if (vc_regex_matches(&set->rx, set->rules[i].root, s, len))
			vc_perms_add(&acc, &set->rules[i].perms, set->rules[i].exact);
	assert_int_equal(vc_perms_finish(&acc, &a), 0);
	return a;
}

static void check_string(const RuleSet *set, const VcDecodedDfa *d, const uint8_t *s, size_t len)
{
	VcKernelPerms owner, other;
	uint32_t state = d->start;

	for (size_t i = 0; i < len; i++)
		state = d->next[(size_t)state * 256 + s[i]];
	vc_accept_to_kernel(reference_accept(set, s, len), &owner, &other);
	if (!vc_kernel_perms_equal(&owner, &d->owner[state]) ||
	    !vc_kernel_perms_equal(&other, &d->other[state])) {
		for (size_t i = 0; i < set->n; i++)
			print_message("rule %s user %x other %x deny %d audit %d\n", set->globs[i],
				      set->rules[i].perms.user, set->rules[i].perms.other,
				      set->rules[i].perms.deny, set->rules[i].perms.audit);
		fail_msg("mismatch on a %zu-byte string: owner allow %x vs %x", len, owner.allow,
			 d->owner[state].allow);
	}
}

/* Every string up to length 5 over "a", "b", "/", NUL and "x". */
static void check_all_short_strings(const RuleSet *set, const VcDecodedDfa *d)
{
	static const uint8_t alphabet[] = {'a', 'b', '/', 0, 'x'};
	uint8_t s[8];

	for (size_t len = 0; len <= 5; len++) {
		size_t total = 1;

		for (size_t i = 0; i < len; i++)
			total *= ELEMENTSOF(alphabet);
		for (size_t k = 0; k < total; k++) {
			size_t v = k;

			for (size_t i = 0; i < len; i++, v /= ELEMENTSOF(alphabet))
				s[i] = alphabet[v % ELEMENTSOF(alphabet)];
			check_string(set, d, s, len);
		}
	}
}

static void check_random_strings(const RuleSet *set, const VcDecodedDfa *d)
{
	static const uint8_t alphabet[] = {'a', 'b', '/', '/', 0, 'x', 0xff};
	uint8_t s[24];

	for (unsigned n = 0; n < 200; n++) {
		size_t len = rng() % sizeof(s);

		for (size_t i = 0; i < len; i++)
			s[i] = alphabet[rng() % ELEMENTSOF(alphabet)];
		check_string(set, d, s, len);
	}
}

static void test_round_trip(void **state)
{
	(void)state;
	for (unsigned iteration = 0; iteration < 150; iteration++) {
		RuleSet set;
		_cleanup_(vc_dfa_done) VcDfa dfa = {};

		random_rule_set(&set);
		assert_int_equal(vc_dfa_build(&set.rx, set.rules, set.n, &dfa, NULL), 0);
		for (unsigned variant = 0; variant < 8; variant++) {
			VcBlobOptions options = {.equivalence_classes = variant & 1,
						 .permstable = variant & 2,
						 .diff_encode = variant & 4};
			_cleanup_(vc_blob_done) VcBlob blob = {};
			_cleanup_(vc_decoded_dfa_done) VcDecodedDfa d = {};

			assert_int_equal(vc_dfa_write_blob(&dfa, &options, &blob), 0);
			assert_int_equal(blob.size % 8, 0);
			assert_int_equal(
			    vc_dfa_decode_blob(blob.data, blob.size, blob.perms, blob.n_perms, &d),
			    0);
			assert_int_equal(d.n_states, dfa.n_states);
			if (variant == 0)
				check_all_short_strings(&set, &d);
			check_random_strings(&set, &d);
		}
		vc_regex_done(&set.rx);
	}
}

/* A minimal DFA has no two equivalent states: check by pairwise product walks. */
static void test_minimal(void **state)
{
	(void)state;
	for (unsigned iteration = 0; iteration < 30; iteration++) {
		RuleSet set;
		_cleanup_(vc_dfa_done) VcDfa dfa = {};
		_cleanup_(vc_blob_done) VcBlob blob = {};
		_cleanup_(vc_decoded_dfa_done) VcDecodedDfa d = {};

		random_rule_set(&set);
		assert_int_equal(vc_dfa_build(&set.rx, set.rules, set.n, &dfa, NULL), 0);
		assert_int_equal(vc_dfa_write_blob(&dfa, NULL, &blob), 0);
		assert_int_equal(vc_dfa_decode_blob(blob.data, blob.size, NULL, 0, &d), 0);
		for (uint32_t s = 1; s < d.n_states && s < 40; s++)
			for (uint32_t t = 0; t < s; t++) {
				VcDecodedDfa a = d, b = d;

				a.start = s;
				b.start = t;
				assert_int_equal(vc_dfa_equivalent(&a, &b, NULL), 0);
			}
		vc_regex_done(&set.rx);
	}
}

static void test_state_counts(void **state)
{
	static const struct {
		const char *glob;
		uint32_t states;
	} cases[] = {
	    {"/a", 4},		 /* dead, start, "/", "/a" */
	    {"/etc/passwd", 13}, /* same count as apparmor_parser */
	    {"/a/*", 6},	 /* "/a/" then one byte, then a loop */
	    {"/**", 4},
	};

	(void)state;
	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		VcFileRule rule = {.glob = cases[i].glob, .perms = {.user = VC_MAY_READ}};
		_cleanup_(vc_dfa_done) VcDfa dfa = {};

		assert_int_equal(vc_compile_file_dfa(&rule, 1, &dfa, NULL), 0);
		if (dfa.n_states != cases[i].states)
			fail_msg("%s: %u states, expected %u", cases[i].glob, dfa.n_states,
				 cases[i].states);
	}
}

static void test_no_rules(void **state)
{
	_cleanup_(vc_blob_done) VcBlob blob = {};
	_cleanup_(vc_decoded_dfa_done) VcDecodedDfa d = {};

	(void)state;
	assert_int_equal(vc_compile_file_rules(NULL, 0, NULL, &blob, NULL), 0);
	assert_int_equal(vc_dfa_decode_blob(blob.data, blob.size, NULL, 0, &d), 0);
	assert_int_equal(d.n_states, 2);
	for (unsigned b = 0; b < 256; b++)
		assert_int_equal(d.next[256 + b], 0);
}

static void test_exec_precedence_and_conflicts(void **state)
{
	uint16_t px, ix, cx;
	VcFileRule rules[3] = {};
	_cleanup_(vc_dfa_done) VcDfa dfa = {};
	VcDfa other = {};
	size_t bad = 99;
	uint32_t s = VC_DFA_START;

	(void)state;
	assert_int_equal(vc_parse_file_mode("px", &px), 0);
	assert_int_equal(vc_parse_file_mode("ix", &ix), 0);
	assert_int_equal(vc_parse_file_mode("Cx", &cx), 0);
	rules[0] = (VcFileRule){.glob = "/usr/bin/*", .perms = {.user = px, .other = px}};
	rules[1] = (VcFileRule){.glob = "/usr/bin/bash", .perms = {.user = ix, .other = ix}};
	assert_int_equal(vc_compile_file_dfa(rules, 2, &dfa, NULL), 0);
	for (const char *p = "/usr/bin/bash"; *p; p++)
		s = vc_dfa_step(&dfa, s, (uint8_t)*p);
	/* ix implies m in the result */
	assert_int_equal(dfa.accept[s].accept, (ix | VC_EXEC_MMAP) * (1u + (1u << 14)));

	/* two globs with different modes on a common path */
	rules[1] = (VcFileRule){.glob = "/usr/bin/b*", .perms = {.user = cx, .other = cx}};
	assert_int_equal(vc_compile_file_dfa(rules, 2, &other, &bad), -ENOTUNIQ);
	assert_true(bad <= 1);
	/* the same mode twice is fine */
	rules[1].perms = rules[0].perms;
	assert_int_equal(vc_compile_file_dfa(rules, 2, &other, NULL), 0);
	vc_dfa_done(&other);
}

static uint32_t state_of(const VcDfa *dfa, const char *path)
{
	uint32_t s = VC_DFA_START;

	for (const char *p = path; *p; p++)
		s = vc_dfa_step(dfa, s, (uint8_t)*p);
	return s;
}

/*
 * audit_always (the mount class's data-match bit): audited without being
 * granted, from allow rules only, and it keeps rules that differ only in
 * it apart.
 */
static void test_audit_always(void **state)
{
	VcFileRule rules[3] = {
	    {.glob = "/a", .perms = {.user = VC_MAY_WRITE, .audit_always = 0x40}},
	    {.glob = "/b", .perms = {.user = VC_MAY_WRITE}},
	    {.glob = "/c", .perms = {.user = VC_MAY_WRITE, .deny = true, .audit_always = 0x40}},
	};
	_cleanup_(vc_dfa_done) VcDfa dfa = {};
	uint32_t a, b, c;

	(void)state;
	assert_int_equal(vc_compile_file_dfa(rules, 3, &dfa, NULL), 0);
	a = state_of(&dfa, "/a");
	b = state_of(&dfa, "/b");
	c = state_of(&dfa, "/c");
	assert_int_equal(dfa.accept[a].accept, VC_MAY_WRITE);
	assert_int_equal(dfa.accept[a].accept2, 0x40);
	assert_int_equal(dfa.accept[b].accept, VC_MAY_WRITE);
	assert_int_equal(dfa.accept[b].accept2, 0);
	/* a deny rule: quiet w, no audit */
	assert_int_equal(dfa.accept[c].accept, 0);
	assert_int_equal(dfa.accept[c].accept2, VC_MAY_WRITE << 7);
}

/*
 * Two rules granting the same, told apart only by their exactness, each
 * ending in a loop over any byte: after "a" both loops and both MATCH
 * states are in the subset. Each loop subsumes the other rule, and the
 * pruning of subsumed members once dropped both, losing the match.
 */
static void test_twin_universal_loops(void **state)
{
	_cleanup_(vc_regex_done) VcRegex rx = {};
	_cleanup_(vc_dfa_done) VcDfa dfa = {};
	VcDfaRule rules[2] = {};
	VcByteSet any = {};
	uint32_t s;

	(void)state;
	vc_byteset_fill(&any);
	vc_byteset_remove(&any, 0);
	for (unsigned i = 0; i < 2; i++) {
		uint32_t a, loop;

		assert_int_equal(vc_regex_byte(&rx, 'a', &a), 0);
		assert_int_equal(vc_regex_bytes(&rx, &any, &loop), 0);
		assert_int_equal(vc_regex_star(&rx, loop, &loop), 0);
		assert_int_equal(vc_regex_concat(&rx, a, loop, &rules[i].root), 0);
		rules[i].perms.user = VC_MAY_WRITE;
		rules[i].exact = i == 0;
	}
	assert_int_equal(vc_dfa_build(&rx, rules, 2, &dfa, NULL), 0);
	s = vc_dfa_step(&dfa, VC_DFA_START, 'a');
	assert_int_equal(dfa.accept[s].accept, VC_MAY_WRITE);
	s = vc_dfa_step(&dfa, s, 'b');
	assert_int_equal(dfa.accept[s].accept, VC_MAY_WRITE);
}

static void test_equivalence_witness(void **state)
{
	VcFileRule a[] = {{.glob = "/x/**", .perms = {.user = VC_MAY_READ, .other = VC_MAY_READ}}};
	VcFileRule b[] = {{.glob = "/x/**", .perms = {.user = VC_MAY_READ, .other = VC_MAY_READ}},
			  {.glob = "/x/*/y", .perms = {.user = VC_MAY_LOCK}}};
	VcFileRule c[] = {
	    {.glob = "/x/{?*,?*/**}", .perms = {.user = VC_MAY_READ, .other = VC_MAY_READ}}};
	_cleanup_(vc_blob_done) VcBlob ba = {}, bb = {}, bc = {};
	_cleanup_(vc_decoded_dfa_done) VcDecodedDfa da = {}, db = {}, dc = {};
	_cleanup_(vc_difference_done) VcDifference diff = {};
	VcBlobOptions ec = {.equivalence_classes = true};

	(void)state;
	assert_int_equal(vc_compile_file_rules(a, 1, NULL, &ba, NULL), 0);
	assert_int_equal(vc_compile_file_rules(b, 2, &ec, &bb, NULL), 0);
	assert_int_equal(vc_compile_file_rules(c, 1, &ec, &bc, NULL), 0);
	assert_int_equal(vc_dfa_decode_blob(ba.data, ba.size, NULL, 0, &da), 0);
	assert_int_equal(vc_dfa_decode_blob(bb.data, bb.size, NULL, 0, &db), 0);
	assert_int_equal(vc_dfa_decode_blob(bc.data, bc.size, NULL, 0, &dc), 0);

	/* the alternation of one and several components equals the double star */
	assert_int_equal(vc_dfa_equivalent(&da, &dc, NULL), 1);
	assert_int_equal(vc_dfa_equivalent(&da, &db, &diff), 0);
	/* shortest difference: "/x/" one byte "/y"; the byte is the first tried, \x01 */
	assert_int_equal(diff.witness_len, 6);
	assert_memory_equal(diff.witness, "/x/\x01/y", 6);
	assert_int_equal(diff.a_owner.allow & 0x8000, 0);
	assert_int_equal(diff.b_owner.allow & 0x8000, 0x8000);
}

static void test_decoder_rejects(void **state)
{
	VcFileRule rule = {.glob = "/a/*", .perms = {.user = VC_MAY_READ}};
	_cleanup_(vc_blob_done) VcBlob blob = {};
	VcDecodedDfa d = {};
	uint8_t *copy;

	(void)state;
	assert_int_equal(vc_compile_file_rules(&rule, 1, NULL, &blob, NULL), 0);
	copy = malloc(blob.size);
	assert_non_null(copy);

	/* bad magic */
	memcpy(copy, blob.data, blob.size);
	copy[0] ^= 1;
	assert_int_equal(vc_dfa_decode_blob(copy, blob.size, NULL, 0, &d), -EPROTO);
	/* unknown header flag */
	memcpy(copy, blob.data, blob.size);
	copy[13] = 4;
	assert_int_equal(vc_dfa_decode_blob(copy, blob.size, NULL, 0, &d), -EPROTO);
	/* truncated */
	assert_int_equal(vc_dfa_decode_blob(blob.data, blob.size - 16, NULL, 0, &d), -EPROTO);
	/* ACCEPT2 present together with a perms table */
	assert_int_equal(vc_dfa_decode_blob(blob.data, blob.size, (VcKernelPerms[2]){}, 2, &d),
			 -EPROTO);
	/* a NEXT entry out of range: the last u16 of the blob is in CHECK, patch it */
	memcpy(copy, blob.data, blob.size);
	copy[blob.size - 2] = 0xff;
	copy[blob.size - 1] = 0xff;
	/* padding may come last; only assert when the patched bytes were data */
	if (vc_dfa_decode_blob(copy, blob.size, NULL, 0, &d) == 0)
		vc_decoded_dfa_done(&d);
	free(copy);
}

/* Mutated blobs decode or are rejected; nothing in between (run under ASan too). */
static void test_decoder_mutations(void **state)
{
	VcFileRule rules[] = {{.glob = "/a/**", .perms = {.user = VC_MAY_READ}},
			      {.glob = "/b/*/c", .perms = {.other = VC_MAY_WRITE}}};
	VcBlobOptions options = {.equivalence_classes = true, .diff_encode = true};
	_cleanup_(vc_blob_done) VcBlob blob = {};
	uint8_t *copy;

	(void)state;
	assert_int_equal(vc_compile_file_rules(rules, 2, &options, &blob, NULL), 0);
	copy = malloc(blob.size);
	assert_non_null(copy);
	for (unsigned i = 0; i < 3000; i++) {
		VcDecodedDfa d = {};
		int r;

		memcpy(copy, blob.data, blob.size);
		for (unsigned flips = 1 + rng() % 3; flips > 0; flips--)
			copy[rng() % blob.size] ^= (uint8_t)(1u << (rng() % 8));
		r = vc_dfa_decode_blob(copy, blob.size - (rng() % 4 == 0 ? rng() % 64 : 0), NULL, 0,
				       &d);
		assert_true(r == 0 || r == -EPROTO);
		vc_decoded_dfa_done(&d);
	}
	free(copy);
}

/*
 * Many states over few byte classes: with an EC table the rows are only a
 * few columns wide, which stresses the comb packing differently.
 */
static void test_narrow_rows(void **state)
{
	enum { N = 400, LEN = 12 };
	static char globs[N][LEN + 2];
	static VcFileRule rules[N];
	static const uint16_t modes[] = {VC_MAY_READ, VC_MAY_WRITE, VC_MAY_LOCK, VC_EXEC_MMAP};

	(void)state;
	for (unsigned i = 0; i < N; i++) {
		globs[i][0] = '/';
		for (unsigned j = 1; j <= LEN; j++)
			globs[i][j] = "ab/"[rng() % (j == LEN ? 2 : 3)];
		globs[i][LEN + 1] = 0;
		rules[i] = (VcFileRule){.glob = globs[i], .perms = {.user = modes[rng() % 4]}};
	}
	for (unsigned variant = 0; variant < 8; variant++) {
		VcBlobOptions options = {.equivalence_classes = variant & 1,
					 .permstable = variant & 2,
					 .diff_encode = variant & 4};
		_cleanup_(vc_blob_done) VcBlob plain = {}, blob = {};
		_cleanup_(vc_decoded_dfa_done) VcDecodedDfa a = {}, b = {};

		assert_int_equal(vc_compile_file_rules(rules, N, NULL, &plain, NULL), 0);
		assert_int_equal(vc_compile_file_rules(rules, N, &options, &blob, NULL), 0);
		assert_int_equal(vc_dfa_decode_blob(plain.data, plain.size, NULL, 0, &a), 0);
		assert_int_equal(
		    vc_dfa_decode_blob(blob.data, blob.size, blob.perms, blob.n_perms, &b), 0);
		assert_int_equal(vc_dfa_equivalent(&a, &b, NULL), 1);
	}
}

/* More distinct literals than 65535 states can hold. */
static void test_too_many_states(void **state)
{
	enum { N = 5000, LEN = 24 };
	static char globs[N][LEN + 2];
	static VcFileRule rules[N];
	VcDfa dfa = {};

	(void)state;
	for (unsigned i = 0; i < N; i++) {
		globs[i][0] = '/';
		for (unsigned j = 1; j <= LEN; j++)
			globs[i][j] = (char)('a' + rng() % 26);
		globs[i][LEN + 1] = 0;
		rules[i] = (VcFileRule){.glob = globs[i], .perms = {.user = VC_MAY_READ}};
	}
	assert_int_equal(vc_compile_file_dfa(rules, N, &dfa, NULL), -E2BIG);
}

/*
 * An unminimised DFA past 65536 states, whose table is 32-bit, minimising
 * to a small one. Which of "a", "b" or another byte came 12 bytes from
 * the end is tracked apart (3^11 subsets: the three rules' tails are
 * written differently, so the NFA cannot share them), although together
 * the rules only mean "any byte but '/'" there.
 */
#define ELEVEN(x) x x x x x x x x x x x
static void test_wide_unminimised_table(void **state)
{
	static const char *const globs[] = {"/**a" ELEVEN("?"), "/**b" ELEVEN("{?,?}"),
					    "/**[^ab/]" ELEVEN("{?,{?,?}}")};
	VcFileRule one = {.glob = "/**[^/]" ELEVEN("?"), .perms = {.user = VC_MAY_READ}};
	_cleanup_(vc_regex_done) VcRegex rx = {};
	_cleanup_(vc_dfa_done) VcDfa dfa = {};
	_cleanup_(vc_blob_done) VcBlob blob = {}, one_blob = {};
	_cleanup_(vc_decoded_dfa_done) VcDecodedDfa a = {}, b = {};
	VcDfaRule rules[3];
	bool exact;

	(void)state;
	for (unsigned i = 0; i < 3; i++) {
		rules[i] = (VcDfaRule){.perms = {.user = VC_MAY_READ}};
		assert_int_equal(
		    vc_regex_from_glob(&rx, globs[i], strlen(globs[i]), &rules[i].root, &exact), 0);
	}
	assert_int_equal(vc_dfa_construct(&rx, rules, 3, &dfa, NULL), 0);
	assert_true(dfa.n_states > VC_DFA_NARROW_STATES);
	assert_non_null(dfa.wide_next);
	assert_null(dfa.next);
	assert_int_equal(vc_dfa_minimize(&dfa), 0);
	assert_null(dfa.wide_next);
	assert_true(dfa.n_states < 40);
	assert_int_equal(dfa.accept[state_of(&dfa, "/x/" ELEVEN("a"))].accept, 0);
	assert_int_not_equal(dfa.accept[state_of(&dfa, "/x/b" ELEVEN("a"))].accept, 0);

	assert_int_equal(vc_dfa_write_blob(&dfa, NULL, &blob), 0);
	assert_int_equal(vc_compile_file_rules(&one, 1, NULL, &one_blob, NULL), 0);
	assert_int_equal(vc_dfa_decode_blob(blob.data, blob.size, NULL, 0, &a), 0);
	assert_int_equal(vc_dfa_decode_blob(one_blob.data, one_blob.size, NULL, 0, &b), 0);
	assert_int_equal(vc_dfa_equivalent(&a, &b, NULL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_state_counts),
	    cmocka_unit_test(test_no_rules),
	    cmocka_unit_test(test_exec_precedence_and_conflicts),
	    cmocka_unit_test(test_audit_always),
	    cmocka_unit_test(test_twin_universal_loops),
	    cmocka_unit_test(test_equivalence_witness),
	    cmocka_unit_test(test_decoder_rejects),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_minimal),
	    cmocka_unit_test(test_decoder_mutations),
	    cmocka_unit_test(test_narrow_rows),
	    cmocka_unit_test(test_too_many_states),
	    cmocka_unit_test(test_wide_unminimised_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
