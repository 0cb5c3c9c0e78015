// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading policy into the kernel through securityfs. Each request is one
 * write() of the whole buffer: the kernel parses a write as one unit, and a
 * partial write would hand it a truncated stream.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <mntent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parser/load.h"

int kernel_iface_find(const char *mounts_path, char *buf, size_t size)
{
	FILE *f = setmntent(mounts_path, "re");
	struct mntent *m;
	int r = -ENOENT;

	if (!f)
		return -errno;
	while ((m = getmntent(f))) {
		struct stat st;
		int n;

		if (strcmp(m->mnt_type, "securityfs") != 0)
			continue;
		n = snprintf(buf, size, "%s/apparmor", m->mnt_dir);
		if (n < 0 || (size_t)n >= size) {
			r = -ENAMETOOLONG;
			continue;
		}
		if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) {
			r = 0;
			break;
		}
	}
	endmntent(f);
	return r;
}

int kernel_iface_open(struct kernel_iface *k, const char *dir)
{
	k->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return k->dirfd < 0 ? -errno : 0;
}

void kernel_iface_close(struct kernel_iface *k)
{
	if (k->dirfd >= 0)
		close(k->dirfd);
	k->dirfd = -1;
}

static int write_request(const struct kernel_iface *k, const char *file, const void *data,
			 size_t size)
{
	int fd = openat(k->dirfd, file, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int r = 0;

	if (fd < 0)
		return -errno;
	do
		n = write(fd, data, size);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		r = -errno;
	else if ((size_t)n != size)
		/* the kernel takes a request whole or not at all */
		r = -EPROTO;
	close(fd);
	return r;
}

int kernel_load_stream(const struct kernel_iface *k, enum load_op op, const uint8_t *data,
		       size_t size)
{
	if (op == LOAD_REMOVE)
		return -EINVAL;
	return write_request(k, op == LOAD_ADD ? ".load" : ".replace", data, size);
}

int kernel_remove_profile(const struct kernel_iface *k, const char *name)
{
	return write_request(k, ".remove", name, strlen(name) + 1);
}

void load_print_error(FILE *out, int err)
{
	switch (err) {
	case -ESPIPE:
		fputs("Bad write position\n", out);
		break;
	case -EPERM:
		fputs("Permission denied\n", out);
		break;
	case -ENOMEM:
		fputs("Out of memory\n", out);
		break;
	case -EFAULT:
		fputs("Couldn't copy profile: Bad memory address\n", out);
		break;
	case -EPROTO:
		fputs("Profile doesn't conform to protocol\n", out);
		break;
	case -EBADMSG:
		fputs("Profile does not match signature\n", out);
		break;
	case -EPROTONOSUPPORT:
		fputs("Profile version not supported by Apparmor module\n", out);
		break;
	case -EEXIST:
		fputs("Profile already exists\n", out);
		break;
	case -ENOENT:
		fputs("Profile doesn't exist\n", out);
		break;
	case -EACCES:
		fputs("Permission denied; attempted to load a profile while confined?\n", out);
		break;
	default:
		fprintf(out, "Unknown error (%d): %s\n", -err, strerror(-err));
		break;
	}
}

const char *load_op_verb(enum load_op op)
{
	return op == LOAD_ADD ? "add" : op == LOAD_REPLACE ? "replace" : "remove";
}

const char *load_op_noun(enum load_op op)
{
	return op == LOAD_ADD ? "Addition" : op == LOAD_REPLACE ? "Replacement" : "Removal";
}
