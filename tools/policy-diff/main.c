// SPDX-License-Identifier: GPL-2.0-only
/*
 * vigil-policy-diff: does a change to an AppArmor policy widen it, and
 * where? Compares two compiled policies (or profile texts) by meaning.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/policy-diff/compile-text.h"
#include "tools/policy-diff/decode.h"
#include "tools/policy-diff/diff.h"

#define EXIT_EQUIVALENT	 0
#define EXIT_DIFFERENT	 1
#define EXIT_TROUBLE	 2
#define MAX_INCLUDE_DIRS 32

static const char usage_text[] =
    "Usage: vigil-policy-diff [OPTION]... A B\n"
    "\n"
    "Compare two AppArmor policies by what they allow, not by their bytes.\n"
    "\n"
    "A and B are each either a compiled policy, as written by apparmor_parser -S or\n"
    "-o (AppArmor's or Vigil's; one profile or a multi-profile load set), or a\n"
    "profile text file, which is compiled with Vigil's compiler first. The two are\n"
    "told apart by content; --text and --binary force one. \"-\" reads stdin.\n"
    "\n"
    "Profiles are paired by namespace and name. For each pair the file rules, the\n"
    "non-file rules (policydb: network, signal, ptrace, mount, unix...) and the\n"
    "attachment are compared as automata under their permissions: a breadth-first\n"
    "walk of the product automaton finds the shortest input on which the two\n"
    "sides grant different permissions. That witness is printed (bytes outside\n"
    "printable ASCII as \\xNN; a policydb input starts with its class byte, e.g.\n"
    "\\x0e for network), with what each side grants there, in rule letters:\n"
    "\n"
    "  profile /usr/bin/foo: file rules differ\n"
    "    shortest input where they differ: \"/etc/shadow\"\n"
    "    old.bin: -\n"
    "    new.bin: r\n"
    "\n"
    "One witness per differing automaton, the shortest: run again after fixing it.\n"
    "Capabilities, rlimits, mode and flags, path flags, attachment length and the\n"
    "exec-transition (xtable) names are compared too.\n"
    "\n"
    "Options:\n"
    "  -t, --text             A and B are profile text\n"
    "  -b, --binary           A and B are compiled policies\n"
    "  -M, --features PATH    features file or directory to compile text for\n"
    "                         (default: the running kernel's)\n"
    "  -I, --include DIR      search DIR for includes in text (repeatable;\n"
    "                         default /etc/apparmor.d)\n"
    "  -q, --quiet            one line per profile: equivalent, differs, only in\n"
    "  -h, --help             show this help and exit\n"
    "\n"
    "Exit status: 0 the policies are equivalent, 1 they differ, 2 trouble (an\n"
    "unreadable, corrupt or truncated policy, text that does not compile).\n";

typedef enum InputKind { INPUT_DETECT, INPUT_TEXT, INPUT_BINARY } InputKind;

typedef struct Options {
	InputKind kind;
	const char *features;
	const char *include_dirs[MAX_INCLUDE_DIRS];
	size_t n_include_dirs;
	bool quiet;
} Options;

static int read_file(const char *path, uint8_t **ret, size_t *ret_size)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "re");
	uint8_t *data = NULL;
	size_t size = 0, cap = 0;
	int r = 0;

	if (!f)
		return -errno;
	for (;;) {
		size_t k;

		if (size + 1 >= cap) {
			uint8_t *more = realloc(data, cap = cap ? cap * 2 : 65536);

			if (!more) {
				r = -ENOMEM;
				break;
			}
			data = more;
		}
		k = fread(data + size, 1, cap - size - 1, f);
		if (k == 0) {
			if (ferror(f))
				r = -EIO;
			break;
		}
		size += k;
	}
	if (f != stdin)
		fclose(f);
	if (r < 0) {
		free(data);
		return r;
	}
	data[size] = 0; /* text is handed on as a C string */
	*ret = data;
	*ret_size = size;
	return 0;
}

/* Read one side, compiling it first if it is text. */
static int load_side(const Options *o, const char *path, PdPolicy *ret)
{
	uint8_t *data = NULL, *compiled = NULL;
	size_t size = 0, compiled_size = 0;
	char err[256];
	bool binary;
	int r;

	r = read_file(path, &data, &size);
	if (r < 0) {
		fprintf(stderr, "vigil-policy-diff: %s: %s\n", path, strerror(-r));
		return r;
	}
	binary =
	    o->kind == INPUT_BINARY || (o->kind == INPUT_DETECT && pd_looks_binary(data, size));
	if (!binary) {
		r = pd_compile_text(path, (const char *)data, o->features, o->include_dirs,
				    o->n_include_dirs, stderr, &compiled, &compiled_size);
		free(data);
		if (r < 0) {
			fprintf(stderr, "vigil-policy-diff: %s: does not compile\n", path);
			return r;
		}
		data = compiled;
		size = compiled_size;
	}
	r = pd_decode(data, size, ret, err, sizeof(err));
	free(data);
	if (r == -ENOMEM)
		fprintf(stderr, "vigil-policy-diff: %s: out of memory\n", path);
	else if (r < 0)
		fprintf(stderr, "vigil-policy-diff: %s: not a valid compiled policy: %s\n", path,
			err);
	return r;
}

static int parse_options(int argc, char **argv, Options *o)
{
	static const struct option long_options[] = {
	    {"text", no_argument, NULL, 't'},
	    {"binary", no_argument, NULL, 'b'},
	    {"features", required_argument, NULL, 'M'},
	    {"include", required_argument, NULL, 'I'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {},
	};
	int c;

	while ((c = getopt_long(argc, argv, "tbM:I:qh", long_options, NULL)) != -1) {
		switch (c) {
		case 't':
			o->kind = INPUT_TEXT;
			break;
		case 'b':
			o->kind = INPUT_BINARY;
			break;
		case 'M':
			o->features = optarg;
			break;
		case 'I':
			if (o->n_include_dirs >= MAX_INCLUDE_DIRS) {
				fprintf(stderr, "vigil-policy-diff: too many -I directories\n");
				return -EINVAL;
			}
			o->include_dirs[o->n_include_dirs++] = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(EXIT_EQUIVALENT);
		default:
			fprintf(stderr, "Try 'vigil-policy-diff --help'.\n");
			return -EINVAL;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "vigil-policy-diff: expected two policies, A and B\n"
				"Try 'vigil-policy-diff --help'.\n");
		return -EINVAL;
	}
	if (o->n_include_dirs == 0)
		o->include_dirs[o->n_include_dirs++] = "/etc/apparmor.d";
	return 0;
}

int main(int argc, char **argv)
{
	Options o = {};
	PdPolicy a = {}, b = {};
	PdDiffOptions diff_options;
	int r;

	if (parse_options(argc, argv, &o) < 0)
		return EXIT_TROUBLE;
	if (load_side(&o, argv[optind], &a) < 0)
		return EXIT_TROUBLE;
	if (load_side(&o, argv[optind + 1], &b) < 0) {
		pd_policy_done(&a);
		return EXIT_TROUBLE;
	}
	diff_options =
	    (PdDiffOptions){.label_a = argv[optind], .label_b = argv[optind + 1], .quiet = o.quiet};
	r = pd_diff(&a, &b, &diff_options, stdout);
	pd_policy_done(&a);
	pd_policy_done(&b);
	if (r < 0) {
		fprintf(stderr, "vigil-policy-diff: %s\n", strerror(-r));
		return EXIT_TROUBLE;
	}
	return r ? EXIT_DIFFERENT : EXIT_EQUIVALENT;
}
