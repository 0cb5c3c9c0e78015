// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parser/source.h"

static unsigned hash_string(const char *s, bool extra)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return (h ^ extra) % SOURCE_HASH_SIZE;
}

static struct source *source_lookup(struct source_cache *c, const char *path)
{
	for (struct source *s = c->by_path[hash_string(path, false)]; s; s = s->hash_next)
		if (s->path && strcmp(s->path, path) == 0)
			return s;
	return NULL;
}

void source_track_reset(struct source_cache *c)
{
	c->newest_mtime = (struct timespec){};
}

static void source_track(struct source_cache *c, const struct source *s)
{
	const struct timespec *m = &s->mtime, *n = &c->newest_mtime;

	if (m->tv_sec > n->tv_sec || (m->tv_sec == n->tv_sec && m->tv_nsec > n->tv_nsec))
		c->newest_mtime = *m;
}

static struct source *source_add(struct source_cache *c, const char *name, const char *path,
				 char *data, size_t len, struct timespec mtime)
{
	struct source *s = arena_new(c->arena, struct source);

	s->name = arena_strdup(c->arena, name);
	s->path = path ? arena_strdup(c->arena, path) : NULL;
	s->data = data;
	s->len = len;
	s->mtime = mtime;
	s->next = c->head;
	c->head = s;
	if (s->path) {
		unsigned h = hash_string(s->path, false);

		s->hash_next = c->by_path[h];
		c->by_path[h] = s;
	}
	source_track(c, s);
	return s;
}

/* Read all of fd into arena memory, refusing absurdly large inputs. */
static int read_all(struct source_cache *c, int fd, char **ret, size_t *ret_len)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	char *copy;

	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			char *bigger;

			if (cap >= SOURCE_MAX_SIZE) {
				free(buf);
				return -EFBIG;
			}
			cap *= 2;
			bigger = realloc(buf, cap);
			if (!bigger) {
				free(buf);
				return -ENOMEM;
			}
			buf = bigger;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return -errno;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	copy = arena_strndup(c->arena, buf, len);
	free(buf);
	*ret = copy;
	*ret_len = len;
	return 0;
}

int source_load_file(struct source_cache *c, const char *path, struct source **ret)
{
	struct source *s = source_lookup(c, path);
	struct stat st;
	char *data;
	size_t len;
	int fd, r;

	if (s) {
		source_track(c, s);
		*ret = s;
		return 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		r = -errno;
		close(fd);
		return r;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return -EISDIR;
	}
	/*
	 * Pipes and character devices are read as apparmor_parser reads them
	 * ("-p <(...)", /dev/stdin, /dev/null): read_all bounds what an
	 * endless one costs. Block devices and the like are not policy.
	 */
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	r = read_all(c, fd, &data, &len);
	close(fd);
	if (r < 0)
		return r;
	*ret = source_add(c, path, path, data, len, st.st_mtim);
	return 0;
}

int source_from_memory(struct source_cache *c, const char *name, const char *data, size_t len,
		       struct source **ret)
{
	*ret =
	    source_add(c, name, NULL, arena_strndup(c->arena, data, len), len, (struct timespec){});
	return 0;
}

int source_load_stdin(struct source_cache *c, struct source **ret)
{
	char *data;
	size_t len;
	int r = read_all(c, STDIN_FILENO, &data, &len);

	if (r < 0)
		return r;
	*ret = source_add(c, "stdin", NULL, data, len, (struct timespec){});
	return 0;
}

static bool path_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

int source_resolve_include(struct source_cache *c, const char *name, bool magic, char **ret)
{
	/* <...> names are always searched for, even when they look absolute. */
	if (name[0] == '/' && !magic) {
		if (!path_exists(name))
			return -ENOENT;
		*ret = arena_strdup(c->arena, name);
		return 0;
	}
	if (magic) {
		for (size_t i = 0; i < c->n_include_dirs; i++) {
			char *p = arena_printf(c->arena, "%s/%s", c->include_dirs[i], name);

			if (path_exists(p)) {
				*ret = p;
				return 0;
			}
		}
		return -ENOENT;
	}
	/* A quoted relative name is taken relative to the current directory. */
	if (!path_exists(name))
		return -ENOENT;
	*ret = arena_strdup(c->arena, name);
	return 0;
}

int source_resolve_include_cached(struct source_cache *c, const char *name, bool magic, char **ret,
				  bool *is_dir)
{
	unsigned h = hash_string(name, magic);
	struct resolved_include *ri;
	struct stat st;

	for (ri = c->resolved[h]; ri; ri = ri->hash_next)
		if (ri->magic == magic && strcmp(ri->name, name) == 0)
			goto found;
	ri = arena_new(c->arena, struct resolved_include);
	ri->name = arena_strdup(c->arena, name);
	ri->magic = magic;
	ri->error = source_resolve_include(c, name, magic, &ri->path);
	if (ri->error == 0) {
		if (stat(ri->path, &st) < 0)
			ri->error = -errno;
		else
			ri->is_dir = S_ISDIR(st.st_mode);
	}
	ri->hash_next = c->resolved[h];
	c->resolved[h] = ri;
found:
	if (ri->error < 0)
		return ri->error;
	*ret = ri->path;
	*is_dir = ri->is_dir;
	return 0;
}

static bool has_suffix(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len > n && memcmp(s + len - n, suffix, n) == 0;
}

enum source_dir_skip source_dir_entry_skip(const char *name)
{
	static const char *const silent[] = {".dpkg-new",    ".dpkg-old", ".dpkg-dist", ".dpkg-bak",
					     ".dpkg-remove", ".pacsave",  ".pacnew"};
	static const char *const noted[] = {".orig", ".rej", ".rpmnew", ".rpmsave"};
	size_t len = strlen(name);

	if (name[0] == '.' || strcmp(name, "README") == 0)
		return SOURCE_SKIP_SILENT;
	for (size_t i = 0; i < sizeof(silent) / sizeof(silent[0]); i++)
		if (has_suffix(name, len, silent[i]))
			return SOURCE_SKIP_SILENT;
	if (name[len - 1] == '~')
		return SOURCE_SKIP_NOTE;
	for (size_t i = 0; i < sizeof(noted) / sizeof(noted[0]); i++)
		if (has_suffix(name, len, noted[i]))
			return SOURCE_SKIP_NOTE;
	return SOURCE_DIR_USE;
}
