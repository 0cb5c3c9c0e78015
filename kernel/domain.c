// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - exec: attachment and transitions
 *
 * At exec an unconfined task attaches to the profile whose attachment
 * matches the executable's path, ranked as attach_rank.c describes. A confined task needs
 * exec permission on the path; the permission's transition (inherit,
 * unconfined, a profile found by name or from the exec table, child
 * profiles for cx) picks the new profile, with the ix and ux
 * fallbacks when the target does not exist.
 */

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>

#include "include/attach_rank.h"
#include "include/attr.h"
#include "include/audit.h"
#include "include/domain.h"
#include "include/file.h"
#include "include/lsm.h"
#include "include/nnp.h"
#include "include/pdb_lookup.h"
#include "include/rlimit.h"
#include "include/task.h"

/* How well @profile's attachment matches @name (see attach_rank.c). */
static int vigil_attach_score(const struct vigil_profile *profile,
			      const char *name)
{
	const struct vigil_pdb *xmatch = &profile->record.xmatch;
	unsigned int count;
	u32 state;

	if (!xmatch->dfa)
		return strcmp(profile->base, name) ? VIGIL_ATTACH_NONE :
						     VIGIL_ATTACH_EXACT;
	state = vigil_dfa_leftmatch(xmatch->dfa, xmatch->start, name, &count);
	if (!(vigil_pdb_perms(xmatch, state)->allow & VIGIL_MAY_EXEC))
		return VIGIL_ATTACH_NONE;
	return max_t(int, count, profile->record.xmatch_len);
}

/**
 * vigil_find_attach - the profile of a list that attaches to a path
 * @ns: namespace of the list, whose lock the caller must not hold
 * @profiles: the list (top-level profiles or a profile's children)
 * @name: executable path name
 * @info: set to a reason when two attachments conflict
 *
 * Return: a new reference to the profile, or NULL.
 */
struct vigil_profile *vigil_find_attach(struct vigil_ns *ns,
					struct list_head *profiles,
					const char *name, const char **info)
{
	struct vigil_profile *profile, *best = NULL;
	struct vigil_attach_rank rank;
	int score;

	vigil_attach_rank_init(&rank);
	mutex_lock(&ns->lock);
	list_for_each_entry(profile, profiles, list) {
		score = vigil_attach_score(profile, name);
		if (!vigil_attach_rank_offer(&rank, score))
			continue;
		best = profile;
		if (score == VIGIL_ATTACH_EXACT)
			break;
	}
	if (rank.conflict) {
		*info = "conflicting profile attachments";
		best = NULL;
	}
	vigil_profile_get(best);
	mutex_unlock(&ns->lock);
	return best;
}

/* A profile by its full name, from the root of @ns. */
static struct vigil_profile *vigil_lookup(struct vigil_ns *ns,
					  const char *hname)
{
	struct vigil_profile *profile;

	mutex_lock(&ns->lock);
	profile = vigil_profile_get(vigil_profile_lookup(ns, hname,
							 strlen(hname)));
	mutex_unlock(&ns->lock);
	return profile;
}

/* The target of an exec table entry: a child for cx, else by name. */
static struct vigil_profile *vigil_table_target(struct vigil_profile *profile,
						const char *entry, u32 xindex)
{
	struct vigil_profile *target;
	char *hname;

	if (!(xindex & VIGIL_X_CHILD))
		return vigil_lookup(profile->ns, entry);
	hname = kasprintf(GFP_KERNEL, "%s//%s", profile->hname, entry);
	if (!hname)
		return NULL;
	target = vigil_lookup(profile->ns, hname);
	kfree(hname);
	return target;
}

/*
 * The label a confined profile's exec of @name leads to, from the
 * transition bits of the permission that allowed it. *@target_name is
 * set to the name the target was looked up by, for the audit record.
 */
