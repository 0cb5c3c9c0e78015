/* SPDX-License-Identifier: GPL-2.0-only */
/* Element type codes of the binary policy stream (spec §1.1). */
#pragma once

enum VcStreamCode {
	VC_T_U8 = 0,
	VC_T_U16 = 1,
	VC_T_U32 = 2,
	VC_T_U64 = 3,
	VC_T_NAME = 4,
	VC_T_STRING = 5,
	VC_T_BLOB = 6,
	VC_T_STRUCT = 7,
	VC_T_STRUCTEND = 8,
	VC_T_ARRAY = 11,
	VC_T_ARRAYEND = 12,
};
