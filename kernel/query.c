// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - .access: permission and data queries (spec 4.8)
 *
 * One write is one query; the reply is kept with the open file and
 * read back from offset 0 (libapparmor's aa_query_label() does exactly
 * that). Queries, as stock 6.12 takes them:
 *
 *   "label\0" | "profile\0" | "labelall\0"  LABEL "\0" MATCH
 *	MATCH is a class byte and the string to match, not terminated;
 *	the reply is "allow 0x%08x\ndeny 0x%08x\naudit 0x%08x\nquiet 0x%08x\n"
 *   "data\0" LABEL "\0" KEY "\0"
 *	the reply is le32 bytes-after-this-word, le32 block count, then
 *	per block le32 size and the profile's data for KEY
 *
 * Every length is checked against what was written; nothing is read
 * past it, and the copy carries a terminating NUL of its own.
 */

#include <linux/cred.h>
#include <linux/ctype.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "include/dfa.h"
#include "include/pdb_lookup.h"
#include "include/perms_decide.h"
#include "include/policy.h"
#include "include/query.h"

/* Stock keeps a query and its reply in one page with a 16-byte header. */
#define VIGIL_QUERY_LIMIT	(PAGE_SIZE - 16)

/**
 * struct vigil_query_file - the state of one open .access file
 * @lock: serializes replacing and reading @reply
 * @reply: the last query's reply, or NULL
 * @reply_len: bytes in @reply
 */
struct vigil_query_file {
	struct mutex lock;	/* @reply and @reply_len */
	char *reply;
	size_t reply_len;
};

/* Leading white space, as stock skips it; NULL if there is nothing else. */
static const char *skip_spaces_n(const char *str, size_t n)
{
	for (; n && isspace(*str); n--)
		str++;
	return n ? str : NULL;
}

/**
 * vigil_query_find_label - the profile a query names
 * @ns: namespace names are relative to
 * @name: NUL-terminated label name from the query
 *
 * As stock resolves one-component labels: leading white space is
 * skipped, ":ns:" prefixes name a child namespace (none exist, so only
 * an empty one is accepted), a missing profile name means the
 * namespace's unconfined profile, and so does any prefix of
 * "unconfined" that names no profile. Stacked labels ("a//&b", "&a")
 * need label stacking, which Vigil does not have.
 *
 * Return: a referenced profile, or an ERR_PTR (-EINVAL for a blank
 * name, -ENOENT when nothing matches).
 */
struct vigil_profile *vigil_query_find_label(struct vigil_ns *ns,
					     const char *name)
{
	const char *end = name + strlen(name), *split;
	struct vigil_profile *profile;
	size_t len;

	name = skip_spaces_n(name, end - name);
	if (!name)
		return ERR_PTR(-EINVAL);
	if (*name == '&' || strstr(name, "//&"))
		return ERR_PTR(-ENOENT);
	if (*name == ':') {
		split = strnchr(name + 1, end - name - 1, ':');
		if (!skip_spaces_n(name + 1, end - name - 1))
			return vigil_profile_get(ns->unconfined);
		/* Only the unnamed namespace, "::", is this one. */
		if (!split || split != skip_spaces_n(name + 1, end - name - 1))
			return ERR_PTR(-ENOENT);
		split++;
		if (end - split > 1 && !strncmp(split, "//", 2))
			split += 2;
		name = skip_spaces_n(split, end - split);
		if (!name || !*name)
			return vigil_profile_get(ns->unconfined);
	}
	len = end - name;
	mutex_lock(&ns->lock);
	profile = vigil_profile_get(vigil_profile_lookup(ns, name, len));
	mutex_unlock(&ns->lock);
	if (!profile && !strncmp(name, "unconfined", len))
		profile = vigil_profile_get(ns->unconfined);
	return profile ? profile : ERR_PTR(-ENOENT);
}

/*
 * A label answers with what all of its profiles agree on (one profile
 * while there is no stacking): a permission is allowed only where every
 * profile allows it and none denies it, audited where some profile
 * audits what it allows, and quiet only where every profile is quiet
 * about what it does not allow. Only the four fields a reply shows are
 * folded.
 */
