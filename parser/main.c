// SPDX-License-Identifier: GPL-2.0-only
/*
 * apparmor_parser command line. -S and -o write the binary policy
 * (parser/emit.c); loading into the kernel and the cache are not done
 * yet, so the options that need them say so and fail.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parser/cache.h"
#include "parser/emit.h"
#include "parser/frontend.h"
#include "parser/preprocess.h"
#include "parser/version.h"

#define DEFAULT_CONFIG_FILE "/etc/apparmor/parser.conf"
#define DEFAULT_BASE_DIR    "/etc/apparmor.d"
#define DEFAULT_CACHE_LOC   "/var/cache/apparmor"
#define MAX_INCLUDE_DIRS    64

/* Exit codes, as apparmor_parser uses them. */
enum {
	EXIT_OK = 0,
	EXIT_ERROR = 1,
	EXIT_NOT_FOUND = 2,
};

enum action { ACTION_ADD, ACTION_REPLACE, ACTION_REMOVE };

struct options {
	enum action action;
	bool skip_kernel_load; /* -Q */
	bool stdout_output;    /* -S */
	const char *output_file;
	bool names_only; /* -N */
	bool preprocess; /* -p */
	struct diag_classes warn; /* --warn, --Werror */
	bool binary_input;
	bool quiet, verbose;
	bool print_cache_dir, purge_cache;
	bool write_cache, skip_cache, skip_read_cache;
	bool complain;
	const char *features_file;	  /* -M */
	const char *kernel_features_file; /* --kernel-features */
	const char *policy_features_file; /* --policy-features / parser.conf */
	const char *cache_loc;
	const char *base_dir;
	const char *config_file;
	const char *include_dirs[MAX_INCLUDE_DIRS];
	size_t n_include_dirs;
};

enum {
	OPT_PURGE_CACHE = 0x100,
	OPT_PRINT_CACHE_DIR,
	OPT_KERNEL_FEATURES,
	OPT_POLICY_FEATURES,
	OPT_OVERRIDE_POLICY_ABI,
	OPT_CONFIG_FILE,
	OPT_PRINT_CONFIG,
	OPT_SKIP_BAD_CACHE,
	OPT_DEBUG_CACHE,
	OPT_MAX_JOBS,
	OPT_ABORT_ON_ERROR,
	OPT_SKIP_BAD_CACHE_REBUILD,
	OPT_WARN,
	OPT_WERROR,
};

static const struct option long_options[] = {
    {"add", no_argument, NULL, 'a'},
    {"replace", no_argument, NULL, 'r'},
    {"remove", no_argument, NULL, 'R'},
    {"Complain", no_argument, NULL, 'C'},
    {"binary", no_argument, NULL, 'B'},
    {"names", no_argument, NULL, 'N'},
    {"stdout", no_argument, NULL, 'S'},
    {"ofile", required_argument, NULL, 'o'},
    {"base", required_argument, NULL, 'b'},
    {"Include", required_argument, NULL, 'I'},
    {"subdomainfs", required_argument, NULL, 'f'},
    {"match-string", required_argument, NULL, 'm'},
    {"features-file", required_argument, NULL, 'M'},
    {"policy-features", required_argument, NULL, OPT_POLICY_FEATURES},
    {"override-policy-abi", required_argument, NULL, OPT_OVERRIDE_POLICY_ABI},
    {"kernel-features", required_argument, NULL, OPT_KERNEL_FEATURES},
    {"namespace", required_argument, NULL, 'n'},
    {"readimpliesX", no_argument, NULL, 'X'},
    {"show-cache", no_argument, NULL, 'k'},
    {"skip-cache", no_argument, NULL, 'K'},
    {"skip-read-cache", no_argument, NULL, 'T'},
    {"write-cache", no_argument, NULL, 'W'},
    {"skip-bad-cache", no_argument, NULL, OPT_SKIP_BAD_CACHE},
    {"purge-cache", no_argument, NULL, OPT_PURGE_CACHE},
    {"debug-cache", no_argument, NULL, OPT_DEBUG_CACHE},
    {"print-cache-dir", no_argument, NULL, OPT_PRINT_CACHE_DIR},
    {"cache-loc", required_argument, NULL, 'L'},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"skip-kernel-load", no_argument, NULL, 'Q'},
    {"version", no_argument, NULL, 'V'},
    {"debug", optional_argument, NULL, 'd'},
    {"preprocess", no_argument, NULL, 'p'},
    {"dump", optional_argument, NULL, 'D'},
    {"Optimize", optional_argument, NULL, 'O'},
    {"help", optional_argument, NULL, 'h'},
    {"jobs", required_argument, NULL, 'j'},
    {"max-jobs", required_argument, NULL, OPT_MAX_JOBS},
    {"abort-on-error", no_argument, NULL, OPT_ABORT_ON_ERROR},
    {"skip-bad-cache-rebuild", no_argument, NULL, OPT_SKIP_BAD_CACHE_REBUILD},
    {"config-file", required_argument, NULL, OPT_CONFIG_FILE},
    {"print-config", no_argument, NULL, OPT_PRINT_CONFIG},
    {"warn", required_argument, NULL, OPT_WARN},
    {"Werror", optional_argument, NULL, OPT_WERROR},
    {}};

