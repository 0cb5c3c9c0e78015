// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - the attr files
 *
 * /proc/<pid>/attr/{current,exec,prev} and their apparmor/ twins.
 * Reading shows a label; writing "changeprofile NAME" to current moves
 * the task to another profile now, "exec NAME" to exec does so at the
 * next exec, and "changehat TOKEN^HAT" to current enters a hat of the
 * task's profile (an empty HAT returns, with the same TOKEN).
 * "permprofile" and "permhat" only ask whether the change would work. A
 * confined task needs its profile's change_profile permission for the
 * target; unconfined tasks may change to any profile.
 */

#include <linux/cred.h>
#include <linux/kernel.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/lsm.h>

#include "include/attr.h"
#include "include/audit.h"
#include "include/file.h"
#include "include/lsm.h"
#include "include/nnp.h"
#include "include/pdb_lookup.h"
#include "include/policy.h"
#include "include/task.h"

/**
 * vigil_task_ctx - the attr state of a task
 * @task: the task
 *
 * Return: its context. Only the task itself changes it, under its
 * task_lock(), which other tasks' readers take too.
 */
struct vigil_task_ctx *vigil_task_ctx(const struct task_struct *task)
{
	return task->security + vigil_blob_sizes.lbs_task;
}

/**
 * vigil_task_ctx_clear - forget pending changes and the hat return
 * @ctx: a task's context
 */
void vigil_task_ctx_clear(struct vigil_task_ctx *ctx)
{
	struct vigil_label *onexec, *previous;

	task_lock(current);
	onexec = ctx->onexec;
	previous = ctx->previous;
	ctx->onexec = NULL;
	ctx->previous = NULL;
	ctx->token = 0;
	task_unlock(current);
	vigil_label_put(onexec);
	vigil_label_put(previous);
}

static int vigil_task_alloc(struct task_struct *task,
			    unsigned long clone_flags)
{
	struct vigil_task_ctx *new = vigil_task_ctx(task);
	struct vigil_task_ctx *old = vigil_task_ctx(current);

	new->onexec = vigil_label_get(old->onexec);
	new->previous = vigil_label_get(old->previous);
	new->token = old->token;
	new->nnp = vigil_label_get(old->nnp);
	return 0;
}

static void vigil_task_free(struct task_struct *task)
{
	struct vigil_task_ctx *ctx = vigil_task_ctx(task);

	vigil_label_put(ctx->onexec);
	vigil_label_put(ctx->previous);
	vigil_label_put(ctx->nnp);
	ctx->onexec = NULL;
	ctx->previous = NULL;
	ctx->nnp = NULL;
}

/**
 * vigil_commit_label - put a label into the current task's credentials
 * @label: the new label; the reference passes to the credentials, or
 *	is dropped on failure
 *
 * Return: 0 or -ENOMEM.
 */
int vigil_commit_label(struct vigil_label *label)
{
	struct cred *cred = prepare_creds();
	struct vigil_label **slot;

	if (!cred) {
		vigil_label_put(label);
		return -ENOMEM;
	}
	slot = vigil_cred_label(cred);
	vigil_label_put(*slot);
	*slot = label;
	commit_creds(cred);
	return 0;
}

static struct vigil_profile *vigil_lookup_name(const char *name)
{
	struct vigil_profile *profile;

	mutex_lock(&vigil_root_ns.lock);
	profile = vigil_profile_get(vigil_profile_lookup(&vigil_root_ns, name,
							 strlen(name)));
	mutex_unlock(&vigil_root_ns.lock);
	return profile;
}

/*
 * Whether @profile may change to @target now or at exec (@request is
 * CHANGE_PROFILE or ONEXEC): its file rules are matched on the target's
 * name as if root owned it. Denials are logged.
 */
static int vigil_change_allowed(struct vigil_profile *profile,
				const char *op, const char *name,
				struct vigil_profile *target, u32 request)
{
	const struct vigil_profile_record *record = &profile->record;
	const struct vigil_pdb *db = record->file_uses_policy ?
				     &record->policy : &record->file;
	struct vigil_decision decision;
	struct vigil_perms perms = { };
	struct vigil_audit ad = {
		.op = op,
		.class = "file",
		.profile = profile,
		.name = name,
		.file = true,
		.ouid = GLOBAL_ROOT_UID,
	};
	u32 state;

	if (target) {
		perms = *vigil_pdb_match_file(db, target->hname,
					      uid_eq(current_fsuid(),
						     GLOBAL_ROOT_UID),
					      &state);
		ad.target = target->hname;
	} else {
		ad.info = "label not found";
		ad.error = -ENOENT;
	}
	vigil_perms_apply_modes(&perms, profile->mode,
				record->audit_all ? VIGIL_AUDIT_ALL :
						    VIGIL_AUDIT_NORMAL);
	vigil_perms_decide(&perms, request, &decision);
	ad.type = decision.type;
	ad.request = decision.request;
	ad.denied = decision.denied;
	if (!target) {
		/* A missing target fails even in complain mode. */
		if (ad.type == VIGIL_RECORD_NONE || ad.type == VIGIL_RECORD_AUDIT)
			ad.type = VIGIL_RECORD_DENIED;
		vigil_audit_finish(&ad, -ENOENT);
		return -ENOENT;
	}
	return vigil_audit_finish(&ad, decision.error);
}

