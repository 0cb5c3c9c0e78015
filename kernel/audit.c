// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - emitting audit records
 *
 * Records go through the LSM audit helper, which writes pid= and comm=
 * (and capability= for capability records) between the two callbacks
 * below; that is where AppArmor's records have them too.
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/sched/signal.h>

#include "include/audit.h"
#include "include/policy.h"

static const char *const vigil_record_names[] = {
	[VIGIL_RECORD_NONE] = "",
	[VIGIL_RECORD_AUDIT] = "AUDIT",
	[VIGIL_RECORD_ALLOWED] = "ALLOWED",
	[VIGIL_RECORD_DENIED] = "DENIED",
	[VIGIL_RECORD_KILL] = "KILLED",
	[VIGIL_RECORD_STATUS] = "STATUS",
};

static struct vigil_audit *vigil_audit_of(void *va)
{
	return container_of((struct common_audit_data *)va,
			    struct vigil_audit, common);
}

static void vigil_audit_pre(struct audit_buffer *ab, void *va)
{
	struct vigil_audit *ad = vigil_audit_of(va);

	audit_log_format(ab, "apparmor=\"%s\"", vigil_record_names[ad->type]);
	if (ad->op)
		audit_log_format(ab, " operation=\"%s\"", ad->op);
	if (ad->class)
		audit_log_format(ab, " class=\"%s\"", ad->class);
	if (ad->info) {
		audit_log_format(ab, " info=\"%s\"", ad->info);
		if (ad->error)
			audit_log_format(ab, " error=%d", ad->error);
	}
	audit_log_format(ab, " profile=");
	audit_log_untrustedstring(ab, ad->profile->hname);
	if (ad->name) {
		audit_log_format(ab, " name=");
		audit_log_untrustedstring(ab, ad->name);
	}
}

static void vigil_audit_post(struct audit_buffer *ab, void *va)
{
	struct vigil_audit *ad = vigil_audit_of(va);
	char mask[VIGIL_FILE_MASK_STR_SIZE];

	if (ad->common.type == LSM_AUDIT_DATA_CAP)
		audit_log_format(ab, " capname=\"%s\"", vigil_cap_name(ad->cap));
	if (ad->file && (ad->request & VIGIL_FILE_AUDIT_MASK)) {
		vigil_file_mask_str(mask, ad->request);
		audit_log_format(ab, " requested_mask=\"%s\"", mask);
	}
	if (ad->file && (ad->denied & VIGIL_FILE_AUDIT_MASK)) {
		vigil_file_mask_str(mask, ad->denied);
		audit_log_format(ab, " denied_mask=\"%s\"", mask);
	}
	if (ad->file && (ad->request & VIGIL_FILE_AUDIT_MASK)) {
		audit_log_format(ab, " fsuid=%d",
				 from_kuid(&init_user_ns, current_fsuid()));
		audit_log_format(ab, " ouid=%d",
				 from_kuid(&init_user_ns, ad->ouid));
	}
	if (ad->target) {
		audit_log_format(ab, " target=");
		audit_log_untrustedstring(ab, ad->target);
	}
	if (ad->post)
		ad->post(ab, va);
}

/**
 * vigil_audit_log - emit one record
 * @ad: the record; @ad->type must not be VIGIL_RECORD_NONE
 */
void vigil_audit_log(struct vigil_audit *ad)
{
	if (ad->common.type != LSM_AUDIT_DATA_CAP)
		ad->common.type = LSM_AUDIT_DATA_NONE;
	common_lsm_audit(&ad->common, vigil_audit_pre, vigil_audit_post);
}

/**
 * vigil_audit_finish - log a decision's record and apply kill mode
 * @ad: the record, with its type set from the decision
 * @error: the decision's error
 *
 * Return: @error; a KILLED decision also sends SIGKILL to the task.
 */
int vigil_audit_finish(struct vigil_audit *ad, int error)
{
	if (ad->type == VIGIL_RECORD_NONE)
		return error;
	vigil_audit_log(ad);
	if (ad->type == VIGIL_RECORD_KILL)
		send_sig_info(SIGKILL, SEND_SIG_PRIV, current);
	return error;
}
