/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - LSM registration state shared with other parts
 */

#ifndef _VIGIL_LSM_H
#define _VIGIL_LSM_H

#include <linux/cache.h>
#include <linux/lsm_hooks.h>
#include <linux/types.h>

#define VIGIL_LSM_NAME "apparmor"

extern bool vigil_initialized __ro_after_init;
extern const struct lsm_id vigil_lsmid;

#endif /* _VIGIL_LSM_H */