/*
 * changeprofile NAME (now) or exec NAME (at the next exec); with @test
 * (permprofile) only ask whether it would be allowed.
 */
static int vigil_change_profile(const char *name, bool onexec, bool test)
{
	struct vigil_label *label = vigil_current_label();
	struct vigil_profile *profile = vigil_label_profile(label);
	const char *op = onexec ? "change_onexec" : "change_profile";
	struct vigil_task_ctx *ctx = vigil_task_ctx(current);
	struct vigil_profile *target = vigil_lookup_name(name);
	bool nnp = task_no_new_privs(current);
	int error = 0;

	vigil_nnp_note(ctx, label, nnp);
	if (!(label->flags & VIGIL_LABEL_UNCONFINED))
		error = vigil_change_allowed(profile, op, name, target,
					     onexec ? VIGIL_MAY_ONEXEC :
					     VIGIL_MAY_CHANGE_PROFILE);
	else if (!target)
		error = vigil_change_allowed(profile, op, name, NULL, 0);
	if (error || test)
		goto out;
	/* Refused quietly, as stock does: not a policy denial. */
	if (!vigil_nnp_allows(ctx, label, &target->label, nnp)) {
		error = -EPERM;
		goto out;
	}
	if (onexec) {
		struct vigil_label *old;

		task_lock(current);
		old = ctx->onexec;
		ctx->onexec = &target->label;
		task_unlock(current);
		vigil_label_put(old);
	} else {
		vigil_task_ctx_clear(ctx);
		error = vigil_commit_label(&target->label);
	}
	target = NULL;
out:
	vigil_profile_put(target);
	vigil_label_put(label);
	return error;
}

/* The hat @name of @profile's hat family: its own, or its siblings. */
static int vigil_find_hat(struct vigil_profile *profile, const char *name,
			  struct vigil_profile **hat)
{
	struct vigil_profile *root = profile, *child;
	int error = -ECHILD;

	if ((profile->record.flags & VIGIL_PROFILE_HAT) && profile->parent)
		root = profile->parent;
	*hat = NULL;
	mutex_lock(&profile->ns->lock);
	list_for_each_entry(child, &root->children, list) {
		error = -ENOENT;
		if (!strcmp(child->base, name) &&
		    (child->record.flags & VIGIL_PROFILE_HAT)) {
			*hat = vigil_profile_get(child);
			error = 0;
			break;
		}
	}
	mutex_unlock(&profile->ns->lock);
	return error;
}

/*
 * Log a refused change_hat. A wrong token may be an attempt to guess
 * it, so, as in AppArmor, the task is killed for it.
 */
static int vigil_hat_refused(struct vigil_label *label, const char *info,
			     int error, struct vigil_label *target)
{
	struct vigil_audit ad = {
		.type = error == -EACCES ? VIGIL_RECORD_KILL :
					   VIGIL_RECORD_DENIED,
		.op = "change_hat",
		.class = "file",
		.info = info,
		.error = error,
		.profile = vigil_label_profile(label),
		.request = VIGIL_MAY_CHANGEHAT,
		.denied = VIGIL_MAY_CHANGEHAT,
		.file = true,
		.ouid = GLOBAL_ROOT_UID,
	};

	if (target)
		ad.target = vigil_label_profile(target)->hname;
	return vigil_audit_finish(&ad, error);
}

/*
 * changehat TOKEN^HAT: enter HAT, or return to the parent if empty;
 * with @test (permhat) only ask whether HAT exists.
 */
static int vigil_change_hat(char *args, bool test)
{
	struct vigil_task_ctx *ctx = vigil_task_ctx(current);
	struct vigil_label *label, *previous;
	bool nnp = task_no_new_privs(current);
	struct vigil_profile *hat;
	char *name;
	u64 token;
	int error;

	name = strchr(args, '^');
	if (!name)
		return -EINVAL;
	*name++ = '\0';
	if (kstrtoull(args, 16, &token))
		return -EINVAL;
	if (!*name && !token)
		return -EINVAL;

	label = vigil_current_label();
	vigil_nnp_note(ctx, label, nnp);
	if (label->flags & VIGIL_LABEL_UNCONFINED) {
		error = vigil_hat_refused(label, "unconfined can not change_hat",
					  -EPERM, NULL);
		goto out;
	}
	if (!*name) {
		error = 0;
		if (!ctx->previous || test)
			goto out;
		previous = vigil_label_newest(ctx->previous);
		if (!vigil_nnp_allows(ctx, label, previous, nnp)) {
			vigil_label_put(previous);
			error = -EPERM;
			goto out;
		}
		if (ctx->token != token) {
			error = vigil_hat_refused(label, "failed token match",
						  -EACCES, previous);
			vigil_label_put(previous);
			goto out;
		}
		vigil_task_ctx_clear(ctx);
		error = vigil_commit_label(previous);
		goto out;
	}

	/* A missing hat is not logged: userspace probes for hats. */
	error = vigil_find_hat(vigil_label_profile(label), name, &hat);
	if (error)
		goto out;
	/* Checked before the test: permhat answers what changehat would. */
	if (!vigil_nnp_allows(ctx, label, &hat->label, nnp)) {
		vigil_profile_put(hat);
		error = -EPERM;
		goto out;
	}
	if (test) {
		vigil_profile_put(hat);
		goto out;
	}
	if (ctx->previous && ctx->token != token) {
		error = vigil_hat_refused(label, "failed token match", -EACCES,
					  &hat->label);
		vigil_profile_put(hat);
		goto out;
	}
	if (!ctx->previous) {
		task_lock(current);
		ctx->previous = vigil_label_get(label);
		ctx->token = token;
		task_unlock(current);
	}
	error = vigil_commit_label(&hat->label);
out:
	vigil_label_put(label);
	return error;
}