static void vigil_query_fold(struct vigil_perms *answer,
			     const struct vigil_perms *one)
{
	u32 granted = one->allow & ~one->deny;

	answer->allow &= granted;
	answer->deny |= one->deny;
	answer->quiet &= one->quiet & ~one->allow;
	answer->audit |= one->audit & one->allow;
}

/* The state a class is matched from in the policydb, 0 if unmediated. */
static u32 class_state(const struct vigil_pdb *policy, u8 class)
{
	switch (class) {
	case 0:
		return policy->start;
	case 1:
		return VIGIL_DFA_NOMATCH;
	case VIGIL_CLASS_FILE:
		return policy->file_start;
	default:
		return vigil_pdb_class_start(policy, class);
	}
}

/**
 * vigil_query_profile_perms - fold a profile's permissions for a query
 * @profile: profile to ask
 * @match: class byte followed by the string to match
 * @len: bytes in @match; when 0, @match[0] is the NUL after the query
 * @acc: the label's answer so far
 *
 * File queries match the file rules (or the policydb serving them) from
 * the file start, without the class byte, and take the owner record
 * when the caller's fsuid is root, as stock does with its empty
 * condition. Other classes match the policydb from its start, class
 * byte included, when the class is mediated at all.
 */
void vigil_query_profile_perms(struct vigil_profile *profile,
			       const char *match, size_t len,
			       struct vigil_perms *acc)
{
	const struct vigil_profile_record *record = &profile->record;
	const struct vigil_pdb *file = record->file_uses_policy ?
				       &record->policy : &record->file;
	struct vigil_perms perms = {};
	u32 state;

	if (profile->label.flags & VIGIL_LABEL_UNCONFINED)
		return;
	if (file->dfa && (u8)match[0] == VIGIL_CLASS_FILE) {
		state = vigil_dfa_match_len(file->dfa, file->file_start,
					    match + 1, len - 1);
		if (state != VIGIL_DFA_NOMATCH)
			perms = *vigil_pdb_file_perms(file, state,
						      uid_eq(current_fsuid(),
							     GLOBAL_ROOT_UID));
	} else if (record->policy.dfa) {
		if (class_state(&record->policy, match[0]) ==
		    VIGIL_DFA_NOMATCH)
			return;
		state = vigil_dfa_match_len(record->policy.dfa,
					    record->policy.start, match, len);
		if (state != VIGIL_DFA_NOMATCH)
			perms = *vigil_pdb_perms(&record->policy, state);
	}
	vigil_perms_apply_modes(&perms, profile->mode,
				record->audit_all ? VIGIL_AUDIT_ALL :
						    VIGIL_AUDIT_NORMAL);
	vigil_query_fold(acc, &perms);
}

static ssize_t query_label(char *out, size_t out_len, const char *query,
			   size_t len)
{
	struct vigil_perms perms = {
		.allow = VIGIL_ALL_PERMS,
		.quiet = VIGIL_ALL_PERMS,
	};
	struct vigil_profile *profile;
	size_t name_len = strnlen(query, len);

	if (!name_len || name_len == len)
		return -EINVAL;
	profile = vigil_query_find_label(&vigil_root_ns, query);
	if (IS_ERR(profile))
		return PTR_ERR(profile);
	vigil_query_profile_perms(profile, query + name_len + 1,
				  len - name_len - 1, &perms);
	vigil_profile_put(profile);
	return scnprintf(out, out_len,
			 "allow 0x%08x\ndeny 0x%08x\naudit 0x%08x\nquiet 0x%08x\n",
			 perms.allow, perms.deny, perms.audit, perms.quiet);
}

static const struct vigil_data_entry *find_data(const struct vigil_profile *p,
						const char *key)
{
	u32 i;

	for (i = 0; i < p->record.data_count; i++)
		if (!strcmp(p->record.data[i].key, key))
			return &p->record.data[i];
	return NULL;
}

static void put_le32(char *at, u32 value)
{
	__le32 word = cpu_to_le32(value);

	memcpy(at, &word, sizeof(word));
}

