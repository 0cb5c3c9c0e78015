/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - the few kernel facilities the pure decoders use
 *
 * The policy stream reader and the DFA code are pure functions over
 * untrusted bytes. They include only this header so that they also
 * build as ordinary userspace C, where a fuzzer can drive them; outside
 * the kernel the definitions below stand in for the kernel ones.
 */

#ifndef _VIGIL_PORTABLE_H
#define _VIGIL_PORTABLE_H

#ifdef __KERNEL__

#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/types.h>

/* The kernel's heapsort; the userspace stand-in is qsort(). */
#define vigil_sort(base, num, size, cmp) sort(base, num, size, cmp, NULL)

#else /* !__KERNEL__ */

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The compiler's own exact-width types, as <stdint.h> uses them. */
typedef __UINT8_TYPE__ u8;
typedef __UINT16_TYPE__ u16;
typedef __UINT32_TYPE__ u32;
typedef __UINT64_TYPE__ u64;

#define GFP_KERNEL 0
#define U16_MAX ((u16)~0U)
#define U32_MAX ((u32)~0U)

static inline void *kmalloc(size_t size, int gfp)
{
	return malloc(size);
}

static inline void *kzalloc(size_t size, int gfp)
{
	return calloc(1, size);
}

static inline void *kvcalloc(size_t count, size_t size, int gfp)
{
	return calloc(count, size);
}

static inline void kfree(const void *ptr)
{
	free((void *)ptr);
}

static inline void kvfree(const void *ptr)
{
	free((void *)ptr);
}

#define vigil_sort(base, num, size, cmp) qsort(base, num, size, cmp)

#endif /* __KERNEL__ */

#endif /* _VIGIL_PORTABLE_H */
