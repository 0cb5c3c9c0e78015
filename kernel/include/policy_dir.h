/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - policy/: the namespace's and its profiles' entries in
 * the internal filesystem
 */

#ifndef _VIGIL_POLICY_DIR_H
#define _VIGIL_POLICY_DIR_H

#include <crypto/sha2.h>
#include <linux/init.h>
#include <linux/list.h>
#include <linux/types.h>

struct dentry;
struct vigil_ns;
struct vigil_profile;
struct vigil_rawdata;

/**
 * struct vigil_profile_files - what policy/ shows of one profile
 * @hash: sha256 of the load's version word and the profile's record
 * @rawdata: the load the profile was made from (a user reference)
 * @dirname: directory name, mangled base name and a namespace-unique
 *	number; kept across replacement
 * @dir: the profile's directory, NULL when it has none
 * @children: its profiles/ subdirectory, made with the first child
 */
struct vigil_profile_files {
	u8 hash[SHA256_DIGEST_SIZE];
	struct vigil_rawdata *rawdata;
	char *dirname;
	struct dentry *dir;
	struct dentry *children;
};

/**
 * struct vigil_ns_files - what policy/ shows of a namespace
 * @dir: the namespace's policy directory
 * @profiles: its profiles/ directory
 * @raw_data: its raw_data/ directory
 * @rawdata: published raw data (struct vigil_rawdata), under the ns lock
 * @next_id: number given to the next profile directory
 */
struct vigil_ns_files {
	struct dentry *dir;
	struct dentry *profiles;
	struct dentry *raw_data;
	struct list_head rawdata;
	long next_id;
};

int __init vigil_ns_files_init(struct vigil_ns *ns);
int vigil_profile_files_create(struct vigil_ns *ns,
			       struct vigil_profile *profile,
			       struct vigil_profile *parent);
void vigil_profile_files_migrate(struct vigil_profile *old,
				 struct vigil_profile *new);
void vigil_profile_files_remove(struct vigil_profile *profile);
void vigil_profile_files_release(struct vigil_profile *profile);
size_t vigil_mangle_name(const char *name, char *out);

#endif /* _VIGIL_POLICY_DIR_H */
