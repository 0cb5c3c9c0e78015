/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - capability decisions of a profile
 */

#ifndef _VIGIL_CAPABILITY_H
#define _VIGIL_CAPABILITY_H

#include "perms_decide.h"

void vigil_cap_decide(const struct vigil_profile_record *record,
		      enum vigil_profile_mode mode, int cap, bool noaudit,
		      struct vigil_decision *decision);
const char *vigil_cap_name(int cap);

#endif /* _VIGIL_CAPABILITY_H */
