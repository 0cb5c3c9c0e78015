// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "parser/version.h"

/* Tools such as aa-status parse the first line of the banner. */
static void banner_first_line_names_apparmor_release(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(out);
	vigil_print_version(out);
	assert_int_equal(fclose(out), 0);
	assert_true(strncmp(buf, "AppArmor parser version 3.0.8\n", 30) == 0);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(banner_first_line_names_apparmor_release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
