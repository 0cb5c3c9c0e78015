/* SPDX-License-Identifier: GPL-2.0-only */
/* Profile text to a binary policy stream with Vigil's own compiler. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Compile the profile file at path (or text, if non-NULL, named path in
 * messages) for the features at features_path (a file or directory; NULL:
 * the running kernel's, else apparmor_parser's fallback set), with
 * include_dirs searched for includes. Errors go to err. Returns 0 with a
 * malloc'ed stream, or a negative errno.
 */
int pd_compile_text(const char *path, const char *text, const char *features_path,
		    const char *const *include_dirs, size_t n_include_dirs, FILE *err,
		    uint8_t **ret_data, size_t *ret_size);
