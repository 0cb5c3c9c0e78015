/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - the profile a task runs in after exec
 */

#ifndef _VIGIL_DOMAIN_H
#define _VIGIL_DOMAIN_H

#include <linux/init.h>

#include "policy.h"

struct vigil_profile *vigil_find_attach(struct vigil_ns *ns,
					struct list_head *profiles,
					const char *name, const char **info);
void __init vigil_domain_init(void);

#endif /* _VIGIL_DOMAIN_H */
