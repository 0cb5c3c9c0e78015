// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - decoding one profile record of a policy load
 *
 * Fields are probed strictly in the order of the ABI reference,
 * section 1.5; a required field that is missing or malformed rejects
 * the record with -EPROTO and a reason for the audit record. Names are
 * C strings: an embedded NUL is refused rather than silently cutting
 * the name short.
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/profile_record.h"
#include "include/string_array.h"

static int copy_text(const char *text, size_t len, char **copy)
{
	if (strlen(text) != len)
		return -EPROTO;
	*copy = kmalloc(len + 1, GFP_KERNEL);
	if (!*copy)
		return -ENOMEM;
	memcpy(*copy, text, len + 1);
	return 0;
}

/* An optional named string: absent is fine, malformed is not. */
static int read_optional_text(struct vigil_stream *stream, const char *name,
			      char **copy)
{
	const char *text;
	size_t len;

	if (!vigil_stream_read_string(stream, name, &text, &len))
		return 0;
	return copy_text(text, len, copy);
}

/* @seen: the name as far as it was understood, for the audit record */
static int read_name(struct vigil_stream *stream,
		     struct vigil_profile_record *record, const char **info,
		     const char **seen)
{
	const char *text, *ns, *name;
	size_t len, ns_len;

	if (!vigil_stream_read_string(stream, NULL, &text, &len))
		return -EPROTO;
	if (strlen(text) != len)
		return -EPROTO;
	*seen = text;
	if (!len)
		return -EPROTO;
	if (vigil_split_fqname(text, &ns, &ns_len, &name) || !name) {
		*info = "empty profile name";
		return -EPROTO;
	}
	*seen = name;
	if (ns) {
		record->ns_name = kmalloc(ns_len + 1, GFP_KERNEL);
		if (!record->ns_name)
			return -ENOMEM;
		memcpy(record->ns_name, ns, ns_len);
		record->ns_name[ns_len] = '\0';
	}
	return copy_text(name, strlen(name), &record->hname);
}

static int read_flags(struct vigil_stream *stream, u32 version,
		      struct vigil_profile_record *record, const char **info)
{
	u32 flags, mode, audit;

	if (!vigil_stream_read_struct(stream, "flags")) {
		*info = "profile missing flags";
		return -EPROTO;
	}
	*info = "failed to unpack profile flags";
	if (!vigil_stream_read_u32(stream, NULL, &flags) ||
	    !vigil_stream_read_u32(stream, NULL, &mode) ||
	    !vigil_stream_read_u32(stream, NULL, &audit) ||
	    !vigil_stream_read_structend(stream) ||
	    mode > VIGIL_MODE_USER)
		return -EPROTO;

	record->flags = flags & VIGIL_PROFILE_FLAGS_MASK;
	record->mode = mode;
	if (version & VIGIL_VERSION_FORCE_COMPLAIN)
		record->mode = VIGIL_MODE_COMPLAIN;
	record->audit_all = audit != 0;
	return 0;
}

/* Four U32: allow, audit, quiet and an unused word, into @shift bits. */
static bool read_cap_words(struct vigil_stream *stream,
			   struct vigil_profile_record *record,
			   unsigned int shift)
{
	u32 allow, audit, quiet, unused;

	if (!vigil_stream_read_u32(stream, NULL, &allow) ||
	    !vigil_stream_read_u32(stream, NULL, &audit) ||
	    !vigil_stream_read_u32(stream, NULL, &quiet) ||
	    !vigil_stream_read_u32(stream, NULL, &unused))
		return false;
	record->caps_allow |= (u64)allow << shift;
	record->caps_audit |= (u64)audit << shift;
	record->caps_quiet |= (u64)quiet << shift;
	return true;
}

static int read_caps(struct vigil_stream *stream,
		     struct vigil_profile_record *record, const char **info)
{
	u32 low, high;

	*info = "failed to unpack profile capabilities";
	if (!read_cap_words(stream, record, 0))
		return -EPROTO;

