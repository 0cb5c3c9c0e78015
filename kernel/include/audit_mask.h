/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - file permission masks as audit strings (pure)
 */

#ifndef _VIGIL_AUDIT_MASK_H
#define _VIGIL_AUDIT_MASK_H

#include "portable.h"

/* Longest file mask string: one character per mediated file bit. */
#define VIGIL_FILE_MASK_STR_SIZE	10

/* The bits that give a file record its mask and uid fields. */
#define VIGIL_FILE_AUDIT_MASK	0x0005b33f

void vigil_file_mask_str(char *buf, u32 mask);

#endif /* _VIGIL_AUDIT_MASK_H */
