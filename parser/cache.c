// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parser/cache.h"

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

int cache_dir_path(const struct features *f, const char *loc, char *buf, size_t size)
{
	const char *flat = f && f->flattened ? f->flattened : "";
	uint32_t h = murmur3_32(flat, strlen(flat), CACHE_HASH_SEED);
	int n = snprintf(buf, size, "%s/%08x.0", loc, h);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

int cache_print_dir(const struct features *f, const char *loc, FILE *out)
{
	char path[4096];
	int r = cache_dir_path(f, loc, path, sizeof(path));

	if (r < 0)
		return r;
	fprintf(out, "%s\n", path);
	return 0;
}

int cache_purge(const struct features *f, const char *loc)
{
	char path[4096];
	DIR *d;
	struct dirent *de;
	int r = cache_dir_path(f, loc, path, sizeof(path));

	if (r < 0)
		return r;
	d = opendir(path);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		char file[4096 + 256];

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
