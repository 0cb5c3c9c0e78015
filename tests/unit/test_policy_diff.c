// SPDX-License-Identifier: GPL-2.0-only
/*
 * vigil-policy-diff's library: two profile texts compiled by Vigil's
 * compiler and compared (equal, widened, narrowed, capabilities), and the
 * decoder on corrupt and truncated streams.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tools/policy-diff/compile-text.h"
#include "tools/policy-diff/decode.h"
#include "tools/policy-diff/diff.h"

static void compile(const char *text, uint8_t **data, size_t *size)
{
	assert_int_equal(
	    pd_compile_text("test.prof", text, PD_TEST_FEATURES, NULL, 0, stderr, data, size), 0);
}

static void decode(const char *text, PdPolicy *pol)
{
	uint8_t *data;
	size_t size;
	char err[128];

	compile(text, &data, &size);
	assert_int_equal(pd_decode(data, size, pol, err, sizeof(err)), 0);
	free(data);
}

/* Compare two texts; returns pd_diff's result, *report gets the output. */
static int diff_texts(const char *a_text, const char *b_text, char **report)
{
	PdDiffOptions options = {.label_a = "A", .label_b = "B"};
	PdPolicy a, b;
	size_t len;
	FILE *out = open_memstream(report, &len);
	int r;

	assert_non_null(out);
	decode(a_text, &a);
	decode(b_text, &b);
	r = pd_diff(&a, &b, &options, out);
	fclose(out);
	pd_policy_done(&a);
	pd_policy_done(&b);
	return r;
}

static void assert_contains(const char *report, const char *needle)
{
	if (!strstr(report, needle)) {
		print_error("expected \"%s\" in:\n%s", needle, report);
		fail();
	}
}

static void test_equal(void **state)
{
	char *report;

	(void)state;
	/* the same policy written differently */
	assert_int_equal(diff_texts("profile p { /etc/{a,b} r, capability chown, }",
				    "profile p { capability chown, /etc/a r, /etc/b r, }", &report),
			 0);
	assert_contains(report, "profile p: equivalent");
	free(report);
}

static void test_widened(void **state)
{
	char *report;

	(void)state;
	assert_int_equal(diff_texts("profile p { /etc/passwd r, }",
				    "profile p { /etc/passwd r, /etc/* r, }", &report),
			 1);
	assert_contains(report, "profile p: file rules differ");
	/* breadth first: the shortest path the glob grants and /etc/passwd does not */
	assert_contains(report, "shortest input where they differ: \"/etc/\\x01\"");
	assert_contains(report, "  A: -\n");
	assert_contains(report, "  B: r\n");
	free(report);
}

static void test_narrowed(void **state)
{
	char *report;

	(void)state;
	assert_int_equal(diff_texts("profile p { /srv/** rw, /usr/bin/x ix, }",
				    "profile p { /srv/** r, /usr/bin/x px, }", &report),
			 1);
	assert_contains(report, "file rules differ");
	assert_contains(report, "  A: r w\n");
	assert_contains(report, "  B: r\n");
	free(report);
	/* an exec mode change is a difference in human terms too */
	assert_int_equal(
	    diff_texts("profile p { /usr/bin/x ix, }", "profile p { /usr/bin/x px, }", &report), 1);
	assert_contains(report, "\"/usr/bin/x\"");
	assert_contains(report, "  A: ix m\n");
	assert_contains(report, "  B: px\n");
	free(report);
}

static void test_caps(void **state)
{
	char *report;

	(void)state;
	assert_int_equal(diff_texts("profile p { capability chown, capability kill, }",
				    "profile p { capability kill, }", &report),
			 1);
	assert_contains(report, "capabilities (allow) differ");
	assert_contains(report, "only in A: 0\n"); /* CAP_CHOWN */
	assert_contains(report, "only in B: -");
	free(report);
}

static void test_profiles_paired_by_name(void **state)
{
	char *report;

	(void)state;
	assert_int_equal(
	    diff_texts("profile p { } profile q { }", "profile q { } profile p { }", &report), 0);
	free(report);
	assert_int_equal(diff_texts("profile p { }", "profile r { }", &report), 1);
	assert_contains(report, "profile p: only in A");
	assert_contains(report, "profile r: only in B");
	free(report);
}

/* Every truncation and many corruptions: an error or a valid decode, never a crash. */
static void test_corrupt(void **state)
{
	uint8_t *data, *copy;
	size_t size;
	char err[128];
	PdPolicy pol;

	(void)state;
	compile("profile p /usr/bin/p* { /etc/** r, /bin/x Px -> q, capability chown, "
		"network inet tcp, } profile q { }",
		&data, &size);
	for (size_t n = 0; n < size; n++) {
		err[0] = '\0';
		int r = pd_decode(data, n, &pol, err, sizeof(err));

		/* a cut between two records is a valid shorter stream */
		if (r == 0) {
			assert_true(pol.n_profiles == 1);
			pd_policy_done(&pol);
			continue;
		}
		assert_int_equal(r, -EPROTO);
		assert_true(strncmp(err, "offset ", 7) == 0);
	}
	copy = malloc(size);
	assert_non_null(copy);
	for (size_t i = 0; i < size; i++) {
		static const uint8_t values[] = {0x00, 0xff, 0x7f, 0x80};

		for (size_t v = 0; v < sizeof(values); v++) {
			memcpy(copy, data, size);
			copy[i] = values[v];
			if (pd_decode(copy, size, &pol, err, sizeof(err)) == 0)
				pd_policy_done(&pol);
		}
	}
	/* a blob length pointing far past the end */
	memcpy(copy, data, size);
	assert_int_equal(pd_decode((const uint8_t *)"\x04\x08\x00version\x00\x02\x07\x20\x20\x00"
						    "\x04\x08\x00profile\x00\x07\x05\x02\x00p\x00"
						    "\x04\x06\x00"
						    "aadfa\x00\x06\xff\xff\xff\x7f",
				   47, &pol, err, sizeof(err)),
			 -EPROTO);
	assert_non_null(strstr(err, "runs past the end"));
	assert_int_equal(pd_decode((const uint8_t *)"", 0, &pol, err, sizeof(err)), -EPROTO);
	free(copy);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_equal),
	    cmocka_unit_test(test_widened),
	    cmocka_unit_test(test_narrowed),
	    cmocka_unit_test(test_caps),
	    cmocka_unit_test(test_profiles_paired_by_name),
	    cmocka_unit_test(test_corrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
