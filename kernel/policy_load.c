// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - policy loads, replacements and removals
 *
 * A write to .load or .replace is one set: every profile record in the
 * buffer is decoded, verified and turned into a profile, every parent
 * is checked to exist in the tree or the set, and only then, under the namespace lock and
 * with nothing left that can fail, the whole set goes into the tree.
 *
 * Each step reports to the audit log what stock AppArmor reports: a
 * STATUS record per profile loaded, replaced, skipped or removed, and
 * for a refused write the reason, the profile it concerns and, when
 * the stream could not be decoded, where decoding stopped.
 */

#include <crypto/sha2.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "include/boot.h"
#include "include/policy.h"
#include "include/policy_audit.h"
#include "include/policy_load.h"
#include "include/rawdata.h"

/**
 * struct vigil_load_set - profiles of one load, in stream order
 * @profiles: new profiles, each holding the reference the tree will take
 * @count: entries used in @profiles
 * @size: entries allocated in @profiles
 */
struct vigil_load_set {
	struct vigil_profile **profiles;
	size_t count;
	size_t size;
};

static int set_add(struct vigil_load_set *set, struct vigil_profile *profile)
{
	struct vigil_profile **grown;
	size_t size;

	if (set->count == set->size) {
		size = set->size ? set->size * 2 : 8;
		grown = krealloc_array(set->profiles, size, sizeof(*grown),
				       GFP_KERNEL);
		if (!grown)
			return -ENOMEM;
		set->profiles = grown;
		set->size = size;
	}
	set->profiles[set->count++] = profile;
	return 0;
}

static void set_destroy(struct vigil_load_set *set)
{
	size_t i;

	for (i = 0; i < set->count; i++)
		vigil_profile_put(set->profiles[i]);
	kfree(set->profiles);
}

static bool set_has(const struct vigil_load_set *set, const char *hname,
		    size_t len)
{
	size_t i;

	for (i = 0; i < set->count; i++)
		if (strlen(set->profiles[i]->hname) == len &&
		    !memcmp(set->profiles[i]->hname, hname, len))
			return true;
	return false;
}

static bool is_loaded(struct vigil_ns *ns, const struct vigil_profile *profile)
{
	return vigil_profile_lookup(ns, profile->hname, strlen(profile->hname));
}

/* Under the namespace lock: the operation a profile of a set performs. */
static const char *set_op(struct vigil_ns *ns,
			  const struct vigil_profile *profile)
{
	return is_loaded(ns, profile) ? VIGIL_OP_PROFILE_REPLACE :
					VIGIL_OP_PROFILE_LOAD;
}

/**
 * audit_refused_set - report a set that failed after it was decoded
 * @ns: target namespace, its lock held
 * @set: the set
 * @failed: index of the profile that failed, or @set->count for none
 * @checked: how many profiles, from the first, were compared with the
 *	tree before the failure; the others report as loads
 * @op: operation reported for the failure itself
 * @info: why it failed
 * @err: the error the write returns
 *
 * As stock: the failure first, then every other profile of the set,
 * "valid" before the failing one and "unchecked" after it.
 */
static void audit_refused_set(struct vigil_ns *ns, struct vigil_load_set *set,
			      size_t failed, size_t checked, const char *op,
			      const char *info, int err)
{
	const char *why = "valid profile in failed atomic policy load";
	size_t i;

	vigil_audit_policy(op, failed < set->count ?
			   set->profiles[failed]->hname : NULL, NULL, info,
			   err);
	for (i = 0; i < set->count; i++) {
		if (i == failed) {
			why = "unchecked profile in failed atomic policy load";
			continue;
		}
		vigil_audit_policy(i < checked ? set_op(ns, set->profiles[i]) :
				   VIGIL_OP_PROFILE_LOAD,
				   set->profiles[i]->hname, NULL, why, err);
	}
}

/* As stock: the little-endian version word, then the record's bytes. */
static void hash_record(const void *data, u32 version,
			const struct vigil_profile_record *record, u8 *hash)
{
	__le32 word = cpu_to_le32(version);
	struct sha256_state state;

	sha256_init(&state);
	sha256_update(&state, (const u8 *)&word, sizeof(word));
	sha256_update(&state, (const u8 *)data + record->record_offset,
		      record->record_size);
	sha256_final(&state, hash);
}