	*info = "failed to unpack upper profile capabilities";
	if (vigil_stream_read_struct(stream, "caps64") &&
	    (!read_cap_words(stream, record, 32) ||
	     !vigil_stream_read_structend(stream)))
		return -EPROTO;

	*info = "failed to unpack extended profile capabilities";
	if (vigil_stream_read_struct(stream, "capsx")) {
		if (!vigil_stream_read_u32(stream, NULL, &low) ||
		    !vigil_stream_read_u32(stream, NULL, &high) ||
		    !vigil_stream_read_structend(stream))
			return -EPROTO;
		record->caps_extended = (u64)high << 32 | low;
	}
	return 0;
}

static int read_rlimits(struct vigil_stream *stream,
			struct vigil_profile_record *record)
{
	u16 count, i;

	if (!vigil_stream_read_struct(stream, "rlimits"))
		return 0;
	if (!vigil_stream_read_u32(stream, NULL, &record->rlimit_mask) ||
	    !vigil_stream_read_array(stream, NULL, &count) ||
	    count > VIGIL_RLIMIT_COUNT)
		return -EPROTO;
	for (i = 0; i < count; i++)
		if (!vigil_stream_read_u64(stream, NULL,
					   &record->rlimit_max[i]))
			return -EPROTO;
	if (!vigil_stream_read_array_close(stream))
		return -EPROTO;
	return 0;
}

static int read_secmarks(struct vigil_stream *stream,
			 struct vigil_profile_record *record)
{
	struct vigil_secmark *mark;
	const char *text;
	size_t len;
	u16 count;
	u32 i;
	int err;

	if (!vigil_stream_read_struct(stream, "secmark"))
		return 0;
	if (!vigil_stream_read_array(stream, NULL, &count))
		return -EPROTO;
	if (count) {
		record->secmarks = kvcalloc(count, sizeof(*record->secmarks),
					    GFP_KERNEL);
		if (!record->secmarks)
			return -ENOMEM;
	}
	for (i = 0; i < count; i++) {
		mark = &record->secmarks[i];
		/* Counted first so that a partial entry is freed too. */
		record->secmark_count = i + 1;
		if (!vigil_stream_read_u8(stream, NULL, &mark->audit) ||
		    !vigil_stream_read_u8(stream, NULL, &mark->deny) ||
		    !vigil_stream_read_string(stream, NULL, &text, &len))
			return -EPROTO;
		err = copy_text(text, len, &mark->label);
		if (err)
			return err;
	}
	if (!vigil_stream_read_array_close(stream))
		return -EPROTO;
	return 0;
}

static int read_policydb(struct vigil_stream *stream, u32 abi,
			 struct vigil_profile_record *record,
			 const char **info)
{
	struct vigil_pdb *policy = &record->policy;
	u32 file_state;
	int err;

	if (!vigil_stream_read_struct(stream, "policydb"))
		return 0;
	*info = "failed to unpack policydb";
	err = vigil_pdb_unpack(stream, VIGIL_PDB_POLICY, abi, policy, info);
	if (err)
		return err;
	if (!vigil_stream_read_structend(stream)) {
		*info = "failed to unpack policydb";
		return -EPROTO;
	}
	/* File rules compiled into the policydb start after class byte 2. */
	file_state = vigil_dfa_next(policy->dfa, policy->start,
				    VIGIL_CLASS_FILE);
	if (file_state != VIGIL_DFA_NOMATCH)
		policy->file_start = file_state;
	return 0;
}

static void free_data(struct vigil_data_entry *data, u32 count)
{
	u32 i;

	for (i = 0; i < count; i++) {
		kfree(data[i].key);
		kvfree(data[i].value);
	}
	kvfree(data);
}

/* Room for entry @count: capacity doubles from 4 at each power of 2. */
static int grow_data(struct vigil_profile_record *record)
{
	u32 count = record->data_count;
	struct vigil_data_entry *grown;

	if (count && (count < 4 || (count & (count - 1))))
		return 0;
	if (count >= U16_MAX)
		return -EPROTO;
	grown = kvcalloc(count ? 2 * count : 4, sizeof(*grown), GFP_KERNEL);
	if (!grown)
		return -ENOMEM;
	if (count)
		memcpy(grown, record->data, count * sizeof(*grown));
	kvfree(record->data);
	record->data = grown;
	return 0;
}

