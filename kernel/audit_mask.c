// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - file permission masks as audit strings
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/audit_mask.h"
#include "include/perms.h"

/*
 * Mask characters in bit order. Metadata requests have no letter of
 * their own: reading attributes shows as "r", changing them as "w".
 */
static const struct {
	u32 bit;
	char chr;
} vigil_file_mask_chars[] = {
	{ VIGIL_MAY_EXEC, 'x' },      { VIGIL_MAY_WRITE, 'w' },
	{ VIGIL_MAY_READ, 'r' },      { VIGIL_MAY_APPEND, 'a' },
	{ VIGIL_MAY_CREATE, 'c' },    { VIGIL_MAY_DELETE, 'd' },
	{ VIGIL_MAY_LOCK, 'k' },      { VIGIL_MAY_EXEC_MMAP, 'm' },
	{ VIGIL_MAY_LINK, 'l' },
};

/**
 * vigil_file_mask_str - the audit text of file permission bits
 * @buf: at least VIGIL_FILE_MASK_STR_SIZE bytes
 * @mask: VIGIL_MAY_* bits
 *
 * Letters come in bit order ("xwracdkml"); getattr adds "r", setattr,
 * chmod and chown add "w". Other bits print nothing.
 */
void vigil_file_mask_str(char *buf, u32 mask)
{
	size_t i;

	if (mask & VIGIL_MAY_GETATTR)
		mask |= VIGIL_MAY_READ;
	if (mask & (VIGIL_MAY_SETATTR | VIGIL_MAY_CHMOD | VIGIL_MAY_CHOWN))
		mask |= VIGIL_MAY_WRITE;
	for (i = 0; i < sizeof(vigil_file_mask_chars) /
			sizeof(vigil_file_mask_chars[0]); i++)
		if (mask & vigil_file_mask_chars[i].bit)
			*buf++ = vigil_file_mask_chars[i].chr;
	*buf = '\0';
}
