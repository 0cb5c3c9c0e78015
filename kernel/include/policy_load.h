/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - applying a policy load or a removal to a namespace
 */

#ifndef _VIGIL_POLICY_LOAD_H
#define _VIGIL_POLICY_LOAD_H

#include <linux/types.h>

struct vigil_ns;

ssize_t vigil_policy_replace(struct vigil_ns *ns, const void *data,
			     size_t size, bool replace);
ssize_t vigil_policy_remove(struct vigil_ns *ns, const char *fqname,
			    size_t size);

#endif /* _VIGIL_POLICY_LOAD_H */
