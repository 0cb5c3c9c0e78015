/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - .access: permission and data queries
 */

#ifndef _VIGIL_QUERY_H
#define _VIGIL_QUERY_H

#include <linux/fs.h>
#include <linux/types.h>

struct vigil_ns;
struct vigil_perms;
struct vigil_profile;

extern const struct file_operations vigil_access_fops;

struct vigil_profile *vigil_query_find_label(struct vigil_ns *ns,
					     const char *name);
void vigil_query_profile_perms(struct vigil_profile *profile,
			       const char *match, size_t len,
			       struct vigil_perms *acc);
ssize_t vigil_query_run(const char *query, size_t len, char *out,
			size_t out_len);

#endif /* _VIGIL_QUERY_H */
