// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - registration with the LSM framework
 *
 * Vigil registers under the stock name and id so that the procfs
 * attr/apparmor/ directory, the lsm= boot parameter, /sys/kernel/security/lsm
 * and lsm_list_modules() all see it as AppArmor.
 */

#define pr_fmt(fmt) "AppArmor: " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/lsm_hooks.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <uapi/linux/lsm.h>

#include "include/attr.h"
#include "include/boot.h"
#include "include/capable.h"
#include "include/domain.h"
#include "include/file.h"
#include "include/lsm.h"
#include "include/policy.h"
#include "include/rlimit.h"
#include "include/task.h"

/* Set once init succeeded; securityfs setup runs only after that. */
bool vigil_initialized __ro_after_init;

/*
 * The LSM framework wants an int it can clear; userspace (libapparmor's
 * aa_is_enabled()) reads the parameter file and expects "Y" or "N" as
 * for a bool parameter, hence the custom operations.
 */
static int vigil_enabled __ro_after_init = 1;

static int vigil_param_set_enabled(const char *val,
				   const struct kernel_param *kp)
{
	bool enable;
	int err;

	err = kstrtobool(val, &enable);
	if (err)
		return err;
	*(int *)kp->arg = enable;
	return 0;
}

static int vigil_param_get_enabled(char *buffer,
				   const struct kernel_param *kp)
{
	return sprintf(buffer, "%c\n", *(int *)kp->arg ? 'Y' : 'N');
}

static const struct kernel_param_ops vigil_param_ops_enabled = {
	.set = vigil_param_set_enabled,
	.get = vigil_param_get_enabled,
};

/* Readable in /sys/module/apparmor/parameters/enabled, set only at boot. */
module_param_cb(enabled, &vigil_param_ops_enabled, &vigil_enabled, 0444);
MODULE_PARM_DESC(enabled, "Enable AppArmor at boot (apparmor.enabled=0|1)");

/*
 * The historical short form "apparmor=0|1". It must be an obsolete-style
 * __setup() handler: those run while the boot command line is parsed,
 * before security_init(), whereas core parameters are only applied at
 * the core initcall level, after the LSM framework has decided.
 */
static int __init vigil_enabled_setup(char *str)
{
	bool enable;

	if (kstrtobool(str, &enable))
		return 0;
	vigil_enabled = enable;
	return 1;
}
__setup("apparmor=", vigil_enabled_setup);

/* One id for every security_add_hooks() call: it is compared by address. */
const struct lsm_id vigil_lsmid = {
	.name = VIGIL_LSM_NAME,
	.id = LSM_ID_APPARMOR,
};

static int __init vigil_init(void)
{
	int err;

	err = vigil_policy_init();
	if (err) {
		pr_err("could not create the root namespace: %d\n", err);
		return err;
	}
	vigil_task_init(vigil_boot_init());
	vigil_file_init();
	vigil_domain_init();
	vigil_capable_init();
	vigil_attr_init();
	vigil_rlimit_init();

	vigil_initialized = true;
	pr_info("Vigil AppArmor initialized\n");
	return 0;
}

DEFINE_LSM(apparmor) = {
	.name = VIGIL_LSM_NAME,
	.flags = LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE,
	.enabled = &vigil_enabled,
	.blobs = &vigil_blob_sizes,
	.init = vigil_init,
};