static const char short_options[] = "ad::f:h::rRVvI:b:BCD:NSm:M:n:o:O:pqQkKL:TWj:X";

static void usage(FILE *out, const char *argv0)
{
	fprintf(out,
		"Usage: %s [options] [profile]\n\n"
		"Options:\n"
		"--------\n"
		"-a, --add		Add apparmor definitions [default]\n"
		"-r, --replace		Replace apparmor definitions\n"
		"-R, --remove		Remove apparmor definitions\n"
		"-C, --Complain		Force the profile into complain mode\n"
		"-B, --binary		Input is precompiled profile\n"
		"-N, --names		Dump names of profiles in input.\n"
		"-S, --stdout		Dump compiled profile to stdout\n"
		"-o n, --ofile n		Write output to file n\n"
		"-b n, --base n		Set base dir and cwd\n"
		"-I n, --Include n	Add n to the search path\n"
		"-M n, --features-file n Set compile & kernel features to file n\n"
		"--policy-features n     Policy features set in file n\n"
		"--kernel-features n     Kernel features set in file n\n"
		"-K, --skip-cache	Do not attempt to load or save cached profiles\n"
		"-T, --skip-read-cache	Do not attempt to load cached profiles\n"
		"-W, --write-cache	Save cached profile (force with -T)\n"
		"    --purge-cache	Clear cache regardless of its state\n"
		"    --print-cache-dir	Print the cache directory path\n"
		"-L, --cache-loc n	Set the location of the profile caches\n"
		"-q, --quiet		Don't emit warnings\n"
		"-v, --verbose		Show profile names as they load\n"
		"-Q, --skip-kernel-load	Do everything except loading into kernel\n"
		"-V, --version		Display version info and exit\n"
		"-p, --preprocess	Dump preprocessed profile\n"
		"-h [cmd], --help[=cmd]  Display this text or info about cmd\n"
		"-j n, --jobs n		Set the number of compile threads\n"
		"--config-file n		Specify the parser config file location\n",
		argv0);
}

static int add_include_dir(struct options *o, const char *dir)
{
	if (o->n_include_dirs >= MAX_INCLUDE_DIRS - 1) {
		fprintf(stderr, "apparmor_parser: too many include directories\n");
		return -E2BIG;
	}
	o->include_dirs[o->n_include_dirs++] = dir;
	return 0;
}

/*
 * Apply one option. Returns 1 to go on, 0 to exit successfully now,
 * a negative errno for a usage error.
 */
