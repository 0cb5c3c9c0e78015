/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_RUN_H
#define VIGIL_PARSER_RUN_H

#include "parser/features.h"
#include "parser/frontend.h"
#include "parser/load.h"
#include "parser/options.h"

/* Everything one run needs while it goes through the files. */
struct run {
	const struct options *o;
	struct frontend *fe;
	const char *argv0;
	struct kernel_iface kernel; /* dirfd -1 unless loading */
	/* the cache, keyed by the kernel's features; NULL when disabled */
	const struct features *cache_features;
	const char *cache_locs[MAX_CACHE_LOCS];
	size_t n_cache_locs;
};

/*
 * Process the files named on the command line (stdin when none), each
 * file or directory in turn: compile, write, load, remove or preprocess
 * as the options say. Returns apparmor_parser's exit code for the run.
 */
int run_files(struct run *run, int argc, char **argv);

/* What -S and -o compiled; released at exit. */
void run_release(void);

#endif
