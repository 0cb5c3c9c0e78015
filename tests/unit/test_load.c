// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel interface without a kernel: the apparmor directory found
 * from a mounts table, requests written whole to the right file of a
 * directory standing in for securityfs, each in a single write() however
 * large, and apparmor_parser 3.0.8's explanation of each errno.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <cmocka.h>

#include "parser/load.h"

/*
 * write() is wrapped at link time (-Wl,--wrap=write) so that the tests see
 * every call the loader makes: the kernel parses each write() as a whole
 * load set, so how a stream is split is part of the behaviour. A test can
 * also make the stand-in kernel take fewer bytes than offered.
 */
ssize_t __real_write(int fd, const void *buf, size_t count);
ssize_t __wrap_write(int fd, const void *buf, size_t count);

static unsigned int write_calls;
static size_t last_write_size;
static size_t write_limit = SIZE_MAX;

ssize_t __wrap_write(int fd, const void *buf, size_t count)
{
	write_calls++;
	last_write_size = count;
	return __real_write(fd, buf, count < write_limit ? count : write_limit);
}

struct fixture {
	char dir[64];
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	strcpy(fx->dir, "/tmp/vigil-load-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
	assert_int_equal(system(cmd), 0);
	free(fx);
	return 0;
}

static void write_text(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static size_t file_size(const char *dir, const char *name)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_int_equal(stat(path, &st), 0);
	return (size_t)st.st_size;
}

/* The first securityfs mount that has an apparmor directory wins. */
static void finds_apparmor_under_securityfs(void **state)
{
	struct fixture *fx = *state;
	char mounts[128], text[512], found[256], expect[256];

	snprintf(mounts, sizeof(mounts), "%s/mounts", fx->dir);
	snprintf(expect, sizeof(expect), "%s/sec/apparmor", fx->dir);
	snprintf(text, sizeof(text),
		 "proc /proc proc rw 0 0\n"
		 "securityfs %s/empty securityfs rw 0 0\n"
		 "none %s/sec tmpfs rw 0 0\n"
		 "securityfs %s/sec securityfs rw 0 0\n",
		 fx->dir, fx->dir, fx->dir);
	write_text(fx->dir, "mounts", text);
	/* no apparmor directory yet anywhere */
	assert_int_equal(kernel_iface_find(mounts, found, sizeof(found)), -ENOENT);
	snprintf(text, sizeof(text), "%s/sec", fx->dir);
	assert_int_equal(mkdir(text, 0755), 0);
	assert_int_equal(mkdir(expect, 0755), 0);
	assert_int_equal(kernel_iface_find(mounts, found, sizeof(found)), 0);
	assert_string_equal(found, expect);
	write_text(fx->dir, "mounts", "proc /proc proc rw 0 0\n");
	assert_int_equal(kernel_iface_find(mounts, found, sizeof(found)), -ENOENT);
}

static void requests_go_whole_to_their_file(void **state)
{
	struct fixture *fx = *state;
	static const uint8_t stream[3000] = {4, 8, 0};
	struct kernel_iface k;
	char path[256];

	write_text(fx->dir, ".load", "");
	write_text(fx->dir, ".replace", "");
	write_text(fx->dir, ".remove", "");
	assert_int_equal(kernel_iface_open(&k, fx->dir), 0);
	assert_int_equal(kernel_load_stream(&k, LOAD_ADD, stream, sizeof(stream)), 0);
	assert_int_equal(file_size(fx->dir, ".load"), sizeof(stream));
	assert_int_equal(file_size(fx->dir, ".replace"), 0);
	assert_int_equal(kernel_load_stream(&k, LOAD_REPLACE, stream, 100), 0);
	assert_int_equal(file_size(fx->dir, ".replace"), 100);
	/* a name goes with its NUL */
	assert_int_equal(kernel_remove_profile(&k, "foo"), 0);
	assert_int_equal(file_size(fx->dir, ".remove"), 4);
	assert_int_equal(kernel_load_stream(&k, LOAD_REMOVE, stream, 1), -EINVAL);
	/* no interface file: the errno the open gave */
	snprintf(path, sizeof(path), "%s/.load", fx->dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(kernel_load_stream(&k, LOAD_ADD, stream, 1), -ENOENT);
	kernel_iface_close(&k);
	assert_int_equal(kernel_iface_open(&k, "/nonexistent/apparmor"), -ENOENT);
}

/*
 * A load set larger than a pipe buffer (64 KiB; Debian's largest profile
 * files compile to 70-260 KiB) still goes to the kernel as one write():
 * the kernel only accepts a write at offset 0, so a stream handed over in
 * pieces arrives as its first piece alone, cut off mid-profile.
 */
static void a_large_stream_goes_in_one_write(void **state)
{
	struct fixture *fx = *state;
	const size_t size = 256 * 1024 + 7;
	uint8_t *stream = calloc(1, size);
	struct kernel_iface k;

	assert_non_null(stream);
	write_text(fx->dir, ".replace", "");
	assert_int_equal(kernel_iface_open(&k, fx->dir), 0);
	write_calls = 0;
	assert_int_equal(kernel_load_stream(&k, LOAD_REPLACE, stream, size), 0);
	assert_int_equal(write_calls, 1);
	assert_int_equal(last_write_size, size);
	assert_int_equal(file_size(fx->dir, ".replace"), size);

	/*
	 * A kernel that took only part has parsed that part as the whole
	 * set: an error, never a cue to write the rest as another request.
	 */
	write_text(fx->dir, ".replace", "");
	write_calls = 0;
	write_limit = 64 * 1024;
	assert_int_equal(kernel_load_stream(&k, LOAD_REPLACE, stream, size), -EPROTO);
	write_limit = SIZE_MAX;
	assert_int_equal(write_calls, 1);
	kernel_iface_close(&k);
	free(stream);
}

static void explains_errors_as_apparmor_parser(void **state)
{
	static const struct {
		int err;
		const char *text;
	} cases[] = {
	    {-EEXIST, "Profile already exists\n"},
	    {-ENOENT, "Profile doesn't exist\n"},
	    {-EACCES, "Permission denied; attempted to load a profile while confined?\n"},
	    {-EPERM, "Permission denied\n"},
	    {-EPROTO, "Profile doesn't conform to protocol\n"},
	    {-EPROTONOSUPPORT, "Profile version not supported by Apparmor module\n"},
	    {-ENOSPC, "Unknown error (28): No space left on device\n"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&text, &len);

		assert_non_null(out);
		load_print_error(out, cases[i].err);
		fclose(out);
		assert_string_equal(text, cases[i].text);
		free(text);
	}
	assert_string_equal(load_op_verb(LOAD_ADD), "add");
	assert_string_equal(load_op_noun(LOAD_REPLACE), "Replacement");
	assert_string_equal(load_op_noun(LOAD_REMOVE), "Removal");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(finds_apparmor_under_securityfs, setup, teardown),
	    cmocka_unit_test_setup_teardown(requests_go_whole_to_their_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_large_stream_goes_in_one_write, setup, teardown),
	    cmocka_unit_test(explains_errors_as_apparmor_parser),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
