// SPDX-License-Identifier: GPL-2.0-only
/*
 * apparmor_parser: options (parser/options.c), then the features the
 * policy is compiled for and the cache is keyed by, the kernel interface
 * when loading, and the run over the files (parser/run.c).
 */
#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parser/cache.h"
#include "parser/run.h"

static int load_features(struct frontend *fe, const struct options *o, struct features *f,
			 const char *argv0)
{
	const char *path = o->features_file;
	int r;

	if (!path)
		path = o->policy_features_file;
	if (!path)
		path = o->kernel_features_file;
	if (!path) {
		if (access(KERNEL_FEATURES_DIR, F_OK) < 0)
			return 0;
		path = KERNEL_FEATURES_DIR;
	}
	r = features_load(&fe->arena, path, f);
	if (r < 0) {
		fprintf(stderr, "%s: failed to load features from '%s': %s\n", argv0, path,
			strerror(-r));
		return r;
	}
	fe->features = f;
	return 0;
}

/*
 * The features the cache is keyed by: what the kernel supports (-M,
 * --kernel-features or securityfs), not the policy feature set
 * parser.conf may pin. Without any, apparmor_parser's fallback set names
 * the directory --print-cache-dir shows, and *usable is false: there is
 * no cache to read or write then.
 */
static const struct features *kernel_cache_features(struct frontend *fe, const struct options *o,
						    struct features *kernel, bool *usable)
{
	const char *kpath = o->features_file ? o->features_file : o->kernel_features_file;

	if (!kpath && access(KERNEL_FEATURES_DIR, F_OK) == 0)
		kpath = KERNEL_FEATURES_DIR;
	*usable = kpath && features_load(&fe->arena, kpath, kernel) == 0;
	if (!*usable && features_load_fallback(&fe->arena, kernel) < 0)
		return fe->features;
	return kernel;
}

/* -L takes up to four comma-separated locations; the first is written to. */
static void split_cache_locs(struct run *run, const struct options *o)
{
	char *list = arena_strdup(&run->fe->arena, o->cache_loc ? o->cache_loc : DEFAULT_CACHE_LOC);
	char *save = NULL;

	for (char *loc = strtok_r(list, ",", &save); loc && run->n_cache_locs < MAX_CACHE_LOCS;
	     loc = strtok_r(NULL, ",", &save))
		run->cache_locs[run->n_cache_locs++] = loc;
	if (run->n_cache_locs == 0)
		run->cache_locs[run->n_cache_locs++] = DEFAULT_CACHE_LOC;
}

/* The apparmor directory of securityfs, or -f's; a message and -1 if there is none. */
static int open_kernel_iface(struct run *run)
{
	char found[4096];
	const char *dir = run->o->subdomainfs;

	if (!dir && kernel_iface_find("/proc/mounts", found, sizeof(found)) == 0)
		dir = found;
	if (!dir || kernel_iface_open(&run->kernel, dir) < 0) {
		fputs("Warning: unable to find a suitable fs in /proc/mounts, is it mounted?\n"
		      "Use --subdomainfs to override.\n",
		      stderr);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = {.action = LOAD_ADD};
	struct frontend fe;
	struct features features, kernel, compile_features;
	struct run run = {.o = &o, .fe = &fe, .argv0 = argv[0], .kernel = {.dirfd = -1}};
	const struct features *cache_features;
	bool cache_usable;
	int r, rc = EXIT_OK;

	/*
	 * A fixed threshold: glibc would otherwise raise it after each large
	 * DFA table is freed, and later tables would stay in the heap, whose
	 * high-water mark is the process's peak memory (bench/compile).
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);

	r = options_load(&o, argc, argv);
	if (r <= 0)
		return r == 0 ? EXIT_OK : EXIT_ERROR;

	frontend_init(&fe, o.include_dirs, o.n_include_dirs, stderr);
	fe.diag.quiet = o.quiet;
	fe.diag.classes = o.warn;
	if (!o.features_file && !o.kernel_features_file && access(KERNEL_FEATURES_DIR, F_OK) < 0)
		fputs(FEATURES_MISSING_NOTE, stderr);
	if (load_features(&fe, &o, &features, argv[0]) < 0) {
		frontend_release(&fe);
		return EXIT_ERROR;
	}
	cache_features = kernel_cache_features(&fe, &o, &kernel, &cache_usable);
	if (o.policy_features_file && !o.features_file && fe.features) {
		features_with_abi_of(&fe.arena, &features, cache_features, &compile_features);
		fe.features = &compile_features;
	}
	split_cache_locs(&run, &o);
	if (cache_usable)
		run.cache_features = cache_features;
	if (cache_usable && o.show_cache && !o.skip_cache)
		fprintf(stderr, "Cache: added primary location '%s'\n", run.cache_locs[0]);

	if (o.print_cache_dir) {
		r = cache_print_dir(cache_features, run.cache_locs[0], stdout);
		frontend_release(&fe);
		return r < 0 ? EXIT_ERROR : EXIT_OK;
	}
	if (!o.skip_kernel_load && open_kernel_iface(&run) < 0) {
		frontend_release(&fe);
		return EXIT_ERROR;
	}
	if (o.purge_cache) {
		r = cache_purge(cache_features, run.cache_locs[0]);
		if (r < 0)
			fprintf(stderr, "%s: could not purge the cache in %s: %s\n", argv[0],
				run.cache_locs[0], strerror(-r));
		rc = r < 0 ? EXIT_ERROR : EXIT_OK;
	} else {
		rc = run_files(&run, argc, argv);
	}
	kernel_iface_close(&run.kernel);
	run_release();
	frontend_release(&fe);
	options_release();
	return rc;
}
