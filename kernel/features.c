// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - contents and formatting of the features/ tree
 *
 * The tables below are the single source of truth for what this kernel
 * tells userspace it implements. Nothing may be listed here before it
 * works end to end: the policy compiler trusts this tree and would
 * otherwise emit policy the kernel cannot enforce.
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "include/features.h"

/*
 * policy/versions/: the load interface versions unpack accepts. The
 * parser picks the highest of v7/v6 it sees for the version word.
 */
static const struct vigil_feature vigil_features_policy_versions[] = {
	VIGIL_FEATURE_BOOL_ENTRY("v5", true),
	VIGIL_FEATURE_BOOL_ENTRY("v6", true),
	VIGIL_FEATURE_BOOL_ENTRY("v7", true),
	VIGIL_FEATURE_BOOL_ENTRY("v8", true),
	VIGIL_FEATURE_BOOL_ENTRY("v9", true),
	VIGIL_FEATURES_END
};

/*
 * policy/: set_load tells the parser it may write every profile of a
 * file in one write, applied atomically. Not (yet) outofband or
 * permstable32: nothing enforces what those would let the parser emit.
 */
static const struct vigil_feature vigil_features_policy[] = {
	VIGIL_FEATURE_BOOL_ENTRY("set_load", true),
	VIGIL_FEATURE_DIR_ENTRY("versions", vigil_features_policy_versions),
	VIGIL_FEATURES_END
};

/*
 * Root of features/. Only policy loading works end to end so far; no
 * mediation is advertised.
 */
const struct vigil_feature vigil_features[] = {
	VIGIL_FEATURE_DIR_ENTRY("policy", vigil_features_policy),
	VIGIL_FEATURES_END
};

/**
 * vigil_feature_format - render the contents of a features/ file
 * @feature: file entry to render
 * @buf: destination, may be NULL when @size is 0
 * @size: size of @buf in bytes
 *
 * Produces the exact text the stock 6.12 interface shows: "yes\n" or
 * "no\n" for booleans, the string followed by "\n", and numbers as
 * "%#08llx\n" (so 1 reads "0x000001"). Like snprintf(), the output is
 * NUL terminated and truncated to fit @size.
 *
 * Return: the length of the full text without the NUL terminator, so
 * the caller can size a buffer with a first call using @size 0; 0 for
 * an entry that is not a file.
 */
size_t vigil_feature_format(const struct vigil_feature *feature, char *buf,
			    size_t size)
{
	int len;

	switch (feature->kind) {
	case VIGIL_FEATURE_BOOL:
		len = snprintf(buf, size, "%s\n",
			       feature->value.boolean ? "yes" : "no");
		break;
	case VIGIL_FEATURE_STRING:
		len = snprintf(buf, size, "%s\n", feature->value.string);
		break;
	case VIGIL_FEATURE_U64:
		len = snprintf(buf, size, "%#08llx\n",
			       (unsigned long long)feature->value.number);
		break;
	default:
		return 0;
	}
	return len < 0 ? 0 : len;
}

static bool vigil_feature_name_valid(const char *name)
{
	if (!name || !*name || strchr(name, '/'))
		return false;
	return strcmp(name, ".") && strcmp(name, "..");
}

static int vigil_features_validate_level(const struct vigil_feature *table,
					 unsigned int depth)
{
	const struct vigil_feature *entry, *other;
	int err;

	if (!table || depth > VIGIL_FEATURES_MAX_DEPTH)
		return -EINVAL;

	for (entry = table; entry->kind != VIGIL_FEATURE_END; entry++) {
		if (!vigil_feature_name_valid(entry->name))
			return -EINVAL;
		/* securityfs would refuse the second one half way through. */
		for (other = table; other != entry; other++)
			if (!strcmp(other->name, entry->name))
				return -EINVAL;

		switch (entry->kind) {
		case VIGIL_FEATURE_DIR:
			err = vigil_features_validate_level(entry->value.children,
							    depth + 1);
			if (err)
				return err;
			break;
		case VIGIL_FEATURE_STRING:
			/* A newline inside would fake a multi-line value. */
			if (!entry->value.string ||
			    strchr(entry->value.string, '\n'))
				return -EINVAL;
			break;
		case VIGIL_FEATURE_BOOL:
		case VIGIL_FEATURE_U64:
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

/**
 * vigil_features_validate - check a features table before publishing it
 * @table: table ended by VIGIL_FEATURES_END
 *
 * Every name must be a single non-empty path component other than "."
 * and "..", unique within its directory; directories must have a child
 * table and nest at most VIGIL_FEATURES_MAX_DEPTH levels; string values
 * must exist and hold no newline; kinds must be known.
 *
 * Return: 0 if @table is well formed, -EINVAL otherwise.
 */
int vigil_features_validate(const struct vigil_feature *table)
{
	return vigil_features_validate_level(table, 0);
}
