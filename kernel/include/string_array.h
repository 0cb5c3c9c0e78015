/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - a named struct holding an array of strings
 */

#ifndef _VIGIL_STRING_ARRAY_H
#define _VIGIL_STRING_ARRAY_H

#include "policy_stream.h"

int vigil_stream_read_string_array(struct vigil_stream *stream,
				   const char *name,
				   int (*copy)(const char *text, size_t len,
					       char **out),
				   char ***array, u32 *count);
void vigil_string_array_free(char **array, u32 count);

#endif /* _VIGIL_STRING_ARRAY_H */
