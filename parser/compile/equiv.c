// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "parser/compile/equiv.h"
#include "parser/compile/util.h"

void vc_difference_done(VcDifference *diff)
{
	free(diff->witness);
	*diff = (VcDifference){};
}

typedef struct Pair {
	uint32_t a, b;
	uint32_t parent; /* index of the pair we came from; UINT32_MAX for the start */
	uint8_t byte;	 /* the byte that led here */
} Pair;

static uint64_t pair_key(uint32_t a, uint32_t b)
{
	return (uint64_t)a << 32 | b;
}

#define XINDEX_TYPE_MASK  0x0c000000u
#define XINDEX_INDEX_MASK 0x00ffffffu

/*
 * Records are equal field by field, except that exec targets in the xtable
 * are compared by name when both sides know their xtable: two compilers
 * may number the same targets differently.
 */
static bool same_record(const VcDecodedDfa *a, const VcKernelPerms *pa, const VcDecodedDfa *b,
			const VcKernelPerms *pb)
{
	VcKernelPerms x = *pa, y = *pb;
	uint32_t ia, ib;

	if (!a->xtable || !b->xtable || (x.xindex & XINDEX_TYPE_MASK) != VC_AA_X_TABLE ||
	    (y.xindex & XINDEX_TYPE_MASK) != VC_AA_X_TABLE)
		return vc_kernel_perms_equal(&x, &y);
	ia = x.xindex & XINDEX_INDEX_MASK;
	ib = y.xindex & XINDEX_INDEX_MASK;
	if (ia >= a->n_xtable || ib >= b->n_xtable || strcmp(a->xtable[ia], b->xtable[ib]) != 0)
		return false;
	x.xindex &= ~XINDEX_INDEX_MASK;
	y.xindex &= ~XINDEX_INDEX_MASK;
	return vc_kernel_perms_equal(&x, &y);
}

static bool same_perms(const VcDecodedDfa *a, uint32_t sa, const VcDecodedDfa *b, uint32_t sb)
{
	return same_record(a, &a->owner[sa], b, &b->owner[sb]) &&
	       same_record(a, &a->other[sa], b, &b->other[sb]);
}

static int report(const VcDecodedDfa *a, const VcDecodedDfa *b, const Pair *pairs, uint32_t bad,
		  VcDifference *diff)
{
	size_t len = 0;

	if (!diff)
		return 0;
	for (uint32_t i = bad; pairs[i].parent != UINT32_MAX; i = pairs[i].parent)
		len++;
	*diff = (VcDifference){
	    .witness = malloc(len + 1),
	    .witness_len = len,
	    .a_owner = a->owner[pairs[bad].a],
	    .a_other = a->other[pairs[bad].a],
	    .b_owner = b->owner[pairs[bad].b],
	    .b_other = b->other[pairs[bad].b],
	};
	if (!diff->witness)
		return -ENOMEM;
	diff->witness[len] = 0;
	for (uint32_t i = bad; pairs[i].parent != UINT32_MAX; i = pairs[i].parent)
		diff->witness[--len] = pairs[i].byte;
	return 0;
}

int vc_dfa_equivalent(const VcDecodedDfa *a, const VcDecodedDfa *b, VcDifference *ret_diff)
{
	_cleanup_free_ Pair *pairs = NULL;
	_cleanup_free_ uint64_t *keys = NULL; /* hash set of visited pairs */
	size_t n_pairs = 0, cap_pairs = 0, mask = 1023;
	int r;

	keys = malloc((mask + 1) * sizeof(uint64_t));
	if (!keys)
		return -ENOMEM;
	memset(keys, 0xff, (mask + 1) * sizeof(uint64_t));

	r = vc_grow(&pairs, &cap_pairs, 1, sizeof(Pair));
	if (r < 0)
		return r;
	pairs[n_pairs++] = (Pair){.a = a->start, .b = b->start, .parent = UINT32_MAX};
	keys[vc_hash_mix(pair_key(a->start, b->start)) & mask] = pair_key(a->start, b->start);

	for (size_t head = 0; head < n_pairs; head++) {
		Pair p = pairs[head];

		if (!same_perms(a, p.a, b, p.b)) {
			r = report(a, b, pairs, (uint32_t)head, ret_diff);
			return r < 0 ? r : 0;
		}
		for (unsigned byte = 0; byte < 256; byte++) {
			uint32_t na = a->next[(size_t)p.a * 256 + byte];
			uint32_t nb = b->next[(size_t)p.b * 256 + byte];
			uint64_t key = pair_key(na, nb);
			size_t j;

			for (j = vc_hash_mix(key) & mask; keys[j] != UINT64_MAX && keys[j] != key;
			     j = (j + 1) & mask)
				;
			if (keys[j] == key)
				continue;
			keys[j] = key;
			r = vc_grow(&pairs, &cap_pairs, n_pairs + 1, sizeof(Pair));
			if (r < 0)
				return r;
			pairs[n_pairs++] = (Pair){
			    .a = na, .b = nb, .parent = (uint32_t)head, .byte = (uint8_t)byte};

			if (n_pairs * 2 > mask) { /* rehash into a table twice the size */
				size_t new_mask = mask * 2 + 1;
				uint64_t *bigger = malloc((new_mask + 1) * sizeof(uint64_t));

				if (!bigger)
					return -ENOMEM;
				memset(bigger, 0xff, (new_mask + 1) * sizeof(uint64_t));
				for (size_t i = 0; i <= mask; i++) {
					size_t k;

					if (keys[i] == UINT64_MAX)
						continue;
					for (k = vc_hash_mix(keys[i]) & new_mask;
					     bigger[k] != UINT64_MAX; k = (k + 1) & new_mask)
						;
					bigger[k] = keys[i];
				}
				free(keys);
				keys = bigger;
				mask = new_mask;
			}
		}
	}
	return 1;
}
