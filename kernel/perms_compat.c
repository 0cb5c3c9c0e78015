// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - permission tables from the old accept encoding
 *
 * Old layout of a state's accept values (ABI reference, section 3.2):
 *
 *   ACCEPT   bit 31 change_profile, bit 30 onexec,
 *            bits 27..14 "other" field, bits 13..0 "user" field
 *   ACCEPT2  bits 27..21 other quiet, 20..14 other audit,
 *            bits 13..7 user quiet, 6..0 user audit
 *
 * where a 14-bit field holds 7 permission bits (x w r a l k m) and 7
 * exec bits. File DFAs use the two fields for owner and other users;
 * the policydb uses the second field to extend the permission set.
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/perms_compat.h"

#define OLD_FIELD_BITS		14
#define OLD_FIELD_MASK		0x3fff
#define OLD_PERM_MASK		0x7f
#define OLD_XBITS_SHIFT		7
#define OLD_CHANGE_PROFILE	0x80000000
#define OLD_ONEXEC		0x40000000

/* Old permission bits inside a field. */
#define OLD_EXEC		0x01
#define OLD_WRITE		0x02
#define OLD_READ		0x04
#define OLD_APPEND		0x08
#define OLD_LINK		0x10
#define OLD_LOCK		0x20
#define OLD_EXEC_MMAP		0x40

/* Old exec bits inside a field. */
#define OLD_X_UNCONFINED	0x0080
#define OLD_X_UNSAFE		0x0100
#define OLD_X_INHERIT		0x0200
#define OLD_X_TARGET_SHIFT	10
#define OLD_X_TARGET_MASK	0xf
#define OLD_X_TARGET_UNCONFINED	1
#define OLD_X_TARGET_NAME	2
#define OLD_X_TARGET_CHILD	3
#define OLD_X_TARGET_TABLE	4

static u32 old_user_field(u32 accept)
{
	return accept & OLD_FIELD_MASK;
}

static u32 old_other_field(u32 accept)
{
	return (accept >> OLD_FIELD_BITS) & OLD_FIELD_MASK;
}

/* Old file permission bits to the bits the file hooks request. */
static u32 map_old_file_perms(u32 old)
{
	u32 perms = old & (OLD_EXEC | OLD_WRITE | OLD_READ | OLD_APPEND);

	if (old & OLD_READ)
		perms |= VIGIL_MAY_GETATTR | VIGIL_MAY_OPEN;
	if (old & OLD_WRITE)
		perms |= VIGIL_MAY_SETATTR | VIGIL_MAY_CREATE |
			 VIGIL_MAY_DELETE | VIGIL_MAY_CHMOD |
			 VIGIL_MAY_CHOWN | VIGIL_MAY_OPEN;
	if (old & OLD_LINK)
		perms |= VIGIL_MAY_LINK;
	if (old & OLD_LOCK)
		perms |= VIGIL_MAY_LOCK;
	if (old & OLD_EXEC_MMAP)
		perms |= VIGIL_MAY_EXEC_MMAP;
	return perms;
}

/* The exec part of a 14-bit field to an xindex. */
static u32 map_old_xindex(u32 field)
{
	u32 target = (field >> OLD_X_TARGET_SHIFT) & OLD_X_TARGET_MASK;
	u32 xindex = 0;

	if (field & OLD_X_UNSAFE)
		xindex |= VIGIL_X_UNSAFE;
	if (field & OLD_X_INHERIT)
		xindex |= VIGIL_X_INHERIT;
	if (field & OLD_X_UNCONFINED)
		xindex |= VIGIL_X_UNCONFINED;

	switch (target) {
	case 0:
		break;
	case OLD_X_TARGET_UNCONFINED:
		xindex |= VIGIL_X_UNCONFINED;
		break;
	case OLD_X_TARGET_NAME:
		xindex |= VIGIL_X_NAME;
		break;
	case OLD_X_TARGET_CHILD:
		xindex |= VIGIL_X_NAME | VIGIL_X_CHILD;
		break;
	default:
		xindex |= VIGIL_X_TABLE | (target - OLD_X_TARGET_TABLE);
		break;
	}
	return xindex;
}

