// SPDX-License-Identifier: GPL-2.0-only
/*
 * apparmor_parser entry point. The front end and compiler are filed as
 * separate issues; this entry point only knows --version and --help.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "parser/version.h"

static void usage(FILE *out, const char *argv0)
{
	fprintf(out, "Usage: %s [options] [profile]\n", argv0);
}

int main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "Vh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'V':
			vigil_print_version(stdout);
			return EXIT_SUCCESS;
		case 'h':
			usage(stdout, argv[0]);
			return EXIT_SUCCESS;
		default:
			usage(stderr, argv[0]);
			return EXIT_FAILURE;
		}
	}
	fprintf(stderr, "%s: compiling profiles is not implemented yet\n", argv[0]);
	return EXIT_FAILURE;
}
