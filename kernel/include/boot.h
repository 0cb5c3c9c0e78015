/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - the boot profile that init starts in
 */

#ifndef _VIGIL_BOOT_H
#define _VIGIL_BOOT_H

#include <linux/init.h>
#include <linux/types.h>

#include "label.h"

bool vigil_boot_name_valid(const char *name);
struct vigil_label * __init vigil_boot_init(void);
void vigil_boot_after_load(void);

#endif /* _VIGIL_BOOT_H */