/* One half (owner or other) of a file state. */
static struct vigil_perms old_file_record(u32 accept, u32 field,
					  u32 audit_bits, u32 quiet_bits)
{
	struct vigil_perms perms = { };

	perms.allow = map_old_file_perms(field & OLD_PERM_MASK);
	perms.audit = map_old_file_perms(audit_bits & OLD_PERM_MASK);
	perms.quiet = map_old_file_perms(quiet_bits & OLD_PERM_MASK);
	perms.xindex = map_old_xindex(field);

	/* Old policy always allowed stat; change_profile ignores owner. */
	perms.allow |= VIGIL_MAY_GETATTR;
	if (accept & OLD_CHANGE_PROFILE)
		perms.allow |= VIGIL_MAY_CHANGE_PROFILE;
	if (accept & OLD_ONEXEC)
		perms.allow |= VIGIL_MAY_ONEXEC;
	return perms;
}

/* Every state's accept becomes its index times @stride; ACCEPT2 goes. */
static void make_accept_indexes(struct vigil_dfa *dfa, u32 stride)
{
	u32 state;

	for (state = 0; state < dfa->state_count; state++)
		dfa->accept[state] = state * stride;
	kvfree(dfa->accept2);
	dfa->accept2 = NULL;
}

static int alloc_table(u32 states, u32 stride, struct vigil_perms **perms,
		       u32 *count)
{
	if (states > U32_MAX / stride)
		return -EPROTO;
	*perms = kvcalloc((size_t)states * stride, sizeof(**perms),
			  GFP_KERNEL);
	if (!*perms)
		return -ENOMEM;
	*count = states * stride;
	return 0;
}

/* The owner and other records of one state of a file DFA. */
static void old_file_pair(u32 accept, u32 accept2, u32 abi,
			  struct vigil_perms *pair)
{
	pair[0] = old_file_record(accept, old_user_field(accept), accept2,
				  accept2 >> OLD_XBITS_SHIFT);
	pair[1] = old_file_record(accept, old_other_field(accept),
				  accept2 >> OLD_FIELD_BITS,
				  accept2 >> (OLD_FIELD_BITS + OLD_XBITS_SHIFT));
}

/*
 * The frame of every conversion: a new table of @stride records per
 * state, @convert filling those of each state from @first_state on
 * (earlier ones stay empty), and ACCEPT[s] rewritten to @stride * s.
 */
static int convert_table(struct vigil_dfa *dfa, u32 stride, u32 first_state,
			 u32 abi,
			 void (*convert)(u32 accept, u32 accept2, u32 abi,
					 struct vigil_perms *records),
			 struct vigil_perms **perms, u32 *count)
{
	u32 state;
	int err;

	if (!dfa->accept2)
		return -EINVAL;
	err = alloc_table(dfa->state_count, stride, perms, count);
	if (err)
		return err;
	for (state = first_state; state < dfa->state_count; state++)
		convert(dfa->accept[state], dfa->accept2[state], abi,
			&(*perms)[stride * state]);
	make_accept_indexes(dfa, stride);
	return 0;
}

/**
 * vigil_compat_file_perms - convert a file DFA's old accept encoding
 * @dfa: verified DFA unpacked with its ACCEPT2 table
 * @perms: set to a new table of 2 records per state (free with kvfree)
 * @count: set to the number of records
 *
 * Record 2s is the owner record of state s, record 2s+1 the record for
 * other users; ACCEPT[s] becomes 2s. Owner and other share the
 * change_profile and onexec bits, and every record allows GETATTR.
 *
 * Return: 0, -EINVAL if @dfa has no ACCEPT2, -EPROTO if the table size
 * would overflow, -ENOMEM.
 */
