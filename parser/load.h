/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_LOAD_H
#define VIGIL_PARSER_LOAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The kernel's policy interface: the apparmor directory of securityfs,
 * whose .load, .replace and .remove files take a policy stream or a
 * profile name in one write each.
 */
struct kernel_iface {
	int dirfd;
};

enum load_op { LOAD_ADD, LOAD_REPLACE, LOAD_REMOVE };

/*
 * Find "<securityfs mount>/apparmor" in mounts_path (normally
 * /proc/mounts) and write it to buf. -ENOENT when no securityfs is
 * mounted or it has no apparmor directory.
 */
int kernel_iface_find(const char *mounts_path, char *buf, size_t size);

/* Open the interface directory (found, or given with --subdomainfs). */
int kernel_iface_open(struct kernel_iface *k, const char *dir);
void kernel_iface_close(struct kernel_iface *k);

/*
 * Write a policy stream to .load (LOAD_ADD) or .replace in a single
 * write, so that a kernel with policy/set_load takes every profile of it
 * or none. Returns 0 or the negative errno the kernel gave.
 */
int kernel_load_stream(const struct kernel_iface *k, enum load_op op, const uint8_t *data,
		       size_t size);
/* Remove one profile by name: "name\0" to .remove. */
int kernel_remove_profile(const struct kernel_iface *k, const char *name);

/*
 * apparmor_parser's explanation of a failed load, e.g. "Profile already
 * exists" for -EEXIST, written after "Unable to add ...".
 */
void load_print_error(FILE *out, int err);

/* "add", "replace", "remove": the verb in "Unable to %s \"name\"." */
const char *load_op_verb(enum load_op op);
/* "Addition", "Replacement", "Removal": the noun in -v's success lines. */
const char *load_op_noun(enum load_op op);

#endif
