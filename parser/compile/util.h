/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small helpers shared by the compiler core: automatic cleanup in the style
 * of systemd's src/basic, overflow-checked growth of flat arrays, and
 * big-endian stores for the DFA blob.
 */
#pragma once

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define _cleanup_(f)  __attribute__((cleanup(f)))
#define _unused_      __attribute__((unused))
#define ELEMENTSOF(a) (sizeof(a) / sizeof((a)[0]))

static inline void freep(void *p)
{
	free(*(void **)p);
}
#define _cleanup_free_ _cleanup_(freep)

/* Hand a pointer over to the caller so the cleanup handler leaves it alone. */
#define TAKE_PTR(p)                                                                                \
	({                                                                                         \
		__typeof__(p) _taken = (p);                                                        \
		(p) = NULL;                                                                        \
		_taken;                                                                            \
	})

/*
 * Make room for at least `need` elements of `size` bytes in *array, whose
 * capacity is *capacity elements. Capacity doubles so that appending n
 * elements one at a time costs O(n) copies overall. Returns 0 or -ENOMEM.
 */
static inline int vc_grow(void *array, size_t *capacity, size_t need, size_t size)
{
	void **p = array;
	size_t cap = *capacity;
	void *q;

	if (need <= cap)
		return 0;
	if (cap < 16)
		cap = 16;
	while (cap < need) {
		if (cap > SIZE_MAX / 2 / size)
			return -ENOMEM;
		cap *= 2;
	}
	q = realloc(*p, cap * size);
	if (!q)
		return -ENOMEM;
	*p = q;
	*capacity = cap;
	return 0;
}

static inline void vc_put_be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline void vc_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static inline uint16_t vc_get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t vc_get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* 64-bit mixing step (from the public-domain splitmix64 finaliser). */
static inline uint64_t vc_hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}