/* Decode, verify and wrap every record of the buffer. */
static int unpack_set(const void *data, size_t size, const char *op,
		      struct vigil_load_set *set, u32 *last_version)
{
	struct vigil_profile_record record = {};
	struct vigil_unpack_stop stop;
	struct vigil_profile *profile;
	struct vigil_stream stream;
	const char *ns = NULL, *info = "failed to unpack profile";
	size_t ns_len = 0;
	u32 version = 0;
	int err;

	vigil_stream_init(&stream, data, size);
	while (vigil_stream_remaining(&stream)) {
		err = vigil_unpack_header(&stream, !set->count, &version,
					  &ns, &ns_len, &info);
		/* A namespace change is reported but does not fail the load. */
		if (info)
			vigil_audit_unpack(NULL, info, err ? err :
					   -EPROTONOSUPPORT,
					   vigil_stream_offset(&stream));
		if (err)
			return err;
		err = vigil_profile_record_unpack(&stream, version, &record,
						  &info, &stop);
		if (err) {
			vigil_audit_unpack(stop.name ? stop.name : "unknown",
					   info, err, stop.offset);
			return err;
		}
		err = vigil_profile_record_verify(&record, &info);
		if (err) {
			vigil_audit_unpack(record.hname, info, err, 0);
			goto fail_record;
		}
		if (ns || record.ns_name) {
			info = "policy namespaces are not supported";
			err = -EOPNOTSUPP;
			goto refuse_record;
		}
		if (record.rename) {
			info = "profile rename is not supported";
			err = -EOPNOTSUPP;
			goto refuse_record;
		}
		err = -ENOMEM;
		info = "out of memory";
		/* A profile in unconfined mode attaches but confines nothing. */
		profile = vigil_profile_alloc(record.hname, record.mode,
					      record.mode == VIGIL_MODE_UNCONFINED ?
					      VIGIL_LABEL_UNCONFINED : 0);
		if (!profile)
			goto refuse_record;
		hash_record(data, version, &record, profile->files.hash);
		profile->record = record;
		memset(&record, 0, sizeof(record));
		err = set_add(set, profile);
		if (err) {
			vigil_audit_policy(op, profile->hname, NULL, info, err);
			vigil_profile_put(profile);
			return err;
		}
	}
	*last_version = version;
	return 0;

refuse_record:
	vigil_audit_policy(op, record.hname, NULL, info, err);
fail_record:
	vigil_profile_record_destroy(&record);
	return err;
}

/*
 * Under the namespace lock: refuse existing names for .load, and
 * children whose parent is neither loaded nor in the set (stock 6.12
 * fails those too, with -ENOENT, when it cannot make their directory,
 * and reports them so).
 */
static int prepare_set(struct vigil_ns *ns, struct vigil_load_set *set,
		       bool replace)
{
	struct vigil_profile *profile;
	size_t i, len;

	for (i = 0; i < set->count; i++) {
		profile = set->profiles[i];
		if (!replace && is_loaded(ns, profile)) {
			audit_refused_set(ns, set, i, i + 1,
					  VIGIL_OP_PROFILE_REPLACE,
					  "profile can not be replaced",
					  -EEXIST);
			return -EEXIST;
		}
		if (profile->base == profile->hname)
			continue;
		len = profile->base - 2 - profile->hname;
		if (!vigil_profile_lookup(ns, profile->hname, len) &&
		    !set_has(set, profile->hname, len)) {
			audit_refused_set(ns, set, i, i + 1,
					  VIGIL_OP_PROFILE_LOAD,
					  "failed to create", -ENOENT);
			return -ENOENT;
		}
	}
	return 0;
}

static size_t depth_of(const struct vigil_profile *profile)
{
	const char *split = profile->hname;
	size_t depth = 0;

	while ((split = strstr(split, "//"))) {
		split += 2;
		depth++;
	}
	return depth;
}

