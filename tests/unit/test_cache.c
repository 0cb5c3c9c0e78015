// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy cache: directory names as apparmor_parser 3.0.8 computes them
 * (hashes taken from its --print-cache-dir), the ".n" rule for feature
 * sets sharing a hash, freshness against the newest source, and refusing
 * cached streams that are cut short.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "parser/cache.h"
#include "parser/stream_check.h"

/* "policy {set_load {yes\n}\nversions {v7 {yes\n}\n}\n}\n": 6d481213 per apparmor_parser */
static const char small_features[] = "policy {set_load {yes\n}\nversions {v7 {yes\n}\n}\n}\n";

struct fixture {
	char loc[64];
	struct arena arena;
	struct features features;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	strcpy(fx->loc, "/tmp/vigil-cache-XXXXXX");
	assert_non_null(mkdtemp(fx->loc));
	arena_init(&fx->arena);
	assert_int_equal(features_parse_flat(&fx->arena, small_features, &fx->features), 0);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->loc);
	assert_int_equal(system(cmd), 0);
	arena_release(&fx->arena);
	free(fx);
	return 0;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void read_text(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void dir_is_named_by_feature_hash(void **state)
{
	struct fixture *fx = *state;
	char path[CACHE_PATH_MAX], expect[256], text[256];

	snprintf(expect, sizeof(expect), "%s/6d481213.0", fx->loc);
	/* nothing there yet: the name is known, the directory is not made */
	assert_int_equal(cache_dir_find(&fx->features, fx->loc, false, path, sizeof(path)),
			 CACHE_DIR_ABSENT);
	assert_string_equal(path, expect);
	assert_int_equal(cache_dir_find(&fx->features, fx->loc, true, path, sizeof(path)), 0);
	assert_string_equal(path, expect);
	snprintf(path, sizeof(path), "%s/.features", expect);
	read_text(path, text, sizeof(text));
	assert_string_equal(text, small_features);
	assert_int_equal(cache_dir_find(&fx->features, fx->loc, false, path, sizeof(path)), 0);
	assert_string_equal(path, expect);
}

/* Another feature set with the same hash keeps ".0": ours moves to ".1". */
static void colliding_features_take_the_next_number(void **state)
{
	struct fixture *fx = *state;
	char path[CACHE_PATH_MAX], other[CACHE_PATH_MAX];

	snprintf(other, sizeof(other), "%s/6d481213.0", fx->loc);
	assert_int_equal(mkdir(other, 0700), 0);
	strcat(other, "/.features");
	write_text(other, "other {yes\n}\n");
	assert_int_equal(cache_dir_find(&fx->features, fx->loc, false, path, sizeof(path)),
			 CACHE_DIR_ABSENT);
	assert_true(strstr(path, "/6d481213.1") != NULL);
	assert_int_equal(cache_dir_find(&fx->features, fx->loc, true, path, sizeof(path)), 0);
	assert_true(strstr(path, "/6d481213.1") != NULL);
	/* and the other set still finds its own */
	read_text(other, path, sizeof(path));
	assert_string_equal(path, "other {yes\n}\n");
}

/* A directory without .features is adopted, as apparmor_parser does. */
static void directory_without_features_is_adopted(void **state)
{
	struct fixture *fx = *state;
	char path[CACHE_PATH_MAX], dir[CACHE_PATH_MAX];

	snprintf(dir, sizeof(dir), "%s/6d481213.0", fx->loc);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(cache_dir_find(&fx->features, fx->loc, true, path, sizeof(path)), 0);
	assert_string_equal(path, dir);
	strcat(dir, "/.features");
	assert_int_equal(access(dir, F_OK), 0);
}

/* The smallest whole stream: version header, an empty profile struct. */
static const uint8_t stream[] = {4,   8,    0, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0,   2,
				 7,   0x20, 0, 0,   4,	 8,   0,   'p', 'r', 'o', 'f', 'i',
				 'l', 'e',  0, 7,   5,	 2,   0,   'x', 0,   8};

static void cache_file_is_fresh_until_a_source_is_newer(void **state)
{
	struct fixture *fx = *state;
	char file[CACHE_PATH_MAX];
	struct timespec stamp = {.tv_sec = 1700000000, .tv_nsec = 500}, later = stamp;
	struct stat st;
	uint8_t *data;
	size_t size;

	assert_int_equal(cache_file_path(fx->loc, "/etc/apparmor.d/usr.bin.x", file, sizeof(file)),
			 0);
	assert_true(strstr(file, "/usr.bin.x") != NULL);
	assert_int_equal(write_file_atomic(file, stream, sizeof(stream), 0600, &stamp), 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_mtim.tv_sec, stamp.tv_sec);
	assert_int_equal(st.st_mtim.tv_nsec, stamp.tv_nsec);

	/* a source as old as the cache is fine */
	assert_int_equal(cache_read(file, &stamp, 0x00002007, &data, &size), 0);
	assert_int_equal(size, sizeof(stream));
	assert_memory_equal(data, stream, size);
	free(data);
	/* one nanosecond newer is stale */
	later.tv_nsec++;
	assert_int_equal(cache_read(file, &later, 0x00002007, &data, &size), -ESTALE);
	/* another version word (other features, other ABI) is not used */
	assert_int_equal(cache_read(file, &stamp, 0x00202007, &data, &size), -EBADMSG);
	snprintf(file, sizeof(file), "%s/missing", fx->loc);
	assert_int_equal(cache_read(file, &stamp, 0x00002007, &data, &size), -ENOENT);
}

static void cut_streams_are_refused(void **state)
{
	(void)state;
	assert_int_equal(stream_check(stream, sizeof(stream), 0x00002007), 0);
	for (size_t n = 0; n < sizeof(stream); n++)
		assert_int_equal(stream_check(stream, n, 0x00002007), -EBADMSG);
}

static void cut_cache_file_is_not_loaded(void **state)
{
	struct fixture *fx = *state;
	char file[CACHE_PATH_MAX];
	uint8_t *data;
	size_t size;

	snprintf(file, sizeof(file), "%s/cut", fx->loc);
	assert_int_equal(write_file_atomic(file, stream, sizeof(stream) - 3, 0600, NULL), 0);
	assert_int_equal(cache_read(file, NULL, 0x00002007, &data, &size), -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(dir_is_named_by_feature_hash, setup, teardown),
	    cmocka_unit_test_setup_teardown(colliding_features_take_the_next_number, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(directory_without_features_is_adopted, setup, teardown),
	    cmocka_unit_test_setup_teardown(cache_file_is_fresh_until_a_source_is_newer, setup,
					    teardown),
	    cmocka_unit_test(cut_streams_are_refused),
	    cmocka_unit_test_setup_teardown(cut_cache_file_is_not_loaded, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