static struct vigil_label *vigil_transition(struct vigil_profile *profile,
					    const char *name, u32 xindex,
					    const char **target_name,
					    const char **info)
{
	const struct vigil_pdb *db = profile->record.file_uses_policy ?
				     &profile->record.policy :
				     &profile->record.file;
	struct vigil_profile *target = NULL;
	u32 index = xindex & VIGIL_X_INDEX_MASK;

	switch (xindex & VIGIL_X_TYPE_MASK) {
	case VIGIL_X_NAME:
		*target_name = name;
		target = vigil_find_attach(profile->ns,
					   xindex & VIGIL_X_CHILD ?
					   &profile->children :
					   &profile->ns->profiles,
					   name, info);
		break;
	case VIGIL_X_TABLE:
		if (index < db->xtable_count && db->xtable[index]) {
			*target_name = db->xtable[index];
			target = vigil_table_target(profile,
						    db->xtable[index], xindex);
		}
		break;
	}
	if (target)
		return &target->label;
	if (xindex & VIGIL_X_INHERIT) {
		*info = "ix fallback";
		return vigil_label_newest(&profile->label);
	}
	if (xindex & VIGIL_X_UNCONFINED) {
		*info = "ux fallback";
		return vigil_label_get(&profile->ns->unconfined->label);
	}
	return NULL;
}

/*
 * The learning profile a complain-mode profile runs an exec without a
 * rule in: an empty complain-mode child "null-<path>", created on first
 * use, so everything the program does is logged for the tools.
 */
static struct vigil_label *vigil_learning_label(struct vigil_profile *parent,
						const char *name)
{
	struct vigil_ns *ns = parent->ns;
	struct vigil_profile *learner;
	char *hname;

	hname = kasprintf(GFP_KERNEL, "%s//null-%s", parent->hname, name);
	if (!hname)
		return NULL;
	mutex_lock(&ns->lock);
	learner = vigil_profile_lookup(ns, hname, strlen(hname));
	if (!learner && !(parent->label.flags & VIGIL_LABEL_STALE)) {
		learner = vigil_profile_alloc(hname, VIGIL_MODE_COMPLAIN, 0);
		if (learner)
			vigil_profile_insert(ns, learner);
	}
	vigil_profile_get(learner);
	mutex_unlock(&ns->lock);
	kfree(hname);
	return learner ? &learner->label : NULL;
}

/*
 * Decide a confined exec and find its new label. Returns the error;
 * on success *new holds a reference and *secure says whether the
 * environment must be scrubbed.
 */
static int vigil_confined_exec(struct vigil_profile *profile,
			       const char *name, struct inode *inode,
			       struct vigil_label **new, bool *secure)
{
	struct vigil_path_cond cond = vigil_inode_cond(inode);
	struct vigil_decision decision;
	struct vigil_perms perms;
	const char *info = NULL;
	u32 state;
	struct vigil_audit ad = {
		.op = "exec",
		.class = "file",
		.profile = profile,
		.name = name,
		.file = true,
		.ouid = cond.ouid,
	};

	perms = *vigil_profile_file_perms(profile, name, &cond, &state);
	*new = NULL;
	if (perms.allow & VIGIL_MAY_EXEC) {
		*new = vigil_transition(profile, name, perms.xindex,
					&ad.target, &info);
		if (!*new) {
			info = "profile transition not found";
			perms.allow &= ~VIGIL_MAY_EXEC;
		}
		/* Staying in the profile (ix) never scrubs. */
		*secure = *new && !(perms.xindex & VIGIL_X_UNSAFE) &&
			  (*new)->proxy != profile->label.proxy;
	}
	vigil_perms_apply_modes(&perms, profile->mode,
				profile->record.audit_all ? VIGIL_AUDIT_ALL :
							    VIGIL_AUDIT_NORMAL);
	vigil_perms_decide(&perms, VIGIL_MAY_EXEC, &decision);
	ad.type = decision.type;
	ad.denied = decision.denied;
	ad.request = decision.denied ? VIGIL_MAY_EXEC & ~perms.allow :
				       decision.request;
	if (decision.denied && info) {
		ad.info = info;
		ad.error = decision.error;
	}
	if (!*new && !decision.error) {
		*new = vigil_learning_label(profile, name);
		if (*new)
			ad.target = vigil_label_profile(*new)->hname;
		else
			*new = vigil_label_newest(&profile->label);
		*secure = false;
	}
	return vigil_audit_finish(&ad, decision.error);
}

/*
 * Refuse an exec transition no_new_privs forbids. The record names the
 * file as exec was asked for it, like stock's. A complain-mode profile
 * logs it as allowed and the exec goes on, but in the old label.
 */
