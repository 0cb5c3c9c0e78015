/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - declarative description of the features/ tree
 *
 * Userspace (apparmor_parser, libapparmor) reads
 * /sys/kernel/security/apparmor/features/ to decide which policy it may
 * compile and load. Every entry is a promise, so the tree is described
 * by static tables that list only implemented features; one line per
 * feature keeps additions reviewable.
 */

#ifndef _VIGIL_FEATURES_H
#define _VIGIL_FEATURES_H

#include <linux/types.h>

/**
 * enum vigil_feature_kind - what a features/ entry is
 * @VIGIL_FEATURE_END: terminates a table of entries
 * @VIGIL_FEATURE_DIR: a directory holding further entries
 * @VIGIL_FEATURE_BOOL: a file reading "yes\n" or "no\n"
 * @VIGIL_FEATURE_STRING: a file reading a string and "\n"
 * @VIGIL_FEATURE_U64: a file reading a number formatted as "%#08llx\n"
 */
enum vigil_feature_kind {
	VIGIL_FEATURE_END = 0,
	VIGIL_FEATURE_DIR,
	VIGIL_FEATURE_BOOL,
	VIGIL_FEATURE_STRING,
	VIGIL_FEATURE_U64,
};

/**
 * struct vigil_feature - one entry of the features/ tree
 * @name: file or directory name; a single path component
 * @kind: type of the entry, selects the member of @value in use
 * @value: contents of the entry
 * @value.children: for a directory, a table ended by VIGIL_FEATURES_END
 * @value.boolean: for a boolean file
 * @value.string: for a string file
 * @value.number: for a u64 file
 */
struct vigil_feature {
	const char *name;
	enum vigil_feature_kind kind;
	union {
		const struct vigil_feature *children;
		bool boolean;
		const char *string;
		u64 number;
	} value;
};

#define VIGIL_FEATURE_DIR_ENTRY(entry_name, table) \
	{ .name = (entry_name), .kind = VIGIL_FEATURE_DIR, \
	  .value.children = (table) }
#define VIGIL_FEATURE_BOOL_ENTRY(entry_name, flag) \
	{ .name = (entry_name), .kind = VIGIL_FEATURE_BOOL, \
	  .value.boolean = (flag) }
#define VIGIL_FEATURE_STRING_ENTRY(entry_name, text) \
	{ .name = (entry_name), .kind = VIGIL_FEATURE_STRING, \
	  .value.string = (text) }
#define VIGIL_FEATURE_U64_ENTRY(entry_name, num) \
	{ .name = (entry_name), .kind = VIGIL_FEATURE_U64, \
	  .value.number = (num) }
#define VIGIL_FEATURES_END { .kind = VIGIL_FEATURE_END }

/* Deepest directory nesting accepted in a features table. */
#define VIGIL_FEATURES_MAX_DEPTH 4

extern const struct vigil_feature vigil_features[];

size_t vigil_feature_format(const struct vigil_feature *feature, char *buf,
			    size_t size);
int vigil_features_validate(const struct vigil_feature *table);

#endif /* _VIGIL_FEATURES_H */
