// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - deciding a capability request against a profile
 *
 * A profile's capability sets (allow, audit, quiet; 64 bits each) are
 * turned into a one-bit permission record and decided like any other
 * request. Not yet called from a capable hook: no task can be confined
 * until domain transitions exist.
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/capability.h"

/* Capability numbers are bit positions in the 64-bit sets. */
#define VIGIL_CAP_SET_BITS 64

/**
 * vigil_cap_decide - decide whether a profile lets a task use a capability
 * @record: the profile's rules
 * @mode: the profile's mode (not unconfined: the caller skips those)
 * @cap: capability number, CAP_*
 * @noaudit: the caller asked for no audit record (CAP_OPT_NOAUDIT)
 * @decision: filled with the outcome; a denial's error is -EPERM
 *
 * As in 6.12: an allowed capability is logged when it is in the audit
 * set or the profile audits everything; a denial is logged unless the
 * capability is quiet (and the profile does not audit everything); kill
 * mode kills and logs every denial, quiet or not; complain mode allows
 * and logs a denial, but a quiet one stays denied and unlogged. With
 * @noaudit nothing is logged, except in complain mode.
 */
void vigil_cap_decide(const struct vigil_profile_record *record,
		      enum vigil_profile_mode mode, int cap, bool noaudit,
		      struct vigil_decision *decision)
{
	struct vigil_perms perms = { 0 };
	u64 bit = 0;

	if (cap >= 0 && cap < VIGIL_CAP_SET_BITS)
		bit = (u64)1 << cap;
	if (record->caps_allow & bit)
		perms.allow = 1;
	if (record->caps_audit & bit)
		perms.audit = 1;
	if (record->caps_quiet & bit)
		perms.quiet = 1;
	vigil_perms_apply_modes(&perms, mode, record->audit_all ?
				VIGIL_AUDIT_ALL : VIGIL_AUDIT_NORMAL);
	if (mode == VIGIL_MODE_KILL)
		perms.quiet = 0;

	vigil_perms_decide(&perms, 1, decision);
	if (decision->error)
		decision->error = -EPERM;
	if (noaudit && mode != VIGIL_MODE_COMPLAIN)
		decision->type = VIGIL_RECORD_NONE;
}

/* AppArmor's names for the capabilities, as audit records spell them. */
static const char *const vigil_cap_names[] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid",
	"kill", "setgid", "setuid", "setpcap", "linux_immutable",
	"net_bind_service", "net_broadcast", "net_admin", "net_raw",
	"ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot",
	"sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
	"sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
	"audit_write", "audit_control", "setfcap", "mac_override",
	"mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read",
	"perfmon", "bpf", "checkpoint_restore",
};

/**
 * vigil_cap_name - the name of a capability in audit records
 * @cap: capability number
 *
 * Return: the lower-case name without "CAP_", or "unknown".
 */
const char *vigil_cap_name(int cap)
{
	if (cap < 0 || cap >= (int)(sizeof(vigil_cap_names) /
				    sizeof(vigil_cap_names[0])))
		return "unknown";
	return vigil_cap_names[cap];
}
