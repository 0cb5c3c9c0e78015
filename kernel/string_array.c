// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - a named struct holding an array of strings
 *
 *   NAME name STRUCT  ARRAY(count) { STRING }... ARRAYEND  STRUCTEND
 *
 * The layout of a DB's exec transition table ("xtable") and of a
 * profile's attachment xattr names ("xattrs"). Each caller checks and
 * copies its strings its own way.
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/string_array.h"

/**
 * vigil_stream_read_string_array - read an optional struct of strings
 * @stream: reader positioned where the struct may start
 * @name: the struct's name
 * @copy: checks one string (@len bytes, NUL-terminated at @len by the
 *	stream reader) and stores a private copy in *@out; returns 0 or a
 *	negative errno
 * @array: set to the kvcalloc()ed entries, NULL when there are none
 * @count: entries in *@array that may hold a copy
 *
 * On error *@array and *@count stay set, so the caller frees whatever
 * was copied with vigil_string_array_free().
 *
 * Return: 0 (also when the struct is absent), -EPROTO for a malformed
 * struct, -ENOMEM, or @copy's error.
 */
int vigil_stream_read_string_array(struct vigil_stream *stream,
				   const char *name,
				   int (*copy)(const char *text, size_t len,
					       char **out),
				   char ***array, u32 *count)
{
	const char *text;
	size_t len;
	u16 entries;
	u32 i;
	int err;

	*array = NULL;
	*count = 0;
	if (!vigil_stream_read_struct(stream, name))
		return 0;
	if (!vigil_stream_read_array(stream, NULL, &entries))
		return -EPROTO;
	if (entries) {
		*array = kvcalloc(entries, sizeof(**array), GFP_KERNEL);
		if (!*array)
			return -ENOMEM;
	}
	for (i = 0; i < entries; i++) {
		if (!vigil_stream_read_string(stream, NULL, &text, &len))
			return -EPROTO;
		/* Counted first: a failed copy leaves NULL, freed harmlessly. */
		*count = i + 1;
		err = copy(text, len, &(*array)[i]);
		if (err)
			return err;
	}
	if (!vigil_stream_read_array_close(stream))
		return -EPROTO;
	return 0;
}

/**
 * vigil_string_array_free - free an array of strings and its entries
 * @array: array from vigil_stream_read_string_array(), may be NULL
 * @count: entries that may hold a string
 */
void vigil_string_array_free(char **array, u32 count)
{
	u32 i;

	if (!array)
		return;
	for (i = 0; i < count; i++)
		kfree(array[i]);
	kvfree(array);
}
