/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - domain changes of a task with no_new_privs set
 */

#ifndef _VIGIL_NNP_H
#define _VIGIL_NNP_H

#include "attr.h"
#include "label.h"

void vigil_nnp_note(struct vigil_task_ctx *ctx, struct vigil_label *label,
		    bool no_new_privs);
bool vigil_nnp_allows(const struct vigil_task_ctx *ctx,
		      struct vigil_label *label, struct vigil_label *new,
		      bool no_new_privs);

#endif /* _VIGIL_NNP_H */