/*
 * The commands of the attr files: which file takes the word, and what
 * it does (a hat or a profile; at exec or now; only asking or doing).
 */
static const struct {
	const char *attr;
	const char *word;
	bool hat;
	bool onexec;
	bool test;
} vigil_attr_commands[] = {
	{ "current", "changehat", .hat = true },
	{ "current", "permhat", .hat = true, .test = true },
	{ "current", "changeprofile" },
	{ "current", "permprofile", .test = true },
	{ "exec", "exec", .onexec = true },
};

/*
 * Split "WORD ARGS" (surrounding white space ignored, one space after
 * WORD, then any white space) in place. Return WORD with *args set to
 * ARGS, or NULL when either is missing.
 */
static char *vigil_attr_split(char *text, char **args)
{
	char *word = strim(text);
	char *space = strchr(word, ' ');

	if (!space)
		return NULL;
	*space = '\0';
	*args = skip_spaces(space + 1);
	return **args ? word : NULL;
}

static int vigil_setprocattr(const char *name, void *value, size_t size)
{
	struct vigil_profile *profile;
	char *text, *command, *args;
	bool current_attr = !strcmp(name, "current");
	bool exec_attr = !strcmp(name, "exec");
	int error = -EINVAL;
	size_t i;

	if (!size)
		return -EINVAL;
	text = kmemdup_nul(value, size, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	command = vigil_attr_split(text, &args);
	if (!command)
		goto out;

	for (i = 0; i < ARRAY_SIZE(vigil_attr_commands); i++)
		if (!strcmp(name, vigil_attr_commands[i].attr) &&
		    !strcmp(command, vigil_attr_commands[i].word))
			break;
	if (i == ARRAY_SIZE(vigil_attr_commands))
		goto invalid;
	if (vigil_attr_commands[i].hat)
		error = vigil_change_hat(args, vigil_attr_commands[i].test);
	else
		error = vigil_change_profile(args,
					     vigil_attr_commands[i].onexec,
					     vigil_attr_commands[i].test);
	if (!error)
		error = size;
out:
	kfree(text);
	return error;

invalid:
	{
		struct vigil_label *label = vigil_current_label();
		struct vigil_audit ad = {
			.type = VIGIL_RECORD_DENIED,
			.op = "setprocattr",
			.info = current_attr ? "current" :
				exec_attr ? "exec" : "invalid",
			.error = -EINVAL,
		};

		profile = vigil_label_profile(label);
		ad.profile = profile;
		vigil_audit_log(&ad);
		vigil_label_put(label);
	}
	goto out;
}

static int vigil_getprocattr(struct task_struct *task, const char *name,
			     char **value)
{
	struct vigil_task_ctx *ctx = vigil_task_ctx(task);
	struct vigil_label *label = NULL;
	const struct cred *cred;
	char *text;

	if (!strcmp(name, "current")) {
		cred = get_task_cred(task);
		label = vigil_label_newest(*vigil_cred_label(cred));
		put_cred(cred);
	} else if (!strcmp(name, "prev") || !strcmp(name, "exec")) {
		task_lock(task);
		if (name[0] == 'p' && ctx->previous)
			label = vigil_label_newest(ctx->previous);
		else if (name[0] == 'e' && ctx->onexec)
			label = vigil_label_newest(ctx->onexec);
		task_unlock(task);
	}
	if (!label)
		return -EINVAL;
	text = vigil_label_text(label, GFP_KERNEL);
	vigil_label_put(label);
	if (!text)
		return -ENOMEM;
	*value = text;
	return strlen(text);
}

static struct security_hook_list vigil_attr_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, vigil_task_alloc),
	LSM_HOOK_INIT(task_free, vigil_task_free),
	LSM_HOOK_INIT(getprocattr, vigil_getprocattr),
	LSM_HOOK_INIT(setprocattr, vigil_setprocattr),
};

/**
 * vigil_attr_init - install the attr and task hooks
 */
void __init vigil_attr_init(void)
{
	security_add_hooks(vigil_attr_hooks, ARRAY_SIZE(vigil_attr_hooks),
			   &vigil_lsmid);
}
