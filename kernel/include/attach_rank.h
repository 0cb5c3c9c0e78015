/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - ranking the profiles whose attachment matches an exec
 */

#ifndef _VIGIL_ATTACH_RANK_H
#define _VIGIL_ATTACH_RANK_H

#include "portable.h"

/* Score of a profile attached by its exact name: beats every pattern. */
#define VIGIL_ATTACH_EXACT	0x7fffffff
/* Score of a profile whose attachment does not match. */
#define VIGIL_ATTACH_NONE	(-1)

/**
 * struct vigil_attach_rank - the best attachment seen so far
 * @best: its score, VIGIL_ATTACH_NONE before any match
 * @conflict: another candidate had the same score
 */
struct vigil_attach_rank {
	int best;
	bool conflict;
};

void vigil_attach_rank_init(struct vigil_attach_rank *rank);
bool vigil_attach_rank_offer(struct vigil_attach_rank *rank, int score);

#endif /* _VIGIL_ATTACH_RANK_H */