static int apply_option(struct options *o, int opt, const char *arg, const char *argv0)
{
	switch (opt) {
	case 'a':
		o->action = ACTION_ADD;
		break;
	case 'r':
		o->action = ACTION_REPLACE;
		break;
	case 'R':
		o->action = ACTION_REMOVE;
		break;
	case 'C':
		o->complain = true;
		break;
	case 'B':
		o->binary_input = true;
		break;
	case 'N':
		o->names_only = true;
		break;
	case 'S':
		o->stdout_output = true;
		break;
	case 'o':
		o->output_file = arg;
		break;
	case 'b':
		o->base_dir = arg;
		break;
	case 'I':
		return add_include_dir(o, arg) < 0 ? -E2BIG : 1;
	case 'M':
		o->features_file = arg;
		break;
	case OPT_KERNEL_FEATURES:
		o->kernel_features_file = arg;
		break;
	case OPT_POLICY_FEATURES:
	case OPT_OVERRIDE_POLICY_ABI:
		o->policy_features_file = arg;
		break;
	case 'K':
		o->skip_cache = true;
		break;
	case 'T':
		o->skip_read_cache = true;
		break;
	case 'W':
		o->write_cache = true;
		break;
	case 'L':
		o->cache_loc = arg;
		break;
	case OPT_PURGE_CACHE:
		o->purge_cache = true;
		break;
	case OPT_PRINT_CACHE_DIR:
		o->print_cache_dir = true;
		break;
	case 'q':
		o->quiet = true;
		break;
	case 'v':
		o->verbose = true;
		break;
	case 'Q':
		o->skip_kernel_load = true;
		break;
	case 'p':
		o->preprocess = true;
		break;
	case 'V':
		vigil_print_version(stdout);
		return 0;
	case 'h':
		usage(stdout, argv0);
		return 0;
	case 'j':
	case OPT_MAX_JOBS: {
		char *end;
		const char *p = arg;

		if (*p == 'x')
			p++;
		if (strcmp(arg, "auto") != 0 && (strtol(p, &end, 10) < 0 || *end || end == p)) {
			fprintf(stderr, "%s: invalid value for -j: %s\n", argv0, arg);
			return -EINVAL;
		}
		break;
	}
	case OPT_WARN:
	case OPT_WERROR:
		diag_classes_option(&o->warn, arg, opt == OPT_WERROR);
		break;
	case OPT_CONFIG_FILE:
	case OPT_PRINT_CONFIG:
	case OPT_SKIP_BAD_CACHE:
	case OPT_DEBUG_CACHE:
	case OPT_ABORT_ON_ERROR:
	case OPT_SKIP_BAD_CACHE_REBUILD:
	case 'f':
	case 'm':
	case 'n':
	case 'X':
	case 'k':
	case 'd':
	case 'D':
	case 'O':
		/* accepted for compatibility; they only tune compilation or debugging */
		break;
	default:
		usage(stderr, argv0);
		return -EINVAL;
	}
	return 1;
}

/* parser.conf holds long options without their leading "--", one a line. */
/* Values from parser.conf live as long as the options that point at them. */
static struct arena config_arena;

static int load_config_file(struct options *o, const char *path, const char *argv0)
{
	FILE *f = fopen(path, "re");
	char line[4096];

	/* Like apparmor_parser, a missing config file just means defaults. */
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *end, *eq;
		const struct option *opt;

		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strcspn(p, "\r\n");
		*end = '\0';
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*p == '#' || *p == '\0')
			continue;
		eq = strchr(p, '=');
		if (eq)
			*eq++ = '\0';
		for (opt = long_options; opt->name; opt++)
			if (strcmp(opt->name, p) == 0)
				break;
		if (!opt->name) {
			fprintf(stderr, "%s: unknown option '%s' in %s\n", argv0, p, path);
			continue;
		}
		/* -I and friends need the value to outlive this buffer */
		if (apply_option(o, opt->val, eq ? arena_strdup(&config_arena, eq) : NULL, argv0) <
		    0) {
			fclose(f);
			return -EINVAL;
		}
	}
	fclose(f);
	return 0;
}

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

