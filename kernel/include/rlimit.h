/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - "set rlimit" rules
 */

#ifndef _VIGIL_RLIMIT_H
#define _VIGIL_RLIMIT_H

#include <linux/init.h>

#include "label.h"

void vigil_rlimits_transition(struct vigil_label *old, struct vigil_label *new);
void __init vigil_rlimit_init(void);

#endif /* _VIGIL_RLIMIT_H */
