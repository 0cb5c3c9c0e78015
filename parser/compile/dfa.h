/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Deterministic automata built from rule sets.
 *
 * A VcDfa is a complete DFA over byte classes: bytes that no rule ever
 * tells apart share a class, and the transition table has one column per
 * class. State 0 is the dead state (it loops to itself and grants nothing),
 * state 1 the start state, matching the kernel's conventions (spec §2.7).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "parser/compile/perms.h"
#include "parser/compile/regex.h"

#define VC_DFA_DEAD  0u
#define VC_DFA_START 1u

/*
 * Resource limits (documented in parser/compile/README.md). A glob made of
 * a double star, an "a" and n question marks needs 2^n DFA states; these
 * bound the time and memory spent before such a rule is refused (-E2BIG).
 *
 * VC_DFA_MAX_STATES: the minimal DFA's states; the kernel's tables hold
 * 16-bit state numbers.
 * VC_DFA_MAX_SUBSET_ENTRIES: the unminimised DFA's transition table,
 * states x byte classes: 2^22 entries are 16 MiB, about ten times what the
 * largest Debian profile needs.
 * VC_DFA_MAX_SUBSET_POOL: the NFA states listed by all unminimised DFA
 * states together (2^22 entries, 16 MiB).
 */
#define VC_DFA_MAX_STATES	  65534u
#define VC_DFA_MAX_SUBSET_ENTRIES (UINT64_C(1) << 22)
#define VC_DFA_MAX_SUBSET_POOL	  ((size_t)1 << 22)

/*
 * The transition table holds 16-bit state numbers: a minimal DFA has at
 * most 65535 states (the kernel's limit), and so do all but pathological
 * unminimised ones. Only an unminimised DFA past that uses wide_next
 * instead (next is then NULL). Half the bytes of a 32-bit table, which is
 * the largest allocation of a compile.
 */
typedef struct VcDfa {
	uint32_t n_states;
	uint32_t n_classes;
	uint8_t byte_class[256];
	uint16_t *next;	     /* next[state * n_classes + class] */
	uint32_t *wide_next; /* the same, when states do not fit 16 bits */
	VcAccept *accept;    /* permissions of each state */
} VcDfa;

#define VC_DFA_NARROW_STATES 65536u /* states a 16-bit table can number */

/* One rule for the builder: a tree in the regex arena and what it grants. */
typedef struct VcDfaRule {
	uint32_t root;
	VcRulePerms perms;
	bool exact; /* no glob characters: its exec mode beats globbing rules */
} VcDfaRule;

void vc_dfa_done(VcDfa *dfa);

/*
 * Build the minimal DFA recognising every rule, each accepting state
 * carrying the combination of the rules that match there. Returns 0,
 * -ENOTUNIQ for conflicting exec modes (*ret_conflict_rule then names one
 * of the rules involved), -E2BIG past 65534 states, or -ENOMEM.
 */
int vc_dfa_build(const VcRegex *rx, const VcDfaRule *rules, size_t n_rules, VcDfa *ret,
		 size_t *ret_conflict_rule);

/*
 * vc_dfa_build without the minimisation, and consuming rx: the regex
 * arena is freed (vc_regex_done) as soon as the NFA is built, and the
 * caller can free the rules before vc_dfa_minimize(). Lower peak memory.
 */
int vc_dfa_construct(VcRegex *rx, const VcDfaRule *rules, size_t n_rules, VcDfa *ret,
		     size_t *ret_conflict_rule);

/* Merge equivalent states in place; states keep 0 = dead, 1 = start. */
int vc_dfa_minimize(VcDfa *dfa);

/* The successor of `state` on byte class `cls`. */
static inline uint32_t vc_dfa_target(const VcDfa *dfa, uint32_t state, uint32_t cls)
{
	size_t i = (size_t)state * dfa->n_classes + cls;

	return dfa->wide_next ? dfa->wide_next[i] : dfa->next[i];
}

static inline uint32_t vc_dfa_step(const VcDfa *dfa, uint32_t state, uint8_t byte)
{
	return vc_dfa_target(dfa, state, dfa->byte_class[byte]);
}