/* Compiled policy, written once every file has compiled. */
static struct emit_buffer compiled;

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* -o: a temporary file next to the target, renamed over it when complete. */
static int write_output_file(const char *path, const struct emit_buffer *b)
{
	char *tmp;
	int fd, r;

	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return -ENOMEM;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		free(tmp);
		return r;
	}
	r = write_all(fd, b->data, b->size);
	if (r >= 0 && fchmod(fd, 0644) < 0)
		r = -errno;
	if (r >= 0 && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && r >= 0)
		r = -errno;
	if (r >= 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		(void)unlink(tmp);
	free(tmp);
	return r;
}

/* Process one profile file; returns the exit code for it. */
static int process_file(struct frontend *fe, const struct options *o, const char *path,
			const char *argv0)
{
	struct policy *pol;
	int r;

	if (o->preprocess) {
		r = preprocess_file(&fe->sources, path, stdout);
		if (r == -ENOENT) {
			fprintf(stderr, "File %s not found, skipping...\n", path);
			return EXIT_NOT_FOUND;
		}
		return r < 0 ? EXIT_ERROR : EXIT_OK;
	}
	r = frontend_load(fe, path, &pol);
	if (r == -ENOENT) {
		fprintf(stderr, "File %s not found, skipping...\n", path);
		return EXIT_NOT_FOUND;
	}
	if (r < 0) {
		if (fe->diag.errors == 0)
			fprintf(stderr, "%s: could not read %s: %s\n", argv0, path ? path : "stdin",
				strerror(-r));
		return EXIT_ERROR;
	}
	if (o->names_only) {
		frontend_print_names(pol, stdout);
		return EXIT_OK;
	}
	if (o->stdout_output || o->output_file) {
		struct emit_options eo = {.force_complain = o->complain};

		r = emit_policy(pol, fe->features, &eo, &compiled, stderr);
		if (r < 0) {
			if (r == -ENOMEM)
				fprintf(stderr, "%s: %s: out of memory\n", argv0,
					path ? path : "stdin");
			return EXIT_ERROR;
		}
		/* -S alone streams file by file, like apparmor_parser; -o is all or nothing */
		if (o->stdout_output && !o->output_file) {
			r = write_all(STDOUT_FILENO, compiled.data, compiled.size);
			/* freed, not kept: the largest file's output would stay resident */
			emit_buffer_release(&compiled);
			if (r < 0) {
				fprintf(stderr, "%s: writing to stdout: %s\n", argv0, strerror(-r));
				return EXIT_ERROR;
			}
		}
	}
	if ((!o->stdout_output && !o->output_file && !o->skip_kernel_load) || o->write_cache) {
		fprintf(stderr,
			"%s: %s: compiling policy to the kernel format is not implemented yet\n",
			argv0, path ? path : "stdin");
		return EXIT_ERROR;
	}
	if (o->verbose) {
		for (struct profile *p = pol->profiles; p; p = p->next)
			printf("Processed \"%s\".\n", p->name);
	}
	return EXIT_OK;
}

static int compare_names(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* A directory argument stands for every regular file in it. */
static int process_path(struct frontend *fe, const struct options *o, const char *path,
			const char *argv0)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = EXIT_OK;

	if (!path || stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return process_file(fe, o, path, argv0);
	d = opendir(path);
	if (!d)
		return EXIT_ERROR;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			char **bigger = arena_alloc(&fe->arena, ncap * sizeof(*bigger));

			if (n)
				memcpy(bigger, names, n * sizeof(*bigger));
			names = bigger;
			cap = ncap;
		}
		names[n++] = arena_printf(&fe->arena, "%s/%s", path, de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), compare_names);
	for (size_t i = 0; i < n; i++) {
		int r;

		if (stat(names[i], &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		r = process_file(fe, o, names[i], argv0);
		if (r == EXIT_ERROR || rc == EXIT_OK)
			rc = r;
	}
	return rc;
}

static bool config_file_named(int argc, char **argv, const char **ret)
{
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--config-file=", 14) == 0) {
			*ret = argv[i] + 14;
			return true;
		}
		if (strcmp(argv[i], "--config-file") == 0 && i + 1 < argc) {
			*ret = argv[i + 1];
			return true;
		}
	}
	return false;
}

