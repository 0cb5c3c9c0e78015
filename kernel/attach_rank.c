// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - ranking the profiles whose attachment matches an exec
 *
 * A pattern's score is the length of the literal text it matched
 * before its first wildcard (or its declared attachment length, if
 * longer). The highest score wins; two equal best scores conflict and
 * neither attaches, unless a better one comes along later. An exact
 * profile name wins outright.
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/attach_rank.h"

/**
 * vigil_attach_rank_init - start a ranking with no candidate
 * @rank: the ranking
 */
void vigil_attach_rank_init(struct vigil_attach_rank *rank)
{
	rank->best = VIGIL_ATTACH_NONE;
	rank->conflict = false;
}

/**
 * vigil_attach_rank_offer - consider one candidate
 * @rank: the ranking so far
 * @score: the candidate's score, VIGIL_ATTACH_NONE if it does not match
 *
 * Return: true when the candidate is now the best one; the caller keeps
 * it, and stops looking if @score is VIGIL_ATTACH_EXACT. A conflict is
 * left in @rank->conflict.
 */
bool vigil_attach_rank_offer(struct vigil_attach_rank *rank, int score)
{
	if (score < 0 || score < rank->best)
		return false;
	if (score == rank->best && score != VIGIL_ATTACH_EXACT) {
		rank->conflict = true;
		return false;
	}
	rank->best = score;
	rank->conflict = false;
	return true;
}
