/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_VERSION_H
#define VIGIL_PARSER_VERSION_H

#include <stdio.h>

/* The AppArmor release whose language and command line we implement. */
#define VIGIL_COMPAT_APPARMOR_VERSION "3.0.8"

/* Write the text "apparmor_parser --version" prints. */
void vigil_print_version(FILE *out);

#endif
