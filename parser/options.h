/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_OPTIONS_H
#define VIGIL_PARSER_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "parser/diag.h"
#include "parser/load.h"

#define DEFAULT_CONFIG_FILE "/etc/apparmor/parser.conf"
#define DEFAULT_BASE_DIR    "/etc/apparmor.d"
#define DEFAULT_CACHE_LOC   "/var/cache/apparmor"
#define MAX_INCLUDE_DIRS    64
#define MAX_CACHE_LOCS	    4

/* Exit codes, as apparmor_parser uses them. */
enum {
	EXIT_OK = 0,
	EXIT_ERROR = 1,
	EXIT_NOT_FOUND = 2,
};

/* apparmor_parser's command line and parser.conf, as they were given. */
struct options {
	enum load_op action;
	unsigned n_actions;    /* apparmor_parser allows one of -a -r -R -S -o -N -p */
	bool skip_kernel_load; /* -Q, or implied by -S -o -N -p */
	bool stdout_output;    /* -S */
	const char *output_file;
	bool names_only;	  /* -N */
	bool preprocess;	  /* -p */
	struct diag_classes warn; /* --warn, --Werror */
	bool binary_input;
	bool quiet, verbose;
	bool print_cache_dir, purge_cache;
	bool write_cache, skip_cache, skip_read_cache;
	bool show_cache; /* -k */
	bool complain;
	const char *subdomainfs;	  /* -f: the apparmor securityfs directory */
	const char *features_file;	  /* -M */
	const char *kernel_features_file; /* --kernel-features */
	const char *policy_features_file; /* --policy-features / parser.conf */
	const char *cache_loc;
	const char *base_dir;
	const char *config_file;
	const char *include_dirs[MAX_INCLUDE_DIRS];
	size_t n_include_dirs;
};

/*
 * Read parser.conf (or --config-file's) and then the command line into o,
 * so that the command line wins. Returns 1 to go on, 0 to exit
 * successfully now (-V, -h), or a negative errno after a message.
 */
int options_load(struct options *o, int argc, char **argv);

/* Add a directory to the include search path (-I, -b). */
int options_add_include_dir(struct options *o, const char *dir);

/* Release what options_load allocated for parser.conf values. */
void options_release(void);

#endif
