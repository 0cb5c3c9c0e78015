// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - walking a verified DFA
 *
 * All functions here assume the DFA passed vigil_dfa_unpack(), which
 * proved that every index followed below is in range and that every
 * diff-encoding chain ends; @state arguments must be states of the DFA
 * (callers check start states taken from policy against state_count).
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/dfa.h"

/*
 * One step on input class @class. A slot owned by @state (CHECK) gives
 * the next state directly; otherwise the DEFAULT state is the answer,
 * or, for a diff-encoded state, the place to look the class up again.
 */
static u32 vigil_dfa_step(const struct vigil_dfa *dfa, u32 state, u32 class)
{
	u32 base, slot;

	for (;;) {
		base = dfa->base[state];
		slot = (base & VIGIL_DFA_BASE_INDEX_MASK) + class;
		if (dfa->check[slot] == state)
			return dfa->next[slot];
		if (!(base & VIGIL_DFA_BASE_DIFF_ENCODE))
			return dfa->default_state[state];
		state = dfa->default_state[state];
	}
}

static u32 vigil_dfa_class(const struct vigil_dfa *dfa, u8 byte)
{
	return dfa->equiv ? dfa->equiv[byte] : byte;
}

/**
 * vigil_dfa_next - take the transition for one input byte
 * @dfa: verified DFA
 * @state: current state
 * @byte: input byte, mapped through the equivalence classes if any
 *
 * Return: the next state.
 */
u32 vigil_dfa_next(const struct vigil_dfa *dfa, u32 state, u8 byte)
{
	return vigil_dfa_step(dfa, state, vigil_dfa_class(dfa, byte));
}

/**
 * vigil_dfa_match_len - match a byte string that may contain NULs
 * @dfa: verified DFA
 * @state: start state
 * @str: input bytes
 * @len: number of bytes in @str
 *
 * Return: the state reached after consuming all of @str, or
 * VIGIL_DFA_NOMATCH right away when starting from it.
 */
u32 vigil_dfa_match_len(const struct vigil_dfa *dfa, u32 state,
			const char *str, size_t len)
{
	size_t i;

	if (state == VIGIL_DFA_NOMATCH)
		return VIGIL_DFA_NOMATCH;
	for (i = 0; i < len; i++)
		state = vigil_dfa_next(dfa, state, (u8)str[i]);
	return state;
}

/**
 * vigil_dfa_match - match a NUL-terminated string
 * @dfa: verified DFA
 * @state: start state
 * @str: input, not including its terminator
 *
 * Return: the state reached at the terminator, or VIGIL_DFA_NOMATCH
 * right away when starting from it.
 */
u32 vigil_dfa_match(const struct vigil_dfa *dfa, u32 state, const char *str)
{
	if (state == VIGIL_DFA_NOMATCH)
		return VIGIL_DFA_NOMATCH;
	for (; *str; str++)
		state = vigil_dfa_next(dfa, state, (u8)*str);
	return state;
}

/**
 * vigil_dfa_null_transition - step on a NUL byte
 * @dfa: verified DFA
 * @state: current state
 *
 * Policy uses a NUL to separate the parts of a compound match (for
 * example the two paths of a link rule).
 *
 * Return: the next state.
 */
u32 vigil_dfa_null_transition(const struct vigil_dfa *dfa, u32 state)
{
	return vigil_dfa_next(dfa, state, 0);
}

/**
 * vigil_dfa_oob_transition - take a state's out-of-band transition
 * @dfa: verified DFA
 * @state: current state
 *
 * The out-of-band input is a class outside the byte range, stored in
 * the slot just below the state's base index and never mapped through
 * the equivalence classes. Only states flagged VIGIL_DFA_BASE_OOB have
 * such a slot (verification guarantees base index >= 1 for them).
 * When a diff-encoded state defers to a state without the flag, there
 * is no slot to look at and the answer is VIGIL_DFA_NOMATCH.
 *
 * Return: the next state, or VIGIL_DFA_NOMATCH.
 */
u32 vigil_dfa_oob_transition(const struct vigil_dfa *dfa, u32 state)
{
	u32 base, slot;

	for (;;) {
		base = dfa->base[state];
		if (!(base & VIGIL_DFA_BASE_OOB))
			return VIGIL_DFA_NOMATCH;
		slot = (base & VIGIL_DFA_BASE_INDEX_MASK) - 1;
		if (dfa->check[slot] == state)
			return dfa->next[slot];
		if (!(base & VIGIL_DFA_BASE_DIFF_ENCODE))
			return dfa->default_state[state];
		state = dfa->default_state[state];
	}
}

/* Recent states of a longest-left match, newest at @newest. */
struct vigil_dfa_history {
	u32 states[VIGIL_DFA_LOOP_HISTORY];
	unsigned int newest;
	unsigned int filled;
};

/*
 * The DFA is seen to loop when @state was visited within the recorded
 * history. States are numbered in the order the compiler reaches them,
 * so a step to a higher-numbered state cannot close a loop. On a loop,
 * *distance says how many steps back @state was recorded.
 */
static bool vigil_dfa_history_loops(const struct vigil_dfa_history *history,
				    u32 state, unsigned int *distance)
{
	unsigned int slot = history->newest;
	unsigned int i;

	if (history->states[slot] < state)
		return false;
	for (i = 0; i < history->filled; i++) {
		if (history->states[slot] == state) {
			*distance = i;
			return true;
		}
		slot = (slot + VIGIL_DFA_LOOP_HISTORY - 1) %
		       VIGIL_DFA_LOOP_HISTORY;
	}
	return false;
}

/**
 * vigil_dfa_leftmatch - match and measure the literal prefix matched
 * @dfa: verified DFA, not diff encoded (attachment DFAs never are)
 * @state: start state
 * @str: NUL-terminated input
 * @count: set to the number of bytes consumed before the DFA was first
 *	seen to loop, or to all of them if it never was; 0 on no match
 *
 * Attachment ranks candidate profiles by how much of the executable's
 * path their pattern matched before reaching a repeating part (a glob):
 * the longer literal prefix wins. Steps here ignore diff encoding, as
 * the stock kernel does for this purpose; once a loop is seen the rest
 * of @str is matched normally.
 *
 * Return: the state reached at the terminator of @str.
 */
u32 vigil_dfa_leftmatch(const struct vigil_dfa *dfa, u32 state,
			const char *str, unsigned int *count)
{
	struct vigil_dfa_history history = { };
	unsigned int distance;
	u32 base, slot;

	*count = 0;
	if (state == VIGIL_DFA_NOMATCH)
		return VIGIL_DFA_NOMATCH;

	for (; *str; str++) {
		history.states[history.newest] = state;
		base = dfa->base[state];
		slot = (base & VIGIL_DFA_BASE_INDEX_MASK) +
		       vigil_dfa_class(dfa, (u8)*str);
		if (dfa->check[slot] == state)
			state = dfa->next[slot];
		else
			state = dfa->default_state[state];

		if (vigil_dfa_history_loops(&history, state, &distance)) {
			state = vigil_dfa_match(dfa, state, str + 1);
			*count -= distance;
			break;
		}
		history.newest = (history.newest + 1) % VIGIL_DFA_LOOP_HISTORY;
		if (history.filled < VIGIL_DFA_LOOP_HISTORY)
			history.filled++;
		(*count)++;
	}

	if (state == VIGIL_DFA_NOMATCH)
		*count = 0;
	return state;
}
