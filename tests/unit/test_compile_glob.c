// SPDX-License-Identifier: GPL-2.0-only
/*
 * Glob semantics. Every expectation below was observed on the output of
 * apparmor_parser 3.0.8 (compile a one-rule profile, walk its file DFA).
 * Each case is checked twice: with the reference matcher on the regex tree
 * and on the DFA the builder makes from it.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "parser/compile/compile.h"
#include "parser/compile/regex.h"
#include "parser/compile/util.h"

typedef struct GlobCase {
	const char *glob;
	const char *input;
	size_t input_len; /* 0: strlen(input) */
	bool match;
} GlobCase;

static const GlobCase cases[] = {
    /* '*' stays within a component; after '/' and before '/' or end it needs a byte */
    {"/foo/*", "/foo/a", 0, true},
    {"/foo/*", "/foo/ab", 0, true},
    {"/foo/*", "/foo/", 0, false},
    {"/foo/*", "/foo/a/", 0, false},
    {"/foo/*", "/foo", 0, false},
    {"/foo*", "/foo", 0, true},
    {"/foo*", "/foox", 0, true},
    {"/foo*", "/foo/", 0, false},
    {"/a/*b", "/a/b", 0, true},
    {"/a/*b", "/a/xb", 0, true},
    {"/a/*/", "/a//", 0, false},
    {"/a/*/", "/a/x/", 0, true},
    {"/a/*/*/", "/a//c/", 0, false},
    {"/a/*{b,}", "/a/", 0, true},
    {"/a/*?", "/a/", 0, false},
    {"/a/*?", "/a/b", 0, true},
    {"/a/{*,x}", "/a/", 0, true},
    /* '**' crosses components, with the same non-empty rule */
    {"/foo/**", "/foo/a/b", 0, true},
    {"/foo/**", "/foo/a/", 0, true},
    {"/foo/**", "/foo/", 0, false},
    {"/foo/**", "/foo//a", 0, false},
    {"/foo/**", "/foo/a//b", 0, true},
    {"/a/**/b", "/a/b", 0, false},
    {"/a/**/b", "/a/x/y/b", 0, true},
    {"/a/**b", "/a/b", 0, true},
    {"/a/**b", "/a/x/b", 0, true},
    {"/a**", "/a", 0, true},
    {"/a**", "/a/b", 0, true},
    {"/**", "/", 0, false},
    {"/**", "/a/", 0, true},
    {"/**", "//", 0, false},
    {"/a/***", "/a/x/y", 0, true},
    {"/a/***", "/a/", 0, false},
    /* wildcards never match NUL */
    {"/a/*", "/a/\0", 4, false},
    {"/a/**", "/a/x\0", 5, false},
    {"/a?", "/a\0", 3, false},
    /* '?' */
    {"/a?", "/ab", 0, true},
    {"/a?", "/a", 0, false},
    {"/a?", "/a/", 0, false},
    {"/a/?", "/a/b", 0, true},
    {"/a/?", "/a/bc", 0, false},
    /* classes; a negated class admits '/' and NUL */
    {"/[abc]", "/a", 0, true},
    {"/[abc]", "/d", 0, false},
    {"/[a-c]", "/b", 0, true},
    {"/[a-c]", "/-", 0, false},
    {"/[^a]", "/a", 0, false},
    {"/[^a]", "/b", 0, true},
    {"/[^a]", "//", 0, true},
    {"/[^a]", "/\0", 2, true},
    /* alternation, nested, with empty alternatives */
    {"/{a,b{c,d},}", "/", 0, true},
    {"/{a,b{c,d},}", "/a", 0, true},
    {"/{a,b{c,d},}", "/bd", 0, true},
    {"/{a,b{c,d},}", "/b", 0, false},
    {"/{a,b{c,d},}", "/ab", 0, false},
    {"/a{/,}/b", "/a//b", 0, true},
    {"/a{/,}/b", "/a/b", 0, true},
    /* slash collapsing: runs become one, except exactly two leading */
    {"//foo///bar", "//foo/bar", 0, true},
    {"//foo///bar", "/foo/bar", 0, false},
    {"///foo", "/foo", 0, true},
    {"///foo", "//foo", 0, false},
    {"//foo", "//foo", 0, true},
    {"//foo", "/foo", 0, false},
    {"/a//*/b", "/a/x/b", 0, true},
    {"/a//*/b", "/a//b", 0, false},
    /* escapes */
    {"/\\*\\{", "/*{", 0, true},
    {"/\\*\\{", "/a{", 0, false},
    {"/a/\\*", "/a/*", 0, true},
    {"/a/\\*", "/a/x", 0, false},
};

static void test_reference_matcher(void **state)
{
	(void)state;
	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		const GlobCase *c = &cases[i];
		size_t len = c->input_len ? c->input_len : strlen(c->input);
		_cleanup_(vc_regex_done) VcRegex rx = {};
		uint32_t root;

		assert_int_equal(vc_regex_from_glob(&rx, c->glob, strlen(c->glob), &root, NULL), 0);
		if (vc_regex_matches(&rx, root, (const uint8_t *)c->input, len) != c->match)
			fail_msg("glob \"%s\" on \"%s\": expected %s", c->glob, c->input,
				 c->match ? "match" : "no match");
	}
}

static void test_dfa_matches(void **state)
{
	(void)state;
	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		const GlobCase *c = &cases[i];
		size_t len = c->input_len ? c->input_len : strlen(c->input);
		VcFileRule rule = {.glob = c->glob, .perms = {.user = VC_MAY_READ}};
		_cleanup_(vc_dfa_done) VcDfa dfa = {};
		uint32_t s = VC_DFA_START;

		assert_int_equal(vc_compile_file_dfa(&rule, 1, &dfa, NULL), 0);
		for (size_t j = 0; j < len; j++)
			s = vc_dfa_step(&dfa, s, (uint8_t)c->input[j]);
		if ((dfa.accept[s].accept != 0) != c->match)
			fail_msg("DFA for \"%s\" on \"%s\": expected %s", c->glob, c->input,
				 c->match ? "match" : "no match");
	}
}

static void test_malformed(void **state)
{
	static const char *const bad[] = {"/a{b", "/a}", "/a[b", "/a\\", "/a[z-a]", "/a{b,{c}"};

	(void)state;
	for (size_t i = 0; i < ELEMENTSOF(bad); i++) {
		_cleanup_(vc_regex_done) VcRegex rx = {};
		uint32_t root;

		if (vc_regex_from_glob(&rx, bad[i], strlen(bad[i]), &root, NULL) != -EINVAL)
			fail_msg("\"%s\" should be rejected", bad[i]);
	}
}

static void test_exact(void **state)
{
	static const struct {
		const char *glob;
		bool exact;
	} exact[] = {
	    {"/usr/bin/bash", true},  {"/usr/bin/*", false},	  {"/usr/bin/ba?h", false},
	    {"/usr/{s,}bin/x", true}, {"/usr/{s*,}bin/x", false}, {"/dev/sd[ab]", false},
	};

	(void)state;
	for (size_t i = 0; i < ELEMENTSOF(exact); i++) {
		_cleanup_(vc_regex_done) VcRegex rx = {};
		uint32_t root;
		bool is_exact;

		assert_int_equal(
		    vc_regex_from_glob(&rx, exact[i].glob, strlen(exact[i].glob), &root, &is_exact),
		    0);
		assert_int_equal(is_exact, exact[i].exact);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reference_matcher),
	    cmocka_unit_test(test_dfa_matches),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
