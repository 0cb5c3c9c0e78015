// SPDX-License-Identifier: GPL-2.0-only
/*
 * apparmor_parser's options: the long and short forms, parser.conf (the
 * same long options, one a line, "name value" or "name=value") and the
 * checks made before anything runs.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parser/arena.h"
#include "parser/options.h"
#include "parser/version.h"

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
    {"complain", no_argument, NULL, 'C'}, /* undocumented, but apparmor_parser takes it */
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
    {"optimize", optional_argument, NULL, 'O'}, /* likewise */
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

int options_add_include_dir(struct options *o, const char *dir)
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
		return options_add_include_dir(o, arg) < 0 ? -E2BIG : 1;
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

int options_load(struct options *o, int argc, char **argv)
{
	const char *config = DEFAULT_CONFIG_FILE;
	int opt, r;

	/* The config file is read first so that the command line overrides it. */
	(void)config_file_named(argc, argv, &config);
	if (load_config_file(o, config, argv[0]) < 0)
		return -EINVAL;
	while ((opt = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
		r = apply_option(o, opt, optarg, argv[0]);
		if (r <= 0)
			return r;
	}
	if (o->n_actions > 1) {
		fprintf(stderr, "%s: Too many actions given on the command line.\n", argv[0]);
		return -EINVAL;
	}
	if (!o->skip_kernel_load && !o->print_cache_dir && geteuid() != 0) {
		fprintf(stderr, "%s: Sorry. You need root privileges to run this program.\n\n",
			argv[0]);
		return -EPERM;
	}
	if (!o->base_dir)
		o->base_dir = DEFAULT_BASE_DIR;
	return options_add_include_dir(o, o->base_dir) < 0 ? -E2BIG : 1;
}

void options_release(void)
{
	arena_release(&config_arena);
}
