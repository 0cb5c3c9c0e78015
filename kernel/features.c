// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - contents and formatting of the features/ tree
 *
 * The tables below are the single source of truth for what this kernel
 * tells userspace it implements. Nothing may be listed here before it
 * works end to end: the policy compiler trusts this tree and would
 * otherwise emit policy the kernel cannot enforce.
 */

#include <linux/capability.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "include/features.h"

/*
 * Every name and value below is the stock 6.12 kernel's, so that the
 * parser's flattened features string (and so its cache directory) is
 * the same for every subset of the tree both kernels share.
 */

/* caps/mask: the capabilities a profile's rules may name. */
#define VIGIL_CAPS_MASK "chown dac_override dac_read_search fowner fsetid " \
	"kill setgid setuid setpcap linux_immutable net_bind_service " \
	"net_broadcast net_admin net_raw ipc_lock ipc_owner sys_module " \
	"sys_rawio sys_chroot sys_ptrace sys_pacct sys_admin sys_boot " \
	"sys_nice sys_resource sys_time sys_tty_config mknod lease " \
	"audit_write audit_control setfcap mac_override mac_admin syslog " \
	"wake_alarm block_suspend audit_read perfmon bpf checkpoint_restore"

static const struct vigil_feature vigil_features_caps[] = {
	VIGIL_FEATURE_STRING_ENTRY("mask", VIGIL_CAPS_MASK),
	VIGIL_FEATURES_END
};

/*
 * domain/: exec transitions and the attr interface. Left out until
 * they work: stack (labels hold one profile), change_hatv (one hat
 * name per change_hat), attach_conditions/xattr and disconnected.path
 * (attach_disconnected's path prefix). fix_binfmt_elf_mmap describes
 * the ELF loader of this kernel, which maps the binary under the new
 * credentials, and file_mmap mediates that map. post_nnp_subset: under
 * no_new_privs a label that keeps the current profile is allowed
 * (nnp.c).
 */
static const struct vigil_feature vigil_features_domain[] = {
	VIGIL_FEATURE_BOOL_ENTRY("change_hat", true),
	VIGIL_FEATURE_BOOL_ENTRY("change_onexec", true),
	VIGIL_FEATURE_BOOL_ENTRY("change_profile", true),
	VIGIL_FEATURE_BOOL_ENTRY("fix_binfmt_elf_mmap", true),
	VIGIL_FEATURE_BOOL_ENTRY("post_nnp_subset", true),
	VIGIL_FEATURE_BOOL_ENTRY("computed_longest_left", true),
	VIGIL_FEATURE_STRING_ENTRY("version", "1.2"),
	VIGIL_FEATURES_END
};

static const struct vigil_feature vigil_features_file[] = {
	VIGIL_FEATURE_STRING_ENTRY("mask",
				   "create read write exec append mmap_exec link lock"),
	VIGIL_FEATURES_END
};

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

/* The fields of a permstable32 record, in their order (spec 3.6). */
#define VIGIL_PERMSTABLE32_FIELDS "allow deny subtree cond kill complain " \
	"prompt audit quiet hide xindex tag label"

/*
 * policy/: set_load tells the parser it may write every profile of a
 * file in one write, applied atomically. Unpack takes the permstable32
 * layout (version 1, the only one 6.12 defines). Not outofband: no
 * out-of-band DFA transitions, and not unconfined_restrictions.
 */
static const struct vigil_feature vigil_features_policy[] = {
	VIGIL_FEATURE_BOOL_ENTRY("set_load", true),
	VIGIL_FEATURE_STRING_ENTRY("permstable32", VIGIL_PERMSTABLE32_FIELDS),
	VIGIL_FEATURE_U64_ENTRY("permstable32_version", 1),
	VIGIL_FEATURE_DIR_ENTRY("versions", vigil_features_policy_versions),
	VIGIL_FEATURES_END
};

/* query/label/: what .access answers (query.c). */
static const struct vigil_feature vigil_features_query_label[] = {
	VIGIL_FEATURE_STRING_ENTRY("perms", "allow deny audit quiet"),
	VIGIL_FEATURE_BOOL_ENTRY("data", true),
	VIGIL_FEATURE_BOOL_ENTRY("multi_transaction", true),
	VIGIL_FEATURES_END
};

static const struct vigil_feature vigil_features_query[] = {
	VIGIL_FEATURE_DIR_ENTRY("label", vigil_features_query_label),
	VIGIL_FEATURES_END
};

/* rlimit/: the limits a "set rlimit" rule may name. */
#define VIGIL_RLIMIT_MASK "cpu fsize data stack core rss nproc nofile " \
	"memlock as locks sigpending msgqueue nice rtprio rttime"

static const struct vigil_feature vigil_features_rlimit[] = {
	VIGIL_FEATURE_STRING_ENTRY("mask", VIGIL_RLIMIT_MASK),
	VIGIL_FEATURES_END
};

/*
 * Root of features/: what this kernel mediates (file, capability,
 * rlimit, exec). Network, signal, ptrace, mount, unix, io_uring and
 * namespaces are not enforced and so not listed: the parser then
 * leaves their rules out of the policy, as for an older kernel.
 */
const struct vigil_feature vigil_features[] = {
	VIGIL_FEATURE_U64_ENTRY("capability", VFS_CAP_FLAGS_MASK),
	VIGIL_FEATURE_DIR_ENTRY("caps", vigil_features_caps),
	VIGIL_FEATURE_DIR_ENTRY("domain", vigil_features_domain),
	VIGIL_FEATURE_DIR_ENTRY("file", vigil_features_file),
	VIGIL_FEATURE_DIR_ENTRY("policy", vigil_features_policy),
	VIGIL_FEATURE_DIR_ENTRY("query", vigil_features_query),
	VIGIL_FEATURE_DIR_ENTRY("rlimit", vigil_features_rlimit),
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
