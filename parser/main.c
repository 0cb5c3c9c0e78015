// SPDX-License-Identifier: GPL-2.0-only
/*
 * apparmor_parser command line: compile (parser/emit.c) to stdout (-S), a
 * file (-o), the kernel (-a, -r; -R removes) and the policy cache (-W),
 * or load precompiled policy (-B, or a fresh cache file).
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
#include "parser/load.h"
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

#define MAX_CACHE_LOCS 4

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
		o->n_actions++;
		o->action = LOAD_ADD;
		break;
	case 'r':
		o->n_actions++;
		o->action = LOAD_REPLACE;
		break;
	case 'R':
		o->n_actions++;
		o->action = LOAD_REMOVE;
		o->skip_cache = true;
		break;
	case 'C':
		o->complain = true;
		o->skip_cache = true;
		break;
	case 'B':
		o->binary_input = true;
		o->skip_cache = true;
		break;
	case 'N':
		o->n_actions++;
		o->names_only = true;
		o->skip_kernel_load = true;
		break;
	case 'S':
		o->n_actions++;
		o->stdout_output = true;
		o->skip_kernel_load = true;
		o->skip_read_cache = true;
		break;
	case 'o':
		o->n_actions++;
		o->output_file = arg;
		o->skip_kernel_load = true;
		o->skip_read_cache = true;
		break;
	case 'f':
		o->subdomainfs = arg;
		break;
	case 'k':
		o->show_cache = true;
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
		o->n_actions++;
		o->preprocess = true;
		o->skip_kernel_load = true;
		o->skip_cache = true;
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
		if (!diag_classes_option(&o->warn, arg, opt == OPT_WERROR)) {
			fprintf(stderr, "%s: Invalid --%s option %s\n", argv0,
				opt == OPT_WERROR ? "Werror" : "warn", arg);
			return -EINVAL;
		}
		break;
	case OPT_CONFIG_FILE:
	case OPT_PRINT_CONFIG:
	case OPT_SKIP_BAD_CACHE:
	case OPT_DEBUG_CACHE:
	case OPT_ABORT_ON_ERROR:
	case OPT_SKIP_BAD_CACHE_REBUILD:
	case 'm':
	case 'n':
	case 'X':
	case 'd':
	case 'D':
	case 'O':
		/* accepted for compatibility; they only tune compilation or debugging */
		break;
	default:
		/* getopt has said what was wrong; apparmor_parser adds no usage text */
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
		/* "name=value" or "name value" ("Include /etc/apparmor.d/") */
		eq = p + strcspn(p, "= \t");
		if (*eq) {
			*eq++ = '\0';
			while (*eq == ' ' || *eq == '\t' || *eq == '=')
				eq++;
		} else {
			eq = NULL;
		}
		for (opt = long_options; opt->name; opt++)
			if (strcmp(opt->name, p) == 0)
				break;
		if (!opt->name) {
			fprintf(stderr, "%s: unknown option (%s) in config file.\n", argv0, p);
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

/* apparmor_parser exits with the errno of a failed kernel write, as a byte. */
static int load_exit_code(int err)
{
	return (uint8_t)err;
}

static const char *source_name(const char *path)
{
	return path ? path : "stdin";
}

/*
 * -B, and a cache hit: hand a precompiled stream to the kernel as it is.
 * name is the file it came from; errors exit with the plain errno, as
 * apparmor_parser's do on this path.
 */
static int load_precompiled(struct run *run, const char *name, const uint8_t *data, size_t size)
{
	const struct options *o = run->o;
	enum load_op op = o->action == LOAD_REPLACE ? LOAD_REPLACE : LOAD_ADD;

	if (!o->skip_kernel_load) {
		int r = kernel_load_stream(&run->kernel, op, data, size);

		if (r < 0) {
			fprintf(stderr, "Error: Could not %s profile %s: %s\n",
				op == LOAD_ADD ? "load" : "replace", name, strerror(-r));
			return -r;
		}
	}
	if (o->verbose)
		printf("Cached %s succeeded for \"%s\".\n", op == LOAD_ADD ? "load" : "reload",
		       name);
	return EXIT_OK;
}

static int process_binary_file(struct run *run, const char *path)
{
	struct source *src;
	int r;

	/* no shape check: -B hands its input over as it is, like apparmor_parser */
	if (!path || strcmp(path, "-") == 0)
		r = source_load_stdin(&run->fe->sources, &src);
	else
		r = source_load_file(&run->fe->sources, path, &src);
	if (r == -ENOENT) {
		fprintf(stderr, "File %s not found, skipping...\n", source_name(path));
		return EXIT_NOT_FOUND;
	}
	if (r < 0) {
		fprintf(stderr, "%s: could not read %s: %s\n", run->argv0, source_name(path),
			strerror(-r));
		return EXIT_ERROR;
	}
	return load_precompiled(run, source_name(path), (const uint8_t *)src->data, src->len);
}

static int remove_profiles(struct run *run, const struct policy *pol)
{
	const char *const *names;
	size_t n = frontend_top_names(pol, &names);

	for (size_t i = 0; i < n; i++) {
		int r =
		    run->o->skip_kernel_load ? 0 : kernel_remove_profile(&run->kernel, names[i]);

		if (r < 0) {
			fprintf(stderr, "%s: Unable to remove \"%s\".  ", run->argv0, names[i]);
			load_print_error(stderr, r);
			return load_exit_code(r);
		}
		if (run->o->verbose)
			printf("Removal succeeded for \"%s\".\n", names[i]);
	}
	return EXIT_OK;
}

/* Profiles in a namespace, stdin and forced complain mode are never cached. */
static bool cacheable(const struct run *run, const char *path, const struct policy *pol)
{
	if (!run->cache_features || run->o->skip_cache || !path || strcmp(path, "-") == 0)
		return false;
	for (const struct profile *p = pol->profiles; p; p = p->next)
		if (p->name[0] == ':')
			return false;
	return true;
}

/* A fresh, whole cached stream for path, from the first location that has one. */
static int cache_lookup(struct run *run, const char *path, char *cache_path, uint8_t **data,
			size_t *size)
{
	uint32_t version = cache_version_word(run->fe->features);
	int r = -ENOENT;

	for (size_t i = 0; i < run->n_cache_locs; i++) {
		char dir[CACHE_PATH_MAX];

		if (cache_dir_find(run->cache_features, run->cache_locs[i], false, dir,
				   sizeof(dir)) != 0 ||
		    cache_file_path(dir, path, cache_path, CACHE_PATH_MAX) < 0)
			continue;
		r = cache_read(cache_path, &run->fe->sources.newest_mtime, version, data, size);
		if (r == 0)
			return 0;
	}
	return r;
}

static void cache_store(struct run *run, const char *path, const struct emit_buffer *b)
{
	char dir[CACHE_PATH_MAX], file[CACHE_PATH_MAX];
	const char *loc = run->cache_locs[0];
	int r = cache_dir_find(run->cache_features, loc, true, dir, sizeof(dir));

	if (r < 0) {
		/* not an error: apparmor_parser loads on and says so only under -k */
		if (run->o->show_cache)
			fprintf(stderr, "Cache write disabled: Cannot create cache '%s': %s\n", loc,
				strerror(-r));
		return;
	}
	r = cache_file_path(dir, path, file, sizeof(file));
	if (r == 0)
		r = cache_write_atomic(file, b->data, b->size, 0600,
				       &run->fe->sources.newest_mtime);
	if (r < 0)
		fprintf(stderr, "Failed to create cache: %s\n", path);
	else if (run->o->show_cache)
		fprintf(stderr, "Wrote cache: %s\n", file);
}

static int compare_profile_names(const void *x, const void *y)
{
	return strcmp((*(const struct profile *const *)x)->name,
		      (*(const struct profile *const *)y)->name);
}

/*
 * -v after a load: every profile by its own name, siblings in name order,
 * children before their parent, as apparmor_parser 3.0.8 lists them.
 */
static void print_succeeded(const struct profile *list, const char *noun)
{
	const struct profile **v;
	size_t n = 0;

	for (const struct profile *p = list; p; p = p->next)
		n++;
	if (n == 0)
		return;
	v = malloc(n * sizeof(*v));
	if (!v)
		return;
	n = 0;
	for (const struct profile *p = list; p; p = p->next)
		v[n++] = p;
	qsort(v, n, sizeof(*v), compare_profile_names);
	for (size_t i = 0; i < n; i++) {
		print_succeeded(v[i]->children, noun);
		printf("%s succeeded for \"%s\".\n", noun, v[i]->name);
	}
	free(v);
}

/*
 * Compile pol and load it: the whole file in one write, so a kernel
 * refusing any profile of it leaves the loaded policy as it was.
 */
static int compile_and_load(struct run *run, const char *path, const struct policy *pol)
{
	const struct options *o = run->o;
	struct emit_options eo = {.force_complain = o->complain};
	struct emit_buffer b = {};
	const char *const *names;
	size_t n = frontend_top_names(pol, &names);
	int r, rc = EXIT_OK;

	r = emit_policy(pol, run->fe->features, &eo, &b, stderr);
	if (r < 0) {
		if (r == -ENOMEM)
			fprintf(stderr, "%s: %s: out of memory\n", run->argv0, source_name(path));
		emit_buffer_release(&b);
		return EXIT_ERROR;
	}
	if (!o->skip_kernel_load && n > 0) {
		r = kernel_load_stream(&run->kernel, o->action, b.data, b.size);
		if (r < 0) {
			/* the kernel does not say which profile it refused: name the first */
			fprintf(stderr, "%s: Unable to %s \"%s\".  ", run->argv0,
				load_op_verb(o->action), names[0]);
			load_print_error(stderr, r);
			rc = load_exit_code(r);
		}
	}
	if (rc == EXIT_OK && o->verbose)
		print_succeeded(pol->profiles, load_op_noun(o->action));
	if (rc == EXIT_OK && o->write_cache && cacheable(run, path, pol))
		cache_store(run, path, &b);
	emit_buffer_release(&b);
	return rc;
}

/* -S and -o: the compiled policy goes to stdout or a file, not the kernel. */
static int compile_to_output(struct run *run, const char *path, const struct policy *pol)
{
	struct emit_options eo = {.force_complain = run->o->complain};
	int r = emit_policy(pol, run->fe->features, &eo, &compiled, stderr);

	if (r < 0) {
		if (r == -ENOMEM)
			fprintf(stderr, "%s: %s: out of memory\n", run->argv0, source_name(path));
		return EXIT_ERROR;
	}
	/* -S streams file by file, like apparmor_parser; -o is all or nothing */
	if (run->o->stdout_output) {
		r = write_all(STDOUT_FILENO, compiled.data, compiled.size);
		/* freed, not kept: the largest file's output would stay resident */
		emit_buffer_release(&compiled);
		if (r < 0) {
			fprintf(stderr, "%s: writing to stdout: %s\n", run->argv0, strerror(-r));
			return EXIT_ERROR;
		}
	}
	return EXIT_OK;
}

/*
 * -p: the text with includes inlined. Input the front end refuses is
 * written up to the error and exits 1, as apparmor_parser -p does.
 */
static int preprocess(struct run *run, const char *path)
{
	struct frontend *fe = run->fe;
	struct policy *pol;
	unsigned errors = fe->diag.parse_errors;
	bool refused;
	int r;

	fe->diag.first_error.src = NULL;
	r = frontend_load(fe, path, &pol);
	refused = r < 0 && fe->diag.parse_errors > errors;

	if (r == -ENOENT && !refused) {
		fprintf(stderr, "File %s not found, skipping...\n", path);
		return EXIT_NOT_FOUND;
	}
	r = preprocess_file_until(&fe->sources, path, stdout,
				  refused && fe->diag.first_error.src ? &fe->diag.first_error
								      : NULL);
	return refused || r < 0 ? EXIT_ERROR : EXIT_OK;
}

static int verbose_processed(const struct options *o, const struct policy *pol)
{
	if (o->verbose)
		print_succeeded(pol->profiles, load_op_noun(o->action));
	return EXIT_OK;
}

/*
 * A profile the administrator disabled: a same-named entry in the base
 * directory's disable/ (what aa-disable makes).
 */
static bool disabled(const struct run *run, const char *path)
{
	const char *base = strrchr(path, '/');
	char *link;
	bool found;

	base = base ? base + 1 : path;
	if (asprintf(&link, "%s/disable/%s", run->o->base_dir, base) < 0)
		return false;
	found = access(link, F_OK) == 0 || errno != ENOENT;
	free(link);
	if (found)
		fprintf(stderr, "Skipping profile in %s/disable: %s\n", run->o->base_dir, base);
	return found;
}

/* Process one profile file; returns the exit code for it. */
static int process_file(struct run *run, const char *path)
{
	const struct options *o = run->o;
	struct frontend *fe = run->fe;
	struct policy *pol;
	int r;

	if (path && strcmp(path, "-") != 0 && disabled(run, path))
		return EXIT_OK;

	if (o->binary_input)
		return process_binary_file(run, path);
	if (o->preprocess)
		return preprocess(run, path);
	r = frontend_load(fe, path, &pol);
	if (r == -ENOENT) {
		fprintf(stderr, "File %s not found, skipping...\n", path);
		return EXIT_NOT_FOUND;
	}
	if (r < 0) {
		if (fe->diag.errors == 0)
			fprintf(stderr, "%s: could not read %s: %s\n", run->argv0,
				source_name(path), strerror(-r));
		return EXIT_ERROR;
	}
	if (o->names_only) {
		frontend_print_names(pol, stdout);
		return EXIT_OK;
	}
	if (o->stdout_output || o->output_file)
		return compile_to_output(run, path, pol);
	if (o->action == LOAD_REMOVE)
		return remove_profiles(run, pol);
	if (!o->skip_read_cache && cacheable(run, path, pol)) {
		char cache_path[CACHE_PATH_MAX];
		uint8_t *data;
		size_t size;

		r = cache_lookup(run, path, cache_path, &data, &size);
		if (r == 0) {
			if (o->show_cache)
				fprintf(stderr, "Cache hit: %s\n", cache_path);
			r = load_precompiled(run, cache_path, data, size);
			free(data);
			return r;
		}
		if (o->show_cache)
			fprintf(stderr, "Cache miss: %s\n", path);
	}
	/*
	 * -Q alone only checks: the compiler does not encode every rule
	 * class yet, and the front end's verdict is what -Q reports.
	 */
	if (o->skip_kernel_load && !(o->write_cache && cacheable(run, path, pol)))
		return verbose_processed(o, pol);
	return compile_and_load(run, path, pol);
}

static int compare_names(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The run's exit code: the last failure, a plain error before "not found". */
static int combine_exit_codes(int rc, int r)
{
	if (r == EXIT_OK || (r == EXIT_NOT_FOUND && rc != EXIT_OK))
		return rc;
	return r;
}

/* A directory argument stands for every regular file in it. */
static int process_path(struct run *run, const char *path)
{
	struct frontend *fe = run->fe;
	struct stat st;
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = EXIT_OK;

	if (!path || stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return process_file(run, path);
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
		names[n++] = arena_strdup(&fe->arena, de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), compare_names);
	/* package-manager and editor leftovers are skipped, the latter with a note first */
	for (size_t i = 0; i < n; i++)
		if (source_dir_entry_skip(names[i]) == SOURCE_SKIP_NOTE)
			fprintf(stderr, "Ignoring: '%s'\n", names[i]);
	for (size_t i = 0; i < n; i++) {
		char *file;

		if (source_dir_entry_skip(names[i]) != SOURCE_DIR_USE)
			continue;
		file = arena_printf(&fe->arena, "%s/%s", path, names[i]);
		if (stat(file, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		rc = combine_exit_codes(rc, process_file(run, file));
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

static int run_files(struct run *run, int argc, char **argv)
{
	const struct options *o = run->o;
	int r, rc = EXIT_OK;

	if (optind >= argc)
		rc = process_path(run, NULL);
	for (int i = optind; i < argc; i++)
		rc = combine_exit_codes(rc, process_path(run, argv[i]));
	/* with -o, nothing is written unless every file compiled */
	if (rc == EXIT_OK && o->output_file) {
		r = write_output_file(o->output_file, &compiled);
		if (r < 0) {
			fprintf(stderr, "%s: writing %s: %s\n", run->argv0, o->output_file,
				strerror(-r));
			rc = EXIT_ERROR;
		}
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = {.action = LOAD_ADD};
	struct frontend fe;
	struct features features, kernel, compile_features;
	struct run run = {.o = &o, .fe = &fe, .argv0 = argv[0], .kernel = {.dirfd = -1}};
	const struct features *cache_features;
	bool cache_usable;
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
	if (o.n_actions > 1) {
		fprintf(stderr, "%s: Too many actions given on the command line.\n", argv[0]);
		return EXIT_ERROR;
	}
	if (!o.skip_kernel_load && !o.print_cache_dir && geteuid() != 0) {
		fprintf(stderr, "%s: Sorry. You need root privileges to run this program.\n\n",
			argv[0]);
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
	emit_buffer_release(&compiled);
	frontend_release(&fe);
	arena_release(&config_arena);
	return rc;
}
