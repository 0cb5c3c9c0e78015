// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pathological globs end in a clear error that names the rule, within
 * bounded time and memory (the limits of parser/compile/dfa.h), and a
 * merely long but harmless glob still compiles.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <cmocka.h>

#include "parser/compile/compile.h"
#include "tools/policy-diff/compile-text.h"

/* Well above anything a passing compile needs, far below an OOM. */
#define MAX_RSS_KIB (200 * 1024)
#define MAX_SECONDS 20.0

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Compile text as "test.prof"; returns the compiler's result, *messages what it printed. */
static int compile_text(const char *text, char **messages)
{
	uint8_t *data = NULL;
	size_t len, size;
	FILE *err = open_memstream(messages, &len);
	int r;

	assert_non_null(err);
	r = pd_compile_text("test.prof", text, VC_TEST_FEATURES, NULL, 0, err, &data, &size);
	fclose(err);
	free(data);
	return r;
}

static void assert_contains(const char *text, const char *needle)
{
	if (!strstr(text, needle)) {
		print_error("expected \"%s\" in:\n%s", needle, text);
		fail();
	}
}

static void assert_bounded(double started)
{
	struct rusage ru;

	assert_true(now() - started < MAX_SECONDS);
	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	assert_true(ru.ru_maxrss < MAX_RSS_KIB);
}

/* A double star, "a", then n '?': the classic 2^n-state DFA. */
static void test_state_explosion_names_the_rule(void **state)
{
	double started = now();
	char text[256], *messages;

	(void)state;
	snprintf(text, sizeof(text), "profile p {\n  /etc/x r,\n  /**a%s r,\n}\n",
		 "??????????????????????????????");
	assert_int_equal(compile_text(text, &messages), -E2BIG);
	assert_contains(messages, "test.prof:3:3: error: profile p: rule '/**a???");
	assert_contains(messages, "is too complex");
	free(messages);
	assert_bounded(started);
}

/* The same shape, smaller: fine. Many double stars in a row cost nothing. */
static void test_harmless_globs_compile(void **state)
{
	double started = now();
	char *messages;

	(void)state;
	assert_int_equal(compile_text("profile p {\n  /**a???????? r,\n  "
				      "/**a**b**c**d**e**f**g**h**i**j**k**l**m**n**o**p rw,\n}\n",
				      &messages),
			 0);
	free(messages);
	assert_bounded(started);
}

/* Huge alternations from variables: refused at expansion, with the rule's place. */
static void test_expansion_blowup_is_refused(void **state)
{
	double started = now();
	char *messages;

	(void)state;
	assert_int_equal(compile_text("@{A}=a b\n@{B}=@{A}@{A}\n@{C}=@{B}@{B}\n@{D}=@{C}@{C}\n"
				      "@{E}=@{D}@{D}\n@{F}=@{E}@{E}\n"
				      "profile p {\n  /x/@{F}@{F}@{F}/** r,\n}\n",
				      &messages),
			 -EINVAL);
	assert_contains(messages, "test.prof:8:3: error: variable expansion");
	assert_contains(messages, "is too large");
	free(messages);
	assert_bounded(started);
}

/* The core alone: -E2BIG, and the bad rule's index. */
static void test_core_limit(void **state)
{
	VcFileRule rules[] = {
	    {.glob = "/etc/passwd", .perms = {.user = VC_MAY_READ, .other = VC_MAY_READ}},
	    {.glob = "/**x????????????????????????", .perms = {.user = VC_MAY_READ}},
	};
	VcBlobOptions options = {};
	VcBlob blob = {};
	double started = now();

	(void)state;
	assert_int_equal(vc_compile_file_rules(rules, 2, &options, &blob, NULL), -E2BIG);
	assert_int_equal(vc_compile_file_rules(rules, 1, &options, &blob, NULL), 0);
	vc_blob_done(&blob);
	assert_bounded(started);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_state_explosion_names_the_rule),
	    cmocka_unit_test(test_harmless_globs_compile),
	    cmocka_unit_test(test_expansion_blowup_is_refused),
	    cmocka_unit_test(test_core_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