static int add_data_entry(struct vigil_profile_record *record,
			  const char *key, size_t key_len,
			  const u8 *value, size_t size)
{
	struct vigil_data_entry *entry;
	int err;

	err = grow_data(record);
	if (err)
		return err;
	entry = &record->data[record->data_count];
	err = copy_text(key, key_len, &entry->key);
	if (err)
		return err;
	record->data_count++;
	if (size) {
		entry->value = kvcalloc(size, 1, GFP_KERNEL);
		if (!entry->value)
			return -ENOMEM;
		memcpy(entry->value, value, size);
		entry->size = size;
	}
	return 0;
}

static int compare_data_keys(const void *a, const void *b)
{
	const struct vigil_data_entry *left = a, *right = b;

	return strcmp(left->key, right->key);
}

/*
 * Sort by key, so duplicates are neighbours (checked in O(n log n)
 * rather than pairwise) and lookups can bisect.
 */
static bool sort_data_unique(struct vigil_profile_record *record)
{
	u32 i;

	if (!record->data_count)
		return true;
	vigil_sort(record->data, record->data_count, sizeof(*record->data),
		   compare_data_keys);
	for (i = 1; i < record->data_count; i++)
		if (!strcmp(record->data[i - 1].key, record->data[i].key))
			return false;
	return true;
}

static int read_data(struct vigil_stream *stream,
		     struct vigil_profile_record *record, const char **info)
{
	const char *key;
	const u8 *value;
	size_t key_len, size;
	int err;

	if (!vigil_stream_read_struct(stream, "data"))
		return 0;
	while (vigil_stream_read_string(stream, NULL, &key, &key_len)) {
		if (!vigil_stream_read_blob(stream, NULL, &value, &size)) {
			*info = "failed to unpack data value";
			return -EPROTO;
		}
		err = add_data_entry(record, key, key_len, value, size);
		if (err)
			return err;
	}
	if (!vigil_stream_read_structend(stream)) {
		*info = "failed to unpack end of key, value data table";
		return -EPROTO;
	}
	if (!sort_data_unique(record)) {
		*info = "failed to insert data to table";
		return -EPROTO;
	}
	return 0;
}

/* Everything between the flags and the policy DBs. */
static int read_middle(struct vigil_stream *stream, u32 version,
		       struct vigil_profile_record *record, const char **info)
{
	int err;

	err = read_flags(stream, version, record, info);
	if (err)
		return err;

	if (!vigil_stream_read_u32(stream, "path_flags", &record->path_flags))
		record->path_flags = VIGIL_PATH_MEDIATE_DELETED;

	err = read_caps(stream, record, info);
	if (err)
		return err;

	*info = "failed to unpack profile xattrs";
	err = vigil_stream_read_string_array(stream, "xattrs", copy_text,
					     &record->xattrs,
					     &record->xattr_count);
	if (err)
		return err;
	*info = "failed to unpack profile rlimits";
	err = read_rlimits(stream, record);
	if (err)
		return err;
	*info = "failed to unpack profile secmark rules";
	return read_secmarks(stream, record);
}

