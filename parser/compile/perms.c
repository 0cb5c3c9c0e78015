// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "parser/compile/perms.h"

void vc_perms_add(VcPermsAccumulator *acc, const VcRulePerms *rule, bool exact)
{
	const uint16_t mode[2] = {rule->user, rule->other};

	acc->extra |= rule->extra;
	for (unsigned h = 0; h < 2; h++) {
		uint16_t base = mode[h] & VC_BASE_PERMS, exec = mode[h] & VC_EXEC_TYPE_MASK;
		uint16_t logged = rule->link_pair ? base & ~VC_MAY_LOCK : base;

		if (!mode[h])
			continue;
		if (rule->plain_exec) {
			if (rule->deny)
				acc->plain_deny_exec[h] |= exec;
			else if (exact) {
				acc->plain_exact_exec[h] |= exec;
				acc->has_plain_exact[h] = true;
			} else
				acc->plain_glob_exec[h] |= exec;
			exec = 0;
		}
		if (rule->deny) {
			acc->deny[h] |= base;
			/* an audited deny only means "do log this denial" */
			if (!rule->audit)
				acc->quiet[h] |= logged;
			continue;
		}
		/*
		 * Inheriting exec modes (ix, pix, cix) also allow mmap with
		 * PROT_EXEC, but only the letters as written are audited.
		 */
		acc->allow[h] |=
		    base | ((base & VC_MAY_EXEC) && (exec & VC_EXEC_INHERIT) ? VC_EXEC_MMAP : 0);
		if (rule->audit)
			acc->audit[h] |= logged;
		if (h == 0)
			acc->audit[h] |= rule->audit_always & VC_BASE_PERMS;
		if (!(base & VC_MAY_EXEC) || rule->plain_exec)
			continue;

		/*
		 * Exec modes do not add up: a state has exactly one. An exact
		 * rule ("/bin/foo ix") overrides any glob matching the same
		 * path ("/bin/" "* px"); two different modes at the same level
		 * are an error.
		 */
		if (exact) {
			if (acc->has_exact_exec[h] && acc->exact_exec[h] != exec)
				acc->conflict = true;
			acc->exact_exec[h] = exec;
			acc->has_exact_exec[h] = true;
		} else {
			if (acc->has_glob_exec[h] && acc->glob_exec[h] != exec)
				acc->conflict = true;
			acc->glob_exec[h] = exec;
			acc->has_glob_exec[h] = true;
		}
	}
}

int vc_perms_finish(const VcPermsAccumulator *acc, VcAccept *ret)
{
	uint32_t half[2], audit[2], quiet[2];

	for (unsigned h = 0; h < 2; h++) {
		uint16_t allow = acc->allow[h] & ~acc->deny[h];
		uint16_t exec = 0;

		if (acc->has_exact_exec[h])
			exec = acc->exact_exec[h];
		else if (acc->has_glob_exec[h])
			exec = acc->glob_exec[h];
		if (!(allow & VC_MAY_EXEC))
			exec = 0;
		exec |=
		    (acc->has_plain_exact[h] ? acc->plain_exact_exec[h] : acc->plain_glob_exec[h]) &
		    ~acc->plain_deny_exec[h];
		half[h] = allow | exec;
		audit[h] = acc->audit[h];
		quiet[h] = acc->quiet[h] & acc->deny[h];
	}
	if (acc->conflict)
		return -ENOTUNIQ;
	ret->accept =
	    (acc->extra & (VC_ACCEPT_CHANGE_PROFILE | VC_ACCEPT_ONEXEC)) | half[0] | half[1] << 14;
	ret->accept2 = audit[0] | quiet[0] << 7 | audit[1] << 14 | quiet[1] << 21;
	return 0;
}

/* Kernel permission bits (spec §3.1). */
#define AA_MAY_EXEC	      0x00000001u
#define AA_MAY_WRITE	      0x00000002u
#define AA_MAY_READ	      0x00000004u
#define AA_MAY_APPEND	      0x00000008u
#define AA_MAY_CREATE	      0x00000010u
#define AA_MAY_DELETE	      0x00000020u
#define AA_MAY_OPEN	      0x00000040u
#define AA_MAY_SETATTR	      0x00000100u
#define AA_MAY_GETATTR	      0x00000200u
#define AA_MAY_CHMOD	      0x00001000u
#define AA_MAY_CHOWN	      0x00002000u
#define AA_MAY_LOCK	      0x00008000u
#define AA_EXEC_MMAP	      0x00010000u
#define AA_MAY_LINK	      0x00040000u
#define AA_MAY_ONEXEC	      0x20000000u
#define AA_MAY_CHANGE_PROFILE 0x40000000u

/* Old 7-bit x w r a l k m to kernel bits (spec §3.3). */
static uint32_t map_old_bits(uint32_t old)
{
	uint32_t bits = old & (AA_MAY_EXEC | AA_MAY_WRITE | AA_MAY_READ | AA_MAY_APPEND);

	if (old & VC_MAY_READ)
		bits |= AA_MAY_GETATTR | AA_MAY_OPEN;
	if (old & VC_MAY_WRITE)
		bits |= AA_MAY_SETATTR | AA_MAY_CREATE | AA_MAY_DELETE | AA_MAY_CHMOD |
			AA_MAY_CHOWN | AA_MAY_OPEN;
	if (old & VC_MAY_LINK)
		bits |= AA_MAY_LINK;
	if (old & VC_MAY_LOCK)
		bits |= AA_MAY_LOCK;
	if (old & VC_EXEC_MMAP)
		bits |= AA_EXEC_MMAP;
	return bits;
}

