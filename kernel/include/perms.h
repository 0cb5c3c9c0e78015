/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - permission records and their bits
 *
 * A policy DFA's accept value selects a permission record. The bit
 * numbering is shared by all mediation classes; the names below are
 * the file meanings, other classes reuse the same bits (see the ABI
 * reference, section 3.1).
 */

#ifndef _VIGIL_PERMS_H
#define _VIGIL_PERMS_H

#include "portable.h"

#define VIGIL_MAY_EXEC			0x00000001
#define VIGIL_MAY_WRITE			0x00000002
#define VIGIL_MAY_READ			0x00000004
#define VIGIL_MAY_APPEND		0x00000008
#define VIGIL_MAY_CREATE		0x00000010
#define VIGIL_MAY_DELETE		0x00000020
#define VIGIL_MAY_OPEN			0x00000040
#define VIGIL_MAY_RENAME		0x00000080
#define VIGIL_MAY_SETATTR		0x00000100
#define VIGIL_MAY_GETATTR		0x00000200
#define VIGIL_MAY_SETCRED		0x00000400
#define VIGIL_MAY_GETCRED		0x00000800
#define VIGIL_MAY_CHMOD			0x00001000
#define VIGIL_MAY_CHOWN			0x00002000
#define VIGIL_MAY_CHGRP			0x00004000
/* In the second record of a link pair the same bit means LINK_SUBSET. */
#define VIGIL_MAY_LOCK			0x00008000
#define VIGIL_MAY_EXEC_MMAP		0x00010000
#define VIGIL_MAY_MPROT			0x00020000
#define VIGIL_MAY_LINK			0x00040000
#define VIGIL_MAY_SNAPSHOT		0x00080000
#define VIGIL_MAY_NET_ACCEPT		0x00100000
#define VIGIL_MAY_NET_BIND		0x00200000
#define VIGIL_MAY_NET_LISTEN		0x00400000
#define VIGIL_MAY_NET_SETOPT		0x01000000
#define VIGIL_MAY_NET_GETOPT		0x02000000
#define VIGIL_MAY_CONT_MATCH		0x08000000
#define VIGIL_MAY_STACK			0x10000000
#define VIGIL_MAY_ONEXEC		0x20000000
#define VIGIL_MAY_CHANGE_PROFILE	0x40000000
#define VIGIL_MAY_CHANGEHAT		0x80000000

/* xindex: what an exec transition does. */
#define VIGIL_X_UNCONFINED		0x80000000
#define VIGIL_X_INHERIT			0x40000000
#define VIGIL_X_CHILD			0x20000000
#define VIGIL_X_UNSAFE			0x10000000
#define VIGIL_X_TYPE_MASK		0x0c000000
#define VIGIL_X_NONE			0x00000000
#define VIGIL_X_NAME			0x04000000
#define VIGIL_X_TABLE			0x08000000
#define VIGIL_X_INDEX_MASK		0x00ffffff

/**
 * struct vigil_perms - one permission record (permstable32 layout)
 * @allow: permitted requests
 * @deny: explicitly denied requests
 * @subtree: allowed for the subtree (must be within @allow)
 * @cond: requests subject to a further condition
 * @kill: denials that kill the task
 * @complain: requests only logged
 * @prompt: requests to be decided by userspace
 * @audit: allowed requests to audit
 * @quiet: denials not to audit
 * @hide: requests whose denial is hidden
 * @xindex: exec transition (VIGIL_X_*)
 * @tag: xtable index of a tag string, 0 for none
 * @label: xtable index of a label string, 0 for none
 */
struct vigil_perms {
	u32 allow;
	u32 deny;
	u32 subtree;
	u32 cond;
	u32 kill;
	u32 complain;
	u32 prompt;
	u32 audit;
	u32 quiet;
	u32 hide;
	u32 xindex;
	u32 tag;
	u32 label;
};

#endif /* _VIGIL_PERMS_H */
