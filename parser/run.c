// SPDX-License-Identifier: GPL-2.0-only
/*
 * One apparmor_parser run over its files: each is parsed and checked, then
 * compiled to stdout (-S), a file (-o), the kernel (-a, -r) and the cache
 * (-W), or removed (-R); precompiled policy (-B, a fresh cache file) is
 * loaded as it is.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parser/cache.h"
#include "parser/emit.h"
#include "parser/preprocess.h"
#include "parser/run.h"

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
		r = write_file_atomic(file, b->data, b->size, 0600, &run->fe->sources.newest_mtime);
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

int run_files(struct run *run, int argc, char **argv)
{
	const struct options *o = run->o;
	int r, rc = EXIT_OK;

	if (optind >= argc)
		rc = process_path(run, NULL);
	for (int i = optind; i < argc; i++)
		rc = combine_exit_codes(rc, process_path(run, argv[i]));
	/* with -o, nothing is written unless every file compiled */
	if (rc == EXIT_OK && o->output_file) {
		/* a temporary file next to the target, renamed over it when complete */
		r = write_file_atomic(o->output_file, compiled.data, compiled.size, 0644, NULL);
		if (r < 0) {
			fprintf(stderr, "%s: writing %s: %s\n", run->argv0, o->output_file,
				strerror(-r));
			rc = EXIT_ERROR;
		}
	}
	return rc;
}

void run_release(void)
{
	emit_buffer_release(&compiled);
}
