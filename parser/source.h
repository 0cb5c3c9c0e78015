/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_SOURCE_H
#define VIGIL_PARSER_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "parser/arena.h"

/* One policy file (or stdin) read into memory, NUL-terminated. */
struct source {
	const char *name; /* as shown in diagnostics */
	const char *path; /* canonical key for the cache; NULL for stdin */
	const char *data;
	size_t len;
	struct timespec mtime;
	struct source *next;
	struct source *hash_next;
};

#define SOURCE_HASH_SIZE 1024

/* A remembered include lookup: the same abstraction is named thousands of times. */
struct resolved_include {
	const char *name;
	bool magic;
	int error; /* negative errno, or 0 */
	char *path;
	bool is_dir;
	struct resolved_include *hash_next;
};

/* A position in a source, plus the include directive that brought it in. */
struct loc {
	const struct source *src;
	const struct loc *included_from;
	unsigned line, col;
};

/*
 * Files are read once and kept for the whole run: abstractions are
 * included by most profiles, and diagnostics need the text to quote.
 */
struct source_cache {
	struct arena *arena;
	struct source *head;
	const char *const *include_dirs; /* -I, in search order */
	size_t n_include_dirs;
	const char *base_dir; /* -b; relative "quoted" includes start here */
	/*
	 * The newest mtime among the files read or reused since
	 * source_track_reset(): what a cached compile of one profile file
	 * must not be older than.
	 */
	struct timespec newest_mtime;
	struct source *by_path[SOURCE_HASH_SIZE];
	struct resolved_include *resolved[SOURCE_HASH_SIZE];
};

/* Input larger than this is refused rather than read (bounded memory). */
#define SOURCE_MAX_SIZE (64u * 1024 * 1024)

/* Start tracking the newest mtime afresh (before each profile file). */
void source_track_reset(struct source_cache *c);

int source_load_file(struct source_cache *c, const char *path, struct source **ret);
int source_from_memory(struct source_cache *c, const char *name, const char *data, size_t len,
		       struct source **ret);
int source_load_stdin(struct source_cache *c, struct source **ret);

/*
 * Resolve an include target to a path on disk. Magic (<...>) names are
 * searched along the include dirs; quoted relative names relative to the
 * base dir. Returns -ENOENT when nothing is found.
 */
int source_resolve_include(struct source_cache *c, const char *name, bool magic, char **ret);
/* As above, memoised, and also telling whether the target is a directory. */
int source_resolve_include_cached(struct source_cache *c, const char *name, bool magic, char **ret,
				  bool *is_dir);

/*
 * Files in an included directory that apparmor_parser leaves out: package
 * manager leftovers silently (SOURCE_SKIP_SILENT), editor and patch
 * leftovers with an "Ignoring: 'path'" note (SOURCE_SKIP_NOTE).
 */
enum source_dir_skip { SOURCE_DIR_USE, SOURCE_SKIP_SILENT, SOURCE_SKIP_NOTE };
enum source_dir_skip source_dir_entry_skip(const char *name);

#endif