int vigil_compat_file_perms(struct vigil_dfa *dfa, struct vigil_perms **perms,
			    u32 *count)
{
	return convert_table(dfa, 2, 0, 0, old_file_pair, perms, count);
}

/* The policydb's second field: bits beyond the 7 of the first. */
static u32 map_policy_extension(u32 bits)
{
	return (bits & 0x03) << 8 |	/* SETATTR, GETATTR */
	       (bits & 0x1c) << 18 |	/* NET_ACCEPT, NET_BIND, NET_LISTEN */
	       (bits & 0x60) << 19;	/* NET_SETOPT, NET_GETOPT */
}

/* ABI 9 also uses the 7 exec bits of the first field as permissions. */
static u32 map_policy_xbits(u32 bits)
{
	return (bits & 0x01) << 7 |	/* RENAME */
	       (bits & 0x7e) << 9;	/* SETCRED .. LOCK */
}

static void old_policy_record(u32 accept, u32 accept2, u32 abi,
			      struct vigil_perms *record)
{
	struct vigil_perms perms = { };
	u32 other = old_other_field(accept);
	u32 other2 = old_other_field(accept2);

	perms.allow = (accept & OLD_PERM_MASK) | (accept & OLD_CHANGE_PROFILE);
	perms.allow |= map_policy_extension(other & OLD_PERM_MASK);
	perms.audit = (accept2 & OLD_PERM_MASK) |
		      map_policy_extension(other2 & OLD_PERM_MASK);
	perms.quiet = ((accept2 >> OLD_XBITS_SHIFT) & OLD_PERM_MASK) |
		      map_policy_extension((other2 >> OLD_XBITS_SHIFT) &
					   OLD_PERM_MASK);

	if (abi <= VIGIL_ABI_POLICYDB_LOCK_LAST) {
		perms.allow |= VIGIL_MAY_LOCK;
	} else {
		perms.allow |= map_policy_xbits((accept >> OLD_XBITS_SHIFT) &
						OLD_PERM_MASK);
		perms.quiet |= map_policy_xbits((other >> OLD_XBITS_SHIFT) &
						OLD_PERM_MASK);
	}
	*record = perms;
}

/**
 * vigil_compat_policy_perms - convert a policydb's old accept encoding
 * @dfa: verified DFA unpacked with its ACCEPT2 table
 * @abi: kernel ABI of the load (version word & 0x3ff)
 * @perms: set to a new table of one record per state (free with kvfree)
 * @count: set to the number of records
 *
 * ACCEPT[s] becomes s. Record 0 (the dead state) stays empty. Before
 * ABI 9 every other record also allows LOCK; from ABI 9 on the exec
 * bits carry further permissions (allow) and quiet bits.
 *
 * Return: 0, -EINVAL if @dfa has no ACCEPT2, -ENOMEM.
 */
int vigil_compat_policy_perms(struct vigil_dfa *dfa, u32 abi,
			      struct vigil_perms **perms, u32 *count)
{
	return convert_table(dfa, 1, 1, abi, old_policy_record, perms, count);
}

/* An attachment state allows what its single accept field says. */
static void old_xmatch_record(u32 accept, u32 accept2, u32 abi,
			      struct vigil_perms *record)
{
	record->allow = (accept & OLD_PERM_MASK) | (accept & OLD_CHANGE_PROFILE);
}

/**
 * vigil_compat_xmatch_perms - convert an attachment DFA's accept values
 * @dfa: verified DFA unpacked with its ACCEPT2 table
 * @perms: set to a new table of one record per state (free with kvfree)
 * @count: set to the number of records
 *
 * A state matches an executable when its record allows VIGIL_MAY_EXEC.
 * ACCEPT[s] becomes s; record 0 stays empty.
 *
 * Return: 0, -EINVAL if @dfa has no ACCEPT2, -ENOMEM.
 */
int vigil_compat_xmatch_perms(struct vigil_dfa *dfa,
			      struct vigil_perms **perms, u32 *count)
{
	return convert_table(dfa, 1, 1, 0, old_xmatch_record, perms, count);
}
