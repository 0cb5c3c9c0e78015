/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - the capable hook
 */

#ifndef _VIGIL_CAPABLE_H
#define _VIGIL_CAPABLE_H

#include <linux/init.h>

void __init vigil_capable_init(void);

#endif /* _VIGIL_CAPABLE_H */
