/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_FEATURES_H
#define VIGIL_PARSER_FEATURES_H

#include <stdbool.h>

#include "parser/arena.h"

/*
 * What the kernel (or a pinned features file) says it can enforce, as
 * "dir/sub/name" -> value pairs. Loaded from a flattened features file
 * ("name {value\n}\n" nesting) or from a features directory tree.
 */
struct feature {
	const char *path;
	const char *value;
	struct feature *next;
};

struct features {
	struct feature *head;
	const char *flattened; /* the text form, as read or as built */
};

#define KERNEL_FEATURES_DIR "/sys/kernel/security/apparmor/features"

/* path may name a file or a directory. */
int features_load(struct arena *a, const char *path, struct features *ret);
int features_parse_flat(struct arena *a, const char *text, struct features *ret);

/*
 * What apparmor_parser assumes when the kernel shows no features
 * directory (securityfs without AppArmor, or a pre-2.4 kernel): this set
 * names the cache directory then (733692a5.0).
 */
int features_load_fallback(struct arena *a, struct features *ret);
/* The note apparmor_parser writes to stderr in that case. */
#define FEATURES_MISSING_NOTE                                                                      \
	"Cache read/write disabled: interface file missing. (Kernel needs AppArmor 2.4 "           \
	"compatibility patch.)\n"

/*
 * base with its policy/versions entries (the ABI the compiled policy
 * declares) replaced by those of abi: apparmor_parser takes the rules it
 * may use from a pinned policy feature set but the ABI from the kernel.
 */
int features_with_abi_of(struct arena *a, const struct features *base, const struct features *abi,
			 struct features *ret);

/* Is there a feature (file or directory) at path? */
bool features_has(const struct features *f, const char *path);
/* The value of a leaf, or NULL. */
const char *features_value(const struct features *f, const char *path);
/* Does the space-separated list at path contain word? */
bool features_list_contains(const struct features *f, const char *path, const char *word);

#endif