/* The profile whose profiles/ directory a new profile's goes in. */
static struct vigil_profile *dir_parent(struct vigil_ns *ns,
					struct vigil_load_set *set,
					struct vigil_profile *profile)
{
	struct vigil_profile *parent;
	size_t i, len;

	if (profile->base == profile->hname)
		return NULL;
	len = profile->base - 2 - profile->hname;
	parent = vigil_profile_lookup(ns, profile->hname, len);
	for (i = 0; !parent && i < set->count; i++)
		if (strlen(set->profiles[i]->hname) == len &&
		    !memcmp(set->profiles[i]->hname, profile->hname, len))
			parent = set->profiles[i];
	return parent;
}

/*
 * Under the namespace lock: share the load's raw data with identical
 * live raw data or publish it, and make the directories of the new
 * profiles in stream order, which numbers them as stock does. Returns
 * the raw data the profiles use, with the loader's reference, or an
 * ERR_PTR with nothing left in the filesystem.
 */
static struct vigil_rawdata *publish_set(struct vigil_ns *ns,
					 struct vigil_load_set *set,
					 struct vigil_rawdata *rd)
{
	struct vigil_rawdata *same = vigil_rawdata_find_same(ns, rd);
	struct vigil_profile *profile;
	size_t i, made;
	int err = 0;

	if (same) {
		vigil_rawdata_put(rd);
		rd = same;
	} else {
		err = vigil_rawdata_publish(ns, rd);
		if (err) {
			audit_refused_set(ns, set, set->count, set->count,
					  VIGIL_OP_PROFILE_REPLACE,
					  "failed to create raw_data dir and files",
					  err);
			vigil_rawdata_put(rd);
			return ERR_PTR(err);
		}
		/* The loader's reference becomes a user reference. */
		atomic_inc(&rd->users);
	}
	for (i = 0; i < set->count; i++)
		set->profiles[i]->files.rawdata = vigil_rawdata_get_user(rd);

	for (made = 0; made < set->count; made++) {
		profile = set->profiles[made];
		if (is_loaded(ns, profile))
			continue;
		err = vigil_profile_files_create(ns, profile,
						 dir_parent(ns, set, profile));
		if (err)
			break;
	}
	if (!err)
		return rd;
	audit_refused_set(ns, set, made, set->count, VIGIL_OP_PROFILE_LOAD,
			  "failed to create", err);
	while (made--)
		vigil_profile_files_remove(set->profiles[made]);
	if (!same)
		vigil_rawdata_unpublish(rd);
	vigil_rawdata_put_user(rd);
	return ERR_PTR(err);
}

/*
 * A profile whose loaded version came from the very same bytes (the
 * raw data was shared with it) stays as it is, so its tasks keep their
 * label. Stays true while the set goes in: a lookup finds the same
 * profile until that profile itself is replaced.
 */
static bool is_unchanged(struct vigil_ns *ns,
			 const struct vigil_profile *profile)
{
	struct vigil_profile *old = vigil_profile_lookup(ns, profile->hname,
							 strlen(profile->hname));

	return old && old->files.rawdata == profile->files.rawdata;
}

/* Cannot fail: parents go in before their children. */
static void commit_set(struct vigil_ns *ns, struct vigil_load_set *set,
		       struct vigil_rawdata *rd)
{
	struct vigil_profile *old;
	size_t i, depth, deepest = 0, left = 0;

	/* In stream order, as stock reports them. */
	for (i = 0; i < set->count; i++) {
		if (is_unchanged(ns, set->profiles[i])) {
			vigil_audit_policy(VIGIL_OP_PROFILE_REPLACE,
					   set->profiles[i]->hname, NULL,
					   "same as current profile, skipping",
					   0);
			continue;
		}
		vigil_audit_policy(set_op(ns, set->profiles[i]),
				   set->profiles[i]->hname, NULL, NULL, 0);
		deepest = max(deepest, depth_of(set->profiles[i]));
		left++;
	}
	for (depth = 0; depth <= deepest && left; depth++) {
		for (i = 0; i < set->count; i++) {
			if (!set->profiles[i] ||
			    depth_of(set->profiles[i]) != depth ||
			    is_unchanged(ns, set->profiles[i]))
				continue;
			old = vigil_profile_lookup(ns, set->profiles[i]->hname,
						   strlen(set->profiles[i]->hname));
			if (old)
				vigil_profile_files_migrate(old,
							    set->profiles[i]);
			vigil_profile_insert(ns, set->profiles[i]);
			set->profiles[i] = NULL;
			left--;
		}
	}
	vigil_ns_bump_revision(ns);
	WRITE_ONCE(rd->revision, ns->revision);
}