int main(int argc, char **argv)
{
	struct options o = {.action = ACTION_ADD};
	struct frontend fe;
	struct features features;
	const char *config = DEFAULT_CONFIG_FILE;
	int opt, r, rc = EXIT_OK;

	/*
	 * A fixed threshold: glibc would otherwise raise it after each large
	 * DFA table is freed, and later tables would stay in the heap, whose
	 * high-water mark is the process's peak memory (bench/compile).
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);

	/* The config file is read first so that the command line overrides it. */
	(void)config_file_named(argc, argv, &config);
	if (load_config_file(&o, config, argv[0]) < 0)
		return EXIT_ERROR;
	while ((opt = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
		r = apply_option(&o, opt, optarg, argv[0]);
		if (r == 0)
			return EXIT_OK;
		if (r < 0)
			return EXIT_ERROR;
	}
	if (!o.base_dir)
		o.base_dir = DEFAULT_BASE_DIR;
	if (add_include_dir(&o, o.base_dir) < 0)
		return EXIT_ERROR;

	frontend_init(&fe, o.include_dirs, o.n_include_dirs, stderr);
	fe.diag.quiet = o.quiet;
	fe.diag.classes = o.warn;
	if (!o.features_file && !o.kernel_features_file && access(KERNEL_FEATURES_DIR, F_OK) < 0)
		fputs(FEATURES_MISSING_NOTE, stderr);
	if (load_features(&fe, &o, &features, argv[0]) < 0) {
		frontend_release(&fe);
		return EXIT_ERROR;
	}

	if (o.print_cache_dir || o.purge_cache) {
		const char *loc = o.cache_loc ? o.cache_loc : DEFAULT_CACHE_LOC;
		const struct features *cache_features = fe.features;
		struct features kernel;
		const char *kpath = o.features_file ? o.features_file : o.kernel_features_file;

		/*
		 * The cache is keyed by what the kernel supports, not by the
		 * policy feature set parser.conf may pin.
		 */
		if (!kpath && access(KERNEL_FEATURES_DIR, F_OK) == 0)
			kpath = KERNEL_FEATURES_DIR;
		if (kpath ? features_load(&fe.arena, kpath, &kernel) == 0
			  : features_load_fallback(&fe.arena, &kernel) == 0)
			cache_features = &kernel;
		r = o.print_cache_dir ? cache_print_dir(cache_features, loc, stdout)
				      : cache_purge(cache_features, loc);
		frontend_release(&fe);
		return r < 0 ? EXIT_ERROR : EXIT_OK;
	}
	if (o.binary_input) {
		fprintf(stderr, "%s: loading precompiled policy is not implemented yet\n", argv[0]);
		frontend_release(&fe);
		return EXIT_ERROR;
	}
	if (o.action == ACTION_REMOVE && !o.skip_kernel_load) {
		fprintf(stderr, "%s: removing policy from the kernel is not implemented yet\n",
			argv[0]);
		frontend_release(&fe);
		return EXIT_ERROR;
	}

	if (optind >= argc) {
		rc = process_path(&fe, &o, NULL, argv[0]);
	} else {
		for (int i = optind; i < argc; i++) {
			/* Relative names were given relative to where we started. */
			r = process_path(&fe, &o, argv[i], argv[0]);
			if (r == EXIT_ERROR || rc == EXIT_OK)
				rc = r;
		}
	}
	/* with -o, nothing is written unless every file compiled */
	if (rc == EXIT_OK && o.stdout_output && o.output_file) {
		r = write_all(STDOUT_FILENO, compiled.data, compiled.size);
		if (r < 0) {
			fprintf(stderr, "%s: writing to stdout: %s\n", argv[0], strerror(-r));
			rc = EXIT_ERROR;
		}
	}
	if (rc == EXIT_OK && o.output_file) {
		r = write_output_file(o.output_file, &compiled);
		if (r < 0) {
			fprintf(stderr, "%s: writing %s: %s\n", argv[0], o.output_file,
				strerror(-r));
			rc = EXIT_ERROR;
		}
	}
	emit_buffer_release(&compiled);
	frontend_release(&fe);
	arena_release(&config_arena);
	return rc;
}
