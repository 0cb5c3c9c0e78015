/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_CACHE_H
#define VIGIL_PARSER_CACHE_H

#include <stdint.h>
#include <stdio.h>

#include "parser/features.h"

/* MurmurHash3, x86 32-bit variant: names the cache directory (ABI doc §6). */
uint32_t murmur3_32(const void *data, size_t len, uint32_t seed);

/* The cache directory for these features under loc: "<loc>/<hash>.<n>". */
int cache_dir_path(const struct features *f, const char *loc, char *buf, size_t size);
int cache_print_dir(const struct features *f, const char *loc, FILE *out);
/* Remove the cached policy files of the matching cache directory. */
int cache_purge(const struct features *f, const char *loc);

#endif
