/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_ARENA_H
#define VIGIL_PARSER_ARENA_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A bump allocator. The front end allocates every node and string of a
 * policy here and frees the lot at once, so no node needs its own
 * destructor and error paths never leak.
 */
struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total;
};

void arena_init(struct arena *a);
void arena_release(struct arena *a);

/* Zeroed memory; aborts on out-of-memory like the rest of the parser. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define arena_new(a, type) ((type *)arena_alloc((a), sizeof(type)))

#endif