static int read_record(struct vigil_stream *stream, u32 version,
		       struct vigil_profile_record *record, const char **info,
		       const char **seen)
{
	u32 abi = version & VIGIL_ABI_MASK;
	int err;

	*info = "failed to unpack profile";
	if (!vigil_stream_read_struct(stream, "profile"))
		return -EPROTO;
	err = read_name(stream, record, info, seen);
	if (!err)
		err = read_optional_text(stream, "rename", &record->rename);
	if (!err)
		err = read_optional_text(stream, "attach", &record->attach);
	if (err)
		return err;

	err = vigil_pdb_unpack(stream, VIGIL_PDB_XMATCH, abi, &record->xmatch,
			       info);
	if (err) {
		*info = "bad xmatch";
		return err;
	}
	if (record->xmatch.dfa &&
	    !vigil_stream_read_u32(stream, NULL, &record->xmatch_len)) {
		*info = "missing xmatch len";
		return -EPROTO;
	}

	err = read_optional_text(stream, "disconnected", &record->disconnected);
	if (!err)
		err = read_middle(stream, version, record, info);
	if (!err)
		err = read_policydb(stream, abi, record, info);
	if (!err)
		err = vigil_pdb_unpack(stream, VIGIL_PDB_FILE, abi,
				       &record->file, info);
	if (err)
		return err;
	record->file_uses_policy = !record->file.dfa && record->policy.dfa &&
				   record->policy.file_start != VIGIL_DFA_NOMATCH;

	err = read_data(stream, record, info);
	if (err)
		return err;
	if (!vigil_stream_read_structend(stream)) {
		*info = "failed to unpack end of profile";
		return -EPROTO;
	}
	return 0;
}

/**
 * vigil_profile_record_destroy - free everything a record owns
 * @record: record to empty; left zeroed
 */
void vigil_profile_record_destroy(struct vigil_profile_record *record)
{
	u32 i;

	kfree(record->ns_name);
	kfree(record->hname);
	kfree(record->rename);
	kfree(record->attach);
	kfree(record->disconnected);
	vigil_pdb_destroy(&record->xmatch);
	vigil_string_array_free(record->xattrs, record->xattr_count);
	for (i = 0; i < record->secmark_count; i++)
		kfree(record->secmarks[i].label);
	kvfree(record->secmarks);
	vigil_pdb_destroy(&record->policy);
	vigil_pdb_destroy(&record->file);
	free_data(record->data, record->data_count);
	memset(record, 0, sizeof(*record));
}

/**
 * vigil_profile_record_unpack - decode one profile record
 * @stream: reader positioned at NAME "profile"
 * @version: version word in force for this record (from its header)
 * @record: zeroed record to fill
 * @info: on failure, set to the reason to report in the audit record
 * @stop: on failure, set to where decoding stopped and the name read
 *	so far, for the audit record; may be NULL
 *
 * On success the stream is just past the record, and @record holds
 * private copies of everything plus the record's position in the
 * buffer (for the per-profile hash). Call vigil_profile_record_verify()
 * before using the DBs.
 *
 * Return: 0, -EPROTO for malformed input, -ENOMEM; on failure @record
 * is emptied and @stream rewound.
 */
int vigil_profile_record_unpack(struct vigil_stream *stream, u32 version,
				struct vigil_profile_record *record,
				const char **info,
				struct vigil_unpack_stop *stop)
{
	struct vigil_stream start = *stream;
	const char *seen = NULL;
	int err;

	err = read_record(stream, version, record, info, &seen);
	if (err) {
		if (stop) {
			stop->offset = vigil_stream_offset(stream);
			stop->name = seen;
		}
		vigil_profile_record_destroy(record);
		*stream = start;
		return err;
	}
	record->record_offset = vigil_stream_offset(&start);
	record->record_size = vigil_stream_offset(stream) -
			      record->record_offset;
	return 0;
}

/**
 * vigil_profile_record_verify - post-unpack consistency checks
 * @record: record returned by vigil_profile_record_unpack()
 * @info: on failure, set to the reason to report
 *
 * Verifies each DB with vigil_pdb_verify(); a file DB is checked as
 * owner/other pairs. When file rules fall back to the policydb, that
 * table was built one record per state, so file lookups in it must
 * check the pair index themselves.
 *
 * Return: 0, or -EPROTO.
 */
int vigil_profile_record_verify(const struct vigil_profile_record *record,
				const char **info)
{
	if (vigil_pdb_verify(&record->file, true) ||
	    vigil_pdb_verify(&record->policy, false) ||
	    vigil_pdb_verify(&record->xmatch, false)) {
		*info = "Unpack: Invalid perm index";
		return -EPROTO;
	}
	return 0;
}
