// SPDX-License-Identifier: GPL-2.0-only
/*
 * apparmor_parser 3.0.8's policy cache (ABI spec §6): one directory per
 * kernel feature set, "<loc>/<murmur3 of the flattened features>.<n>",
 * holding ".features" and, per source file, the stream that file compiles
 * to, named after the file's basename.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parser/cache.h"
#include "parser/stream_check.h"

#define CACHE_HASH_SEED 5381u

static uint32_t rotl32(uint32_t x, int r)
{
	return (x << r) | (x >> (32 - r));
}

uint32_t murmur3_32(const void *data, size_t len, uint32_t seed)
{
	const uint8_t *p = data;
	const uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
	size_t nblocks = len / 4;
	uint32_t h = seed, k = 0;

	for (size_t i = 0; i < nblocks; i++) {
		uint32_t b;

		/* the hash is defined on little-endian words */
		b = (uint32_t)p[i * 4] | (uint32_t)p[i * 4 + 1] << 8 |
		    (uint32_t)p[i * 4 + 2] << 16 | (uint32_t)p[i * 4 + 3] << 24;
		b *= c1;
		b = rotl32(b, 15);
		b *= c2;
		h ^= b;
		h = rotl32(h, 13);
		h = h * 5 + 0xe6546b64;
	}
	p += nblocks * 4;
	switch (len & 3) {
	case 3:
		k ^= (uint32_t)p[2] << 16;
		/* fall through */
	case 2:
		k ^= (uint32_t)p[1] << 8;
		/* fall through */
	case 1:
		k ^= p[0];
		k *= c1;
		k = rotl32(k, 15);
		k *= c2;
		h ^= k;
		break;
	default:
		break;
	}
	h ^= (uint32_t)len;
	h ^= h >> 16;
	h *= 0x85ebca6b;
	h ^= h >> 13;
	h *= 0xc2b2ae35;
	h ^= h >> 16;
	return h;
}

static const char *flattened(const struct features *f)
{
	return f && f->flattened ? f->flattened : "";
}

static int dir_name(const struct features *f, const char *loc, unsigned n, char *buf, size_t size)
{
	const char *flat = flattened(f);
	uint32_t h = murmur3_32(flat, strlen(flat), CACHE_HASH_SEED);
	int len = snprintf(buf, size, "%s/%08x.%u", loc, h, n);

	return len < 0 || (size_t)len >= size ? -ENAMETOOLONG : 0;
}

int cache_dir_path(const struct features *f, const char *loc, char *buf, size_t size)
{
	return dir_name(f, loc, 0, buf, size);
}

/* Read a whole small file into a malloc'd, NUL-terminated buffer. */
static int read_file(const char *path, char **ret, size_t *ret_size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf;
	size_t got = 0;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > CACHE_MAX_FILE) {
		int r = S_ISREG(st.st_mode) ? -EFBIG : -EINVAL;

		close(fd);
		return r;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*ret = buf;
	*ret_size = got;
	return 0;
}