/**
 * vigil_policy_replace - load a set of profiles into a namespace
 * @ns: target namespace
 * @data: the whole policy stream as written by userspace (kernel copy)
 * @size: bytes in @data
 * @replace: replace existing profiles (.replace); otherwise (.load) an
 *	existing profile fails the whole set with -EEXIST
 *
 * All or nothing: on any error the tree is unchanged.
 *
 * Return: @size, or -EPROTONOSUPPORT (header), -EPROTO (malformed
 * record), -EEXIST, -ENOENT (missing parent), -EOPNOTSUPP (namespaces,
 * rename), -ENOMEM.
 */
ssize_t vigil_policy_replace(struct vigil_ns *ns, const void *data,
			     size_t size, bool replace)
{
	const char *op = replace ? VIGIL_OP_PROFILE_REPLACE :
				   VIGIL_OP_PROFILE_LOAD;
	struct vigil_rawdata *rd = NULL, *used;
	struct vigil_load_set set = {};
	u32 version;
	int err;

	err = unpack_set(data, size, op, &set, &version);
	if (err)
		goto out;
	rd = vigil_rawdata_create(data, size, version & VIGIL_ABI_MASK);
	if (!rd) {
		vigil_audit_policy(op, NULL, NULL, "out of memory", -ENOMEM);
		err = -ENOMEM;
		goto out;
	}

	mutex_lock(&ns->lock);
	err = prepare_set(ns, &set, replace);
	if (err) {
		mutex_unlock(&ns->lock);
		goto out;
	}
	used = publish_set(ns, &set, rd);
	/* publish_set() took over the loader's reference. */
	rd = NULL;
	if (IS_ERR(used)) {
		err = PTR_ERR(used);
	} else {
		commit_set(ns, &set, used);
		vigil_rawdata_put_user(used);
	}
	mutex_unlock(&ns->lock);
	if (!err)
		vigil_boot_after_load();
out:
	set_destroy(&set);
	vigil_rawdata_put(rd);
	return err ? err : size;
}

/**
 * vigil_policy_remove - remove a profile and its descendants
 * @ns: namespace the name is relative to
 * @fqname: NUL-terminated name; ":ns:name" names another namespace
 * @size: bytes written, returned on success
 *
 * Return: @size, or -ENOENT when there is no such profile or namespace.
 */
ssize_t vigil_policy_remove(struct vigil_ns *ns, const char *fqname,
			    size_t size)
{
	const char *name = fqname, *ns_name = NULL, *info;
	struct vigil_profile *profile;
	size_t ns_len;

	if (!*fqname) {
		info = "no profile specified";
		goto fail;
	}
	if (*fqname == ':') {
		/*
		 * Only the root namespace exists, so any namespace named is
		 * missing. Stock reports the namespace as the rest of the
		 * string from its first character, profile name and all.
		 */
		if (vigil_split_fqname(fqname, &ns_name, &ns_len, &name)) {
			ns_name = NULL;
			name = NULL;
		}
		info = "namespace does not exist";
		goto fail;
	}

	mutex_lock(&ns->lock);
	profile = vigil_profile_lookup(ns, fqname, strlen(fqname));
	if (profile) {
		vigil_audit_policy(VIGIL_OP_PROFILE_REMOVE, profile->hname,
				   NULL, NULL, 0);
		vigil_ns_bump_revision(ns);
		vigil_profile_files_remove(profile);
		vigil_profile_remove(ns, profile);
	}
	mutex_unlock(&ns->lock);
	if (profile)
		return size;
	info = "profile does not exist";
fail:
	vigil_audit_policy(VIGIL_OP_PROFILE_REMOVE, name, ns_name, info,
			   -ENOENT);
	return -ENOENT;
}
