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

static struct source *source_lookup(struct source_cache *c, const char *path)
{
	for (struct source *s = c->head; s; s = s->next)
		if (s->path && strcmp(s->path, path) == 0)
			return s;
	return NULL;
}

static struct source *source_add(struct source_cache *c, const char *name, const char *path,
				 char *data, size_t len, time_t mtime)
{
	struct source *s = arena_new(c->arena, struct source);

	s->name = arena_strdup(c->arena, name);
	s->path = path ? arena_strdup(c->arena, path) : NULL;
	s->data = data;
	s->len = len;
	s->mtime = mtime;
	s->next = c->head;
	c->head = s;
	if (mtime > c->newest_mtime)
		c->newest_mtime = mtime;
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
	r = read_all(c, fd, &data, &len);
	close(fd);
	if (r < 0)
		return r;
	*ret = source_add(c, path, path, data, len, st.st_mtime);
	return 0;
}

int source_from_memory(struct source_cache *c, const char *name, const char *data, size_t len,
		       struct source **ret)
{
	*ret = source_add(c, name, NULL, arena_strndup(c->arena, data, len), len, 0);
	return 0;
}

int source_load_stdin(struct source_cache *c, struct source **ret)
{
	char *data;
	size_t len;
	int r = read_all(c, STDIN_FILENO, &data, &len);

	if (r < 0)
		return r;
	*ret = source_add(c, "stdin", NULL, data, len, 0);
	return 0;
}

static bool path_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

int source_resolve_include(struct source_cache *c, const char *name, bool magic, char **ret)
{
	if (name[0] == '/') {
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