/* 1: dir/.features is this feature set; 0: it is another; -ENOENT: there is none. */
static int features_match(const char *dir, const struct features *f)
{
	char path[CACHE_PATH_MAX];
	char *text;
	size_t size;
	int r;

	if (snprintf(path, sizeof(path), "%s/.features", dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	r = read_file(path, &text, &size);
	if (r < 0)
		return r;
	r = size == strlen(flattened(f)) && memcmp(text, flattened(f), size) == 0;
	free(text);
	return r;
}

static int write_features(const char *dir, const struct features *f)
{
	char path[CACHE_PATH_MAX];
	const char *flat = flattened(f);

	if (snprintf(path, sizeof(path), "%s/.features", dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	return write_file_atomic(path, (const uint8_t *)flat, strlen(flat), 0644, NULL);
}

/* Is there a directory at path? */
static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The directory of this feature set: ".0" unless another feature set with
 * the same hash holds it, then the first ".n" whose .features matches (or
 * that has none), else a new one past the highest n.
 */
int cache_dir_find(const struct features *f, const char *loc, bool create, char *buf, size_t size)
{
	unsigned n;
	int r;

	for (n = 0; n < CACHE_MAX_COLLISIONS; n++) {
		r = dir_name(f, loc, n, buf, size);
		if (r < 0)
			return r;
		if (!is_dir(buf))
			break;
		r = features_match(buf, f);
		if (r == 1)
			return 0;
		if (r == -ENOENT) {
			/* a directory without .features is adopted */
			return create ? write_features(buf, f) : 0;
		}
	}
	if (n == CACHE_MAX_COLLISIONS)
		return -EEXIST;
	if (!create)
		return CACHE_DIR_ABSENT;
	if (mkdir(loc, 0700) < 0 && errno != EEXIST)
		return -errno;
	if (mkdir(buf, 0700) < 0 && errno != EEXIST)
		return -errno;
	return write_features(buf, f);
}

int cache_print_dir(const struct features *f, const char *loc, FILE *out)
{
	char path[CACHE_PATH_MAX];
	int r = cache_dir_find(f, loc, false, path, sizeof(path));

	if (r < 0)
		return r;
	fprintf(out, "%s\n", path);
	return 0;
}

int cache_purge(const struct features *f, const char *loc)
{
	char path[CACHE_PATH_MAX];
	DIR *d;
	struct dirent *de;
	int r = cache_dir_find(f, loc, false, path, sizeof(path));

	if (r == CACHE_DIR_ABSENT)
		return 0;
	if (r < 0)
		return r;
	d = opendir(path);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		char file[CACHE_PATH_MAX + 256];

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(file, sizeof(file), "%s/%s", path, de->d_name);
		if (unlink(file) < 0 && errno != ENOENT)
			r = -errno;
	}
	closedir(d);
	if (rmdir(path) < 0 && errno != ENOENT && r == 0)
		r = -errno;
	return r;
}

int cache_file_path(const char *dir, const char *source_path, char *buf, size_t size)
{
	const char *base = strrchr(source_path, '/');
	int n;

	base = base ? base + 1 : source_path;
	if (!*base)
		return -EINVAL;
	n = snprintf(buf, size, "%s/%s", dir, base);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static bool newer(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

int cache_read(const char *path, const struct timespec *newest_source, uint32_t version,
	       uint8_t **ret, size_t *ret_size)
{
	struct stat st;
	char *data;
	size_t size;
	int r;

	if (stat(path, &st) < 0)
		return -errno;
	if (newest_source && newer(newest_source, &st.st_mtim))
		return -ESTALE;
	r = read_file(path, &data, &size);
	if (r < 0)
		return r;
	r = stream_check((const uint8_t *)data, size, version);
	if (r < 0) {
		free(data);
		return r;
	}
	*ret = (uint8_t *)data;
	*ret_size = size;
	return 0;
}

int write_file_atomic(const char *path, const uint8_t *data, size_t size, mode_t mode,
		      const struct timespec *mtime)
{
	char tmp[CACHE_PATH_MAX + 8];
	size_t done = 0;
	int fd, r = 0;

	if (snprintf(tmp, sizeof(tmp), "%s-XXXXXX", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (done < size && r == 0) {
		ssize_t n = write(fd, data + done, size - done);

		if (n < 0 && errno != EINTR)
			r = -errno;
		else if (n > 0)
			done += (size_t)n;
	}
	if (r == 0 && fchmod(fd, mode) < 0)
		r = -errno;
	/* the file is only renamed into place once its bytes are on disk */
	if (r == 0 && fsync(fd) < 0)
		r = -errno;
	if (r == 0 && mtime) {
		/* stamped with the newest source, so an edit made meanwhile shows as newer */
		const struct timespec times[2] = {{.tv_nsec = UTIME_OMIT}, *mtime};

		if (futimens(fd, times) < 0)
			r = -errno;
	}
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		(void)unlink(tmp);
	return r;
}

uint32_t cache_version_word(const struct features *f)
{
	/* the word a compiled record starts with (ABI spec §1.4) */
	if (features_has(f, "policy/versions/v7"))
		return 0x00202007u;
	if (features_has(f, "policy/versions/v6"))
		return 0x00202006u;
	return 5u;
}