static ssize_t query_data(char *out, size_t out_len, const char *query,
			  size_t len)
{
	const char *end = query + len, *key = query + strnlen(query, len) + 1;
	const struct vigil_data_entry *entry = NULL;
	struct vigil_profile *profile;
	size_t used = 8;

	/* A non-empty key, terminated inside the query. */
	if (key + 1 >= end || key + strnlen(key, end - key) >= end)
		return -EINVAL;
	if (out_len < used)
		return -EINVAL;
	profile = vigil_query_find_label(&vigil_root_ns, query);
	if (IS_ERR(profile))
		return PTR_ERR(profile);
	if (!(profile->label.flags & VIGIL_LABEL_UNCONFINED))
		entry = find_data(profile, key);
	if (entry) {
		if (used + 4 + entry->size > out_len) {
			vigil_profile_put(profile);
			return -EINVAL;
		}
		put_le32(out + used, entry->size);
		if (entry->size)
			memcpy(out + used + 4, entry->value, entry->size);
		used += 4 + entry->size;
	}
	vigil_profile_put(profile);
	put_le32(out, used - 4);
	put_le32(out + 4, entry ? 1 : 0);
	return used;
}

/**
 * vigil_query_run - answer one query
 * @query: the bytes written, followed by a NUL of the caller's
 * @len: bytes written (not counting that NUL)
 * @out: reply buffer
 * @out_len: its size
 *
 * Return: bytes of reply, or -EINVAL for an unknown or malformed
 * query, -ENOENT for an unknown label.
 */
ssize_t vigil_query_run(const char *query, size_t len, char *out,
			size_t out_len)
{
	static const struct {
		const char *cmd;
		size_t len;
		ssize_t (*run)(char *out, size_t out_len, const char *query,
			       size_t len);
	} cmds[] = {
		{ "profile", sizeof("profile"), query_label },
		{ "label", sizeof("label"), query_label },
		{ "labelall", sizeof("labelall"), query_label },
		{ "data", sizeof("data"), query_data },
	};
	size_t i;

	/* sizeof() counts the NUL that ends the command word. */
	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		if (len > cmds[i].len && !memcmp(query, cmds[i].cmd,
						 cmds[i].len))
			return cmds[i].run(out, out_len, query + cmds[i].len,
					   len - cmds[i].len);
	return -EINVAL;
}

static int vigil_access_open(struct inode *inode, struct file *file)
{
	struct vigil_query_file *state = kzalloc(sizeof(*state), GFP_KERNEL);

	if (!state)
		return -ENOMEM;
	mutex_init(&state->lock);
	file->private_data = state;
	return 0;
}

static ssize_t vigil_access_write(struct file *file, const char __user *ubuf,
				  size_t size, loff_t *ppos)
{
	struct vigil_query_file *state = file->private_data;
	char *query, *reply;
	ssize_t len;

	if (*ppos)
		return -ESPIPE;
	if (size > VIGIL_QUERY_LIMIT - 1)
		return -EFBIG;
	query = kzalloc(size + 1, GFP_KERNEL);
	reply = kzalloc(VIGIL_QUERY_LIMIT, GFP_KERNEL);
	if (!query || !reply) {
		len = -ENOMEM;
		goto out;
	}
	if (copy_from_user(query, ubuf, size)) {
		len = -EFAULT;
		goto out;
	}
	len = vigil_query_run(query, size, reply, VIGIL_QUERY_LIMIT);
	if (len < 0)
		goto out;
	mutex_lock(&state->lock);
	swap(state->reply, reply);
	state->reply_len = len;
	mutex_unlock(&state->lock);
	len = size;
out:
	kfree(query);
	kfree(reply);
	return len;
}

static ssize_t vigil_access_read(struct file *file, char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	struct vigil_query_file *state = file->private_data;
	ssize_t ret = 0;

	mutex_lock(&state->lock);
	if (state->reply)
		ret = simple_read_from_buffer(ubuf, count, ppos, state->reply,
					      state->reply_len);
	mutex_unlock(&state->lock);
	return ret;
}

static int vigil_access_release(struct inode *inode, struct file *file)
{
	struct vigil_query_file *state = file->private_data;

	kfree(state->reply);
	kfree(state);
	return 0;
}

const struct file_operations vigil_access_fops = {
	.open = vigil_access_open,
	.write = vigil_access_write,
	.read = vigil_access_read,
	.llseek = generic_file_llseek,
	.release = vigil_access_release,
};
