/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - the decoded form of one profile record of a policy
 * load (ABI reference, sections 1.3-1.11), before any profile object
 * exists. Everything here is a private copy; nothing points into the
 * userspace buffer.
 */

#ifndef _VIGIL_PROFILE_RECORD_H
#define _VIGIL_PROFILE_RECORD_H

#include "pdb.h"
#include "policy_stream.h"

/* Version word: kernel ABI in the low bits, force-complain flag. */
#define VIGIL_ABI_MASK			0x3ff
#define VIGIL_ABI_MIN			5
#define VIGIL_ABI_MAX			9
#define VIGIL_VERSION_FORCE_COMPLAIN	0x800

/* Profile flag word. */
#define VIGIL_PROFILE_HAT		0x1
#define VIGIL_PROFILE_DEBUG1		0x2
#define VIGIL_PROFILE_DEBUG2		0x4
#define VIGIL_PROFILE_FLAGS_MASK	0x7

/* path_flags bits; mediate-deleted is the default when absent. */
#define VIGIL_PATH_MEDIATE_DELETED	0x20000

/* rlimits are sent in this fixed, architecture-independent order. */
#define VIGIL_RLIMIT_COUNT		16

/* Policy class byte of file rules inside the policydb. */
#define VIGIL_CLASS_FILE		2

/**
 * enum vigil_profile_mode - packed profile mode
 * @VIGIL_MODE_ENFORCE: deny and log what policy does not allow
 * @VIGIL_MODE_COMPLAIN: allow and log what policy does not allow
 * @VIGIL_MODE_KILL: like enforce, and kill the task on denial
 * @VIGIL_MODE_UNCONFINED: no mediation (namespace placeholders)
 * @VIGIL_MODE_USER: decisions deferred to userspace
 */
enum vigil_profile_mode {
	VIGIL_MODE_ENFORCE = 0,
	VIGIL_MODE_COMPLAIN = 1,
	VIGIL_MODE_KILL = 2,
	VIGIL_MODE_UNCONFINED = 3,
	VIGIL_MODE_USER = 4,
};

/**
 * struct vigil_secmark - one network secmark rule
 * @audit: audit matches
 * @deny: deny matches
 * @label: security label to match
 */
struct vigil_secmark {
	u8 audit;
	u8 deny;
	char *label;
};

/**
 * struct vigil_data_entry - one key/value pair of the data section
 * @key: NUL-terminated key, unique within the profile
 * @value: private copy of the value, NULL when @size is 0
 * @size: number of bytes in @value
 */
struct vigil_data_entry {
	char *key;
	u8 *value;
	size_t size;
};

/**
 * struct vigil_profile_record - a decoded profile record
 * @ns_name: namespace from a ":ns:name" profile name, or NULL
 * @hname: hierarchical profile name, "parent//child" for children
 * @rename: name of a profile this one replaces, or NULL
 * @attach: informational attachment text, or NULL
 * @disconnected: prefix for disconnected paths, or NULL
 * @xmatch: attachment DB (no DFA: attach by name)
 * @xmatch_len: length credited to an attachment match
 * @flags: VIGIL_PROFILE_* flags
 * @mode: profile mode, complain if the load forced it
 * @audit_all: audit every access
 * @path_flags: path name flags
 * @caps_allow: allowed capabilities
 * @caps_audit: capabilities to audit when used
 * @caps_quiet: capabilities whose denial is not audited
 * @caps_extended: extended capability mediation mask
 * @xattrs: names of extended attributes used for attachment
 * @xattr_count: entries in @xattrs
 * @rlimit_mask: bit i set: resource i is limited to @rlimit_max[i]
 * @rlimit_max: hard limits, by the fixed policy resource index
 * @secmarks: secmark rules
 * @secmark_count: entries in @secmarks
 * @policy: per-class rules; empty (no DFA) when absent
 * @file: file rules; empty when absent
 * @file_uses_policy: no file DFA was sent and the policydb mediates
 *	the file class, so file rules are looked up in @policy
 * @data: key/value data for userspace queries, sorted by key
 * @data_count: entries in @data
 * @record_offset: offset of the record's first byte in the load
 * @record_size: length of the record, NAME "profile" to its STRUCTEND
 */
struct vigil_profile_record {
	char *ns_name;
	char *hname;
	char *rename;
	char *attach;
	char *disconnected;
	struct vigil_pdb xmatch;
	u32 xmatch_len;
	u32 flags;
	enum vigil_profile_mode mode;
	bool audit_all;
	u32 path_flags;
	u64 caps_allow;
	u64 caps_audit;
	u64 caps_quiet;
	u64 caps_extended;
	char **xattrs;
	u32 xattr_count;
	u32 rlimit_mask;
	u64 rlimit_max[VIGIL_RLIMIT_COUNT];
	struct vigil_secmark *secmarks;
	u32 secmark_count;
	struct vigil_pdb policy;
	struct vigil_pdb file;
	bool file_uses_policy;
	struct vigil_data_entry *data;
	u32 data_count;
	size_t record_offset;
	size_t record_size;
};

/**
 * struct vigil_unpack_stop - where the decoding of a refused record stopped
 * @offset: byte offset in the buffer of the read that failed
 * @name: the profile's name as far as it was read (pointing into the
 *	buffer, without its namespace once that was split off), or NULL
 *	when the failure came before the name
 *
 * The load's audit record reports both, as stock AppArmor does.
 */
struct vigil_unpack_stop {
	size_t offset;
	const char *name;
};

int vigil_unpack_header(struct vigil_stream *stream, bool first, u32 *version,
			const char **ns, size_t *ns_len, const char **info);
int vigil_split_fqname(const char *fqname, const char **ns, size_t *ns_len,
		       const char **name);
int vigil_profile_record_unpack(struct vigil_stream *stream, u32 version,
				struct vigil_profile_record *record,
				const char **info,
				struct vigil_unpack_stop *stop);
int vigil_profile_record_verify(const struct vigil_profile_record *record,
				const char **info);
void vigil_profile_record_destroy(struct vigil_profile_record *record);

#endif /* _VIGIL_PROFILE_RECORD_H */
