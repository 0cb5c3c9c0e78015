// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the front end: any byte string is a policy file.
 * The property under test is that parsing and checking always end, in
 * bounded memory, with either a policy or a diagnostic -- never a crash.
 *
 * Built only on request: "make parser-fuzz", then
 *   parser/fuzz/fuzz-frontend -max_len=4096 parser/fuzz/corpus
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/frontend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const include_dirs[] = {"/etc/apparmor.d"};
	static FILE *sink;
	struct frontend fe;
	struct policy *pol;
	char *text;

	if (!sink)
		sink = fopen("/dev/null", "we");
	/* The front end takes C strings: cut at the first NUL like a file read would not. */
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	frontend_init(&fe, include_dirs, 1, sink);
	(void)frontend_load_text(&fe, "fuzz", text, &pol);
	frontend_release(&fe);
	free(text);
	return 0;
}