static int vigil_nnp_refuse_exec(struct vigil_label *label,
				 const struct linux_binprm *bprm,
				 struct vigil_label *new)
{
	struct vigil_profile *profile = vigil_label_profile(label);
	struct vigil_perms perms = { };
	struct vigil_decision decision;
	struct vigil_audit ad = {
		.op = "exec",
		.class = "file",
		.info = "no new privs",
		.profile = profile,
		.name = bprm->filename,
		.file = true,
		.ouid = vigil_inode_cond(file_inode(bprm->file)).ouid,
		.target = vigil_label_profile(new)->hname,
	};

	vigil_perms_apply_modes(&perms, profile->mode,
				profile->record.audit_all ? VIGIL_AUDIT_ALL :
							    VIGIL_AUDIT_NORMAL);
	vigil_perms_decide(&perms, VIGIL_MAY_EXEC, &decision);
	ad.type = decision.type;
	ad.request = VIGIL_MAY_EXEC;
	ad.denied = VIGIL_MAY_EXEC;
	ad.error = -EPERM;
	return vigil_audit_finish(&ad, decision.error ? -EPERM : 0);
}

static int vigil_bprm_creds_for_exec(struct linux_binprm *bprm)
{
	struct vigil_label **slot = vigil_cred_label(bprm->cred);
	struct vigil_label *label = vigil_current_label();
	struct vigil_task_ctx *ctx = vigil_task_ctx(current);
	struct vigil_label *new = NULL;
	struct vigil_profile *found;
	bool nnp = bprm->unsafe & LSM_UNSAFE_NO_NEW_PRIVS;
	const char *info = NULL;
	bool secure = false;
	char *buf, *name;
	int error = 0;

	vigil_nnp_note(ctx, label, nnp);
	name = vigil_path_name(&bprm->file->f_path, false, &buf);
	if (IS_ERR(name)) {
		/* Unconfined tasks exec what they like, named or not. */
		if (!(label->flags & VIGIL_LABEL_UNCONFINED))
			error = PTR_ERR(name);
		goto out;
	}
	if (ctx->onexec) {
		/* change_onexec chose the profile; exec must still be allowed. */
		if (!(label->flags & VIGIL_LABEL_UNCONFINED))
			error = vigil_confined_exec(vigil_label_profile(label),
						    name, file_inode(bprm->file),
						    &new, &secure);
		vigil_label_put(new);
		new = error ? NULL : vigil_label_newest(ctx->onexec);
		secure = false;
	} else if (label->flags & VIGIL_LABEL_UNCONFINED) {
		found = vigil_find_attach(&vigil_root_ns,
					  &vigil_root_ns.profiles, name, &info);
		if (found)
			new = &found->label;
	} else {
		error = vigil_confined_exec(vigil_label_profile(label), name,
					    file_inode(bprm->file), &new,
					    &secure);
	}
	if (new && !error && !vigil_nnp_allows(ctx, label, new, nnp)) {
		error = vigil_nnp_refuse_exec(label, bprm, new);
		vigil_label_put(new);
		new = NULL;
	}
	if (new) {
		vigil_label_put(*slot);
		*slot = new;
		if (secure)
			bprm->secureexec = 1;
	}
out:
	if (buf)
		__putname(buf);
	vigil_label_put(label);
	return error;
}

/* Entering the new label: revoke files it may not use, apply rlimits. */
static void vigil_bprm_committing_creds(const struct linux_binprm *bprm)
{
	struct vigil_label *old = vigil_current_label();
	struct vigil_label *new = vigil_label_newest(*vigil_cred_label(bprm->cred));

	if (old != new) {
		vigil_revalidate_inherited(new);
		vigil_rlimits_transition(old, new);
	}
	vigil_label_put(new);
	vigil_label_put(old);
}

/* A new image starts with nothing pending and no hat to return from. */
static void vigil_bprm_committed_creds(const struct linux_binprm *bprm)
{
	vigil_task_ctx_clear(vigil_task_ctx(current));
}

static struct security_hook_list vigil_domain_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(bprm_creds_for_exec, vigil_bprm_creds_for_exec),
	LSM_HOOK_INIT(bprm_committing_creds, vigil_bprm_committing_creds),
	LSM_HOOK_INIT(bprm_committed_creds, vigil_bprm_committed_creds),
};

/**
 * vigil_domain_init - install the exec hooks
 */
void __init vigil_domain_init(void)
{
	security_add_hooks(vigil_domain_hooks, ARRAY_SIZE(vigil_domain_hooks),
			   &vigil_lsmid);
}
