// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - the boot profile
 *
 * Mainline AppArmor starts init unconfined. Vigil starts it in a real
 * profile of the root namespace, named "init" unless the command line
 * says otherwise (apparmor.init_profile=NAME; an empty NAME keeps the
 * mainline behaviour). The profile is in unconfined mode: it allows
 * everything, every task inherits it, and exec attaches profiles from
 * it as from unconfined. Because it sits in the profile tree like any
 * loaded profile, the first policy load that replaces its name moves
 * every task still in it to the new profile at once, through the
 * replacement proxy; nothing has to visit the tasks.
 *
 * Re-attachment (apparmor.init_reattach=1) goes one step further for
 * tasks that were started before the policy arrived, such as journald
 * and udevd: after each policy load that finds the boot profile
 * replaced, every user task still holding the boot label is asked, by
 * task work that runs in that task at its next return to user space,
 * to look up the profile that attaches to its executable and to move
 * there. A task whose executable has no attaching profile stays in the
 * replacement of the boot profile.
 */

#define pr_fmt(fmt) "AppArmor: " fmt

#include <linux/cred.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/moduleparam.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/task_work.h>

#include "include/attr.h"
#include "include/boot.h"
#include "include/domain.h"
#include "include/file.h"
#include "include/policy.h"
#include "include/task.h"

/* Longest boot profile name the command line may set. */
#define VIGIL_BOOT_NAME_MAX 256

static char vigil_boot_name[VIGIL_BOOT_NAME_MAX] = "init";
module_param_string(init_profile, vigil_boot_name, sizeof(vigil_boot_name),
		    0444);
MODULE_PARM_DESC(init_profile,
		 "Profile init starts in, in unconfined mode (empty: unconfined)");

static bool vigil_boot_reattach_enabled;
module_param_named(init_reattach, vigil_boot_reattach_enabled, bool, 0444);
MODULE_PARM_DESC(init_reattach,
		 "Move boot-profile tasks to their executable's profile after the boot profile is replaced");

/* The boot profile's label as created; credentials point at it. */
static struct vigil_label *vigil_boot_label __ro_after_init;

/**
 * vigil_boot_name_valid - whether a name can be a boot profile's
 * @name: NUL-terminated name from the command line
 *
 * The boot profile is a top-level profile of the root namespace, so
 * its name may not name a child ("a//b") or a namespace (":ns:"), and,
 * to stay printable in attr files and audit records, may not contain
 * spaces or control characters.
 *
 * Return: true if @name is usable.
 */
bool vigil_boot_name_valid(const char *name)
{
	const char *c;

	if (!*name || *name == ':' || strstr(name, "//"))
		return false;
	for (c = name; *c; c++)
		if (*c <= ' ' || *c == 0x7f)
			return false;
	return true;
}

/**
 * vigil_boot_init - create the boot profile
 *
 * Called once, from LSM initialisation, before any task but the boot
 * task exists.
 *
 * Return: the label the boot task starts in: the boot profile's, or the
 * root namespace's unconfined label when there is none. No reference is
 * passed.
 */
struct vigil_label * __init vigil_boot_init(void)
{
	struct vigil_label *unconfined = &vigil_root_ns.unconfined->label;
	struct vigil_profile *profile;

	if (!vigil_boot_name[0]) {
		pr_info("no boot profile (apparmor.init_profile is empty): init starts unconfined\n");
		return unconfined;
	}
	if (!vigil_boot_name_valid(vigil_boot_name)) {
		pr_err("invalid boot profile name \"%s\": init starts unconfined\n",
		       vigil_boot_name);
		return unconfined;
	}
	profile = vigil_profile_alloc(vigil_boot_name, VIGIL_MODE_UNCONFINED,
				      VIGIL_LABEL_UNCONFINED);
	if (!profile) {
		pr_err("no memory for the boot profile: init starts unconfined\n");
		return unconfined;
	}
	mutex_lock(&vigil_root_ns.lock);
	/* The tree takes the allocation's reference. */
	vigil_profile_insert(&vigil_root_ns, profile);
	mutex_unlock(&vigil_root_ns.lock);
	vigil_boot_label = &profile->label;
	pr_info("init starts in the boot profile \"%s\" (unconfined mode) until a policy load replaces it\n",
		vigil_boot_name);
	return vigil_boot_label;
}

/*
 * The executable's attaching profile, if it differs from where the
 * task is now. Runs in the task itself.
 */
static struct vigil_profile *vigil_boot_attach_target(struct vigil_label *now)
{
	struct vigil_profile *profile = NULL;
	const char *info = NULL;
	struct file *exe;
	char *buf, *name;

	exe = get_task_exe_file(current);
	if (!exe)
		return NULL;
	name = vigil_path_name(&exe->f_path, false, &buf);
	if (!IS_ERR(name))
		profile = vigil_find_attach(&vigil_root_ns,
					    &vigil_root_ns.profiles, name,
					    &info);
	if (buf)
		__putname(buf);
	fput(exe);
	if (profile && &profile->label == now) {
		vigil_profile_put(profile);
		profile = NULL;
	}
	return profile;
}

static void vigil_boot_reattach_work(struct callback_head *work)
{
	struct vigil_task_ctx *ctx = container_of(work, struct vigil_task_ctx,
						  reattach);
	struct vigil_profile *profile;
	struct vigil_label *now;

	/* From here on a later policy load may queue this task again. */
	clear_bit(VIGIL_TASK_REATTACH_QUEUED, &ctx->flags);
	if (current->flags & PF_EXITING ||
	    *vigil_cred_label(current_cred()) != vigil_boot_label)
		return;
	now = vigil_current_label();
	profile = vigil_boot_attach_target(now);
	vigil_label_put(now);
	if (!profile)
		return;
	/*
	 * As for change_profile, and unlike exec, the task keeps its
	 * resource limits: they are applied when a program starts.
	 */
	pr_info("pid %d (%s) re-attached from the boot profile to \"%s\"\n",
		task_pid_nr(current), current->comm, profile->hname);
	vigil_commit_label(&profile->label);
}

/**
 * vigil_boot_after_load - re-attach boot-profile tasks after a load
 *
 * Called after every successful load or replace, without locks held.
 * Does nothing unless re-attachment is enabled and the boot profile
 * has been replaced. Kernel threads never return to user space and
 * have no executable: they stay where the boot profile's proxy leads.
 */
void vigil_boot_after_load(void)
{
	struct task_struct *g, *t;
	struct vigil_task_ctx *ctx;

	if (!vigil_boot_reattach_enabled || !vigil_boot_label ||
	    !(READ_ONCE(vigil_boot_label->flags) & VIGIL_LABEL_STALE))
		return;
	rcu_read_lock();
	for_each_process_thread(g, t) {
		if (t->flags & (PF_KTHREAD | PF_EXITING))
			continue;
		if (*vigil_cred_label(__task_cred(t)) != vigil_boot_label)
			continue;
		ctx = vigil_task_ctx(t);
		if (test_and_set_bit(VIGIL_TASK_REATTACH_QUEUED, &ctx->flags))
			continue;
		init_task_work(&ctx->reattach, vigil_boot_reattach_work);
		if (task_work_add(t, &ctx->reattach, TWA_RESUME))
			clear_bit(VIGIL_TASK_REATTACH_QUEUED, &ctx->flags);
	}
	rcu_read_unlock();
}
