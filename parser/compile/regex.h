/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Regular-expression trees and AppArmor glob translation.
 *
 * A rule's path glob is turned into a small regular expression tree over
 * bytes. All trees of one compilation live in one arena (VcRegex) so that
 * building thousands of rules costs a few reallocations, not thousands of
 * mallocs. Nodes refer to each other by index.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A set of byte values, one bit per value. */
typedef struct VcByteSet {
	uint64_t w[4];
} VcByteSet;

static inline void vc_byteset_add(VcByteSet *s, uint8_t b)
{
	s->w[b >> 6] |= UINT64_C(1) << (b & 63);
}

static inline void vc_byteset_remove(VcByteSet *s, uint8_t b)
{
	s->w[b >> 6] &= ~(UINT64_C(1) << (b & 63));
}

static inline bool vc_byteset_has(const VcByteSet *s, uint8_t b)
{
	return (s->w[b >> 6] >> (b & 63)) & 1;
}

static inline void vc_byteset_fill(VcByteSet *s)
{
	for (unsigned i = 0; i < 4; i++)
		s->w[i] = UINT64_MAX;
}

typedef enum VcRegexKind {
	VC_RX_EMPTY,  /* matches the empty string */
	VC_RX_BYTES,  /* one byte from a set */
	VC_RX_CONCAT, /* left then right */
	VC_RX_ALT,    /* left or right */
	VC_RX_STAR,   /* left repeated zero or more times */
} VcRegexKind;

typedef struct VcRegexNode {
	VcRegexKind kind;
	uint32_t left;	/* child node (CONCAT, ALT, STAR) */
	uint32_t right; /* second child (CONCAT, ALT) */
	uint32_t set;	/* index into VcRegex.sets (BYTES) */
	bool negated;	/* BYTES written as "any but": ?, [^..], wildcards */
} VcRegexNode;

typedef struct VcRegex {
	VcRegexNode *nodes;
	size_t n_nodes, cap_nodes;
	VcByteSet *sets;
	size_t n_sets, cap_sets;
} VcRegex;

void vc_regex_done(VcRegex *rx);

/* Node constructors; each returns 0 and the new node's index, or -ENOMEM. */
int vc_regex_empty(VcRegex *rx, uint32_t *ret);
int vc_regex_bytes(VcRegex *rx, const VcByteSet *set, uint32_t *ret);
int vc_regex_byte(VcRegex *rx, uint8_t byte, uint32_t *ret);
int vc_regex_concat(VcRegex *rx, uint32_t left, uint32_t right, uint32_t *ret);
int vc_regex_alt(VcRegex *rx, uint32_t left, uint32_t right, uint32_t *ret);
int vc_regex_star(VcRegex *rx, uint32_t body, uint32_t *ret);

/*
 * Translate an AppArmor path glob (variables already expanded, quotes
 * removed) into a tree. Semantics, each checked against apparmor_parser
 * 3.0.8 output:
 *
 *   *      any run of bytes except '/' and NUL
 *   **     any run of bytes except NUL (a run of three or more '*' is '**')
 *   ?      one byte except '/' and NUL
 *   [..]   one byte of the set; ranges a-z; [^..] any byte except the set
 *          (NUL included, unlike the wildcards)
 *   {a,b}  alternation, nestable, empty alternatives allowed
 *   \c     the byte c literally
 *   A '*' or '**' written directly after '/' and followed by '/' or the end
 *   of the glob must match at least one byte, and that byte is not '/':
 *   "/tmp/" "*" does not match "/tmp/", "/a/" "**" does not match "/a//x".
 *   Runs of '/' collapse to one, except that a glob starting with exactly
 *   two slashes keeps them ("//host/x"); this is done on the text, so
 *   "/a{/,}/b" still matches "/a//b".
 *
 * *ret_exact tells whether the glob has no '*', '?' or '[' (an "exact"
 * rule, whose exec mode takes precedence over globbing rules); like
 * apparmor_parser, alternatives of literals ("/usr/{s,}bin/x") are exact.
 * Returns 0, -EINVAL for a malformed glob, or -ENOMEM.
 */
int vc_regex_from_glob(VcRegex *rx, const char *glob, size_t len, uint32_t *ret_root,
		       bool *ret_exact);

/*
 * apparmor_parser's "xmatch_len" of an attachment: the length of the
 * shortest match of the part before the first repetition. Literals and
 * classes count one byte each; '?' and negated classes count one and end
 * the count; a star ends it; an alternation counts its shortest branch and
 * ends the count if any branch ended it (observed on the oracle:
 * "/usr/bin/fo*o" 11, "/u/{xyz,ab*c}/x" 5, "/u/?cd" 4, "/u/[ab]cd" 6).
 */
uint32_t vc_regex_prefix_length(const VcRegex *rx, uint32_t root);

/* Does the tree at `root` match exactly the bytes s[0..len)? For tests. */
bool vc_regex_matches(const VcRegex *rx, uint32_t root, const uint8_t *s, size_t len);
