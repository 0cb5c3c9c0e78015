/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_CACHE_H
#define VIGIL_PARSER_CACHE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "parser/features.h"

#define CACHE_PATH_MAX 4096
/* cached streams larger than this are not read back (bounded memory) */
#define CACHE_MAX_FILE (256L * 1024 * 1024)
/* at most this many feature sets share one hash before we give up */
#define CACHE_MAX_COLLISIONS 64u

/* MurmurHash3, x86 32-bit variant: names the cache directory (ABI doc §6). */
uint32_t murmur3_32(const void *data, size_t len, uint32_t seed);

/* The first candidate directory for these features under loc: "<loc>/<hash>.0". */
int cache_dir_path(const struct features *f, const char *loc, char *buf, size_t size);
/*
 * The cache directory of these features under loc, following the ".n"
 * collision rule, into buf. With create, it and its .features are made if
 * needed; without, CACHE_DIR_ABSENT says buf names one not made yet.
 */
#define CACHE_DIR_ABSENT 1
int cache_dir_find(const struct features *f, const char *loc, bool create, char *buf, size_t size);
int cache_print_dir(const struct features *f, const char *loc, FILE *out);
/* Remove the matching cache directory and the cached policy in it. */
int cache_purge(const struct features *f, const char *loc);

/* "<dir>/<basename of source_path>" */
int cache_file_path(const char *dir, const char *source_path, char *buf, size_t size);

/*
 * Read a cached stream into a malloc'd buffer. -ESTALE if a source is
 * newer than it (newest_source NULL skips that check), -EBADMSG if it is
 * not a whole stream of this version, -ENOENT if there is none.
 */
int cache_read(const char *path, const struct timespec *newest_source, uint32_t version,
	       uint8_t **ret, size_t *ret_size);
/*
 * Write a file through a temporary next to it and rename(), so readers see
 * the old file or the whole new one (cache files, .features, -o); mtime
 * may be NULL.
 */
int write_file_atomic(const char *path, const uint8_t *data, size_t size, mode_t mode,
		      const struct timespec *mtime);
/* The version word the compiler puts at the head of each record for f. */
uint32_t cache_version_word(const struct features *f);

#endif
