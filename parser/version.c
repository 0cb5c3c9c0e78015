// SPDX-License-Identifier: GPL-2.0-only
/*
 * Version banner. Scripts parse the first line of AppArmor's banner
 * ("AppArmor parser version X.Y.Z"), so that line keeps its shape and
 * names the AppArmor release we are compatible with.
 */
#include "config.h"
#include "parser/version.h"

void vigil_print_version(FILE *out)
{
	fprintf(out,
		"AppArmor parser version %s\n"
		"Vigil %s: a from-scratch implementation of apparmor_parser\n",
		VIGIL_COMPAT_APPARMOR_VERSION, PACKAGE_VERSION);
}