static uint32_t map_old_xindex(uint32_t mode)
{
	uint32_t target = (mode & VC_EXEC_TARGET_MASK) >> VC_EXEC_TARGET_SHIFT;
	uint32_t xindex = 0;

	if (mode & VC_EXEC_UNSAFE)
		xindex |= VC_AA_X_UNSAFE;
	if (mode & VC_EXEC_INHERIT)
		xindex |= VC_AA_X_INHERIT;
	if (mode & VC_EXEC_PUX)
		xindex |= VC_AA_X_UNCONFINED;
	if (target == VC_EXEC_TARGET_UNCONFINED)
		xindex |= VC_AA_X_UNCONFINED;
	else if (target == VC_EXEC_TARGET_NAME)
		xindex |= VC_AA_X_NAME;
	else if (target == VC_EXEC_TARGET_CHILD)
		xindex |= VC_AA_X_NAME | VC_AA_X_CHILD;
	else if (target >= VC_EXEC_TARGET_TABLE)
		xindex |= VC_AA_X_TABLE | (target - VC_EXEC_TARGET_TABLE);
	return xindex;
}

static void half_to_kernel(VcAccept a, unsigned shift, VcKernelPerms *ret)
{
	uint32_t mode = (a.accept >> shift) & VC_MODE_MASK;

	*ret = (VcKernelPerms){
	    .allow = map_old_bits(mode & VC_BASE_PERMS) | AA_MAY_GETATTR,
	    .audit = map_old_bits((a.accept2 >> shift) & 0x7f),
	    .quiet = map_old_bits((a.accept2 >> (shift + 7)) & 0x7f),
	    .xindex = map_old_xindex(mode),
	};
	if (a.accept & VC_ACCEPT_CHANGE_PROFILE)
		ret->allow |= AA_MAY_CHANGE_PROFILE;
	if (a.accept & VC_ACCEPT_ONEXEC)
		ret->allow |= AA_MAY_ONEXEC;
}

void vc_accept_to_kernel(VcAccept a, VcKernelPerms *ret_owner, VcKernelPerms *ret_other)
{
	half_to_kernel(a, 0, ret_owner);
	half_to_kernel(a, 14, ret_other);
}

bool vc_kernel_perms_equal(const VcKernelPerms *a, const VcKernelPerms *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

int vc_parse_file_mode(const char *s, uint16_t *ret)
{
	/* Exec modes, longest spelling first so "pix" is not read as "p". */
	static const struct {
		const char *word;
		uint16_t mode;
	} exec_modes[] = {
	    {"pix", VC_EXEC_UNSAFE | VC_EXEC_INHERIT | 2 << 10},
	    {"Pix", VC_EXEC_INHERIT | 2 << 10},
	    {"cix", VC_EXEC_UNSAFE | VC_EXEC_INHERIT | 3 << 10},
	    {"Cix", VC_EXEC_INHERIT | 3 << 10},
	    {"pux", VC_EXEC_UNSAFE | VC_EXEC_PUX | 2 << 10},
	    {"PUx", VC_EXEC_PUX | 2 << 10},
	    {"cux", VC_EXEC_UNSAFE | VC_EXEC_PUX | 3 << 10},
	    {"CUx", VC_EXEC_PUX | 3 << 10},
	    {"ix", VC_EXEC_INHERIT},
	    {"px", VC_EXEC_UNSAFE | 2 << 10},
	    {"Px", 2 << 10},
	    {"ux", VC_EXEC_UNSAFE | 1 << 10},
	    {"Ux", 1 << 10},
	    {"cx", VC_EXEC_UNSAFE | 3 << 10},
	    {"Cx", 3 << 10},
	    {"x", 0}, /* bare x: only meaningful in deny rules */
	};
	uint16_t mode = 0;
	bool have_exec = false;

	while (*s) {
		bool matched = false;

		for (unsigned i = 0; i < sizeof(exec_modes) / sizeof(exec_modes[0]); i++) {
			size_t n = strlen(exec_modes[i].word);

			if (strncmp(s, exec_modes[i].word, n) != 0)
				continue;
			if (have_exec)
				return -EINVAL;
			mode |= VC_MAY_EXEC | exec_modes[i].mode;
			have_exec = true;
			s += n;
			matched = true;
			break;
		}
		if (matched)
			continue;
		switch (*s++) {
		case 'r':
			mode |= VC_MAY_READ;
			break;
		case 'w':
			mode |= VC_MAY_WRITE | VC_MAY_APPEND;
			break;
		case 'a':
			mode |= VC_MAY_APPEND;
			break;
		case 'l':
			mode |= VC_MAY_LINK;
			break;
		case 'k':
			mode |= VC_MAY_LOCK;
			break;
		case 'm':
			mode |= VC_EXEC_MMAP;
			break;
		default:
			return -EINVAL;
		}
	}
	*ret = mode;
	return 0;
}
