// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parser/features.h"
#include "parser/source.h"

static void add_feature(struct arena *a, struct features *f, const char *path, const char *value)
{
	struct feature *n = arena_new(a, struct feature);

	n->path = path;
	n->value = value;
	n->next = f->head;
	f->head = n;
}

/* One "name {...}" entry at *pp; prefix is the parent path. */
static int parse_entry(struct arena *a, struct features *f, const char **pp, const char *prefix,
		       unsigned depth)
{
	const char *p = *pp, *name_start, *name_end;
	const char *path;

	if (depth > 32)
		return -EINVAL;
	name_start = p;
	while (*p && *p != ' ' && *p != '{' && *p != '}')
		p++;
	name_end = p;
	while (*p == ' ')
		p++;
	if (*p != '{' || name_end == name_start)
		return -EINVAL;
	p++;
	path = prefix ? arena_printf(a, "%s/%.*s", prefix, (int)(name_end - name_start), name_start)
		      : arena_strndup(a, name_start, (size_t)(name_end - name_start));
	/* A leaf holds text up to '}'; a directory holds further entries. */
	{
		const char *q = p;

		while (*q && *q != '{' && *q != '}')
			q++;
		if (*q == '}' || !*q) {
			const char *v = p, *ve = q;

			if (!*q)
				return -EINVAL;
			while (ve > v && (ve[-1] == '\n' || ve[-1] == ' '))
				ve--;
			add_feature(a, f, path, arena_strndup(a, v, (size_t)(ve - v)));
			*pp = q + 1;
			return 0;
		}
	}
	add_feature(a, f, path, NULL);
	for (;;) {
		int r;

		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (*p == '}') {
			*pp = p + 1;
			return 0;
		}
		if (!*p)
			return -EINVAL;
		r = parse_entry(a, f, &p, path, depth + 1);
		if (r < 0)
			return r;
	}
}

int features_parse_flat(struct arena *a, const char *text, struct features *ret)
{
	const char *p = text;

	ret->head = NULL;
	ret->flattened = text;
	for (;;) {
		int r;

		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!*p)
			return 0;
		r = parse_entry(a, ret, &p, NULL, 0);
		if (r < 0)
			return r;
	}
}

static int compare_names(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Build the flattened string for a directory, in C-locale name order. */
static int flatten_dir(struct arena *a, const char *dir, char **out, size_t *len, unsigned depth)
{
	DIR *d;
	struct dirent *de;
	char *names[512];
	size_t n = 0;

	if (depth > 16)
		return -ELOOP;
	d = opendir(dir);
	if (!d)
		return -errno;
	while ((de = readdir(d)) && n < 512) {
		if (de->d_name[0] == '.')
			continue;
		names[n++] = arena_strdup(a, de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), compare_names);
	for (size_t i = 0; i < n; i++) {
		char *path = arena_printf(a, "%s/%s", dir, names[i]);
		struct stat st;
		char *piece;

		if (stat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			char *sub = arena_strdup(a, "");
			size_t sublen = 0;
			int r = flatten_dir(a, path, &sub, &sublen, depth + 1);

			if (r < 0)
				return r;
			piece = arena_printf(a, "%s {%s}\n", names[i], sub);
		} else {
			struct source_cache c = {.arena = a};
			struct source *src;
			int r = source_load_file(&c, path, &src);

			if (r < 0)
				return r;
			piece = arena_printf(a, "%s {%s}\n", names[i], src->data);
		}
		*out = arena_printf(a, "%s%s", *out, piece);
		*len = strlen(*out);
	}
	return 0;
}

int features_load(struct arena *a, const char *path, struct features *ret)
{
	struct stat st;
	int r;

	if (stat(path, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode)) {
		char *flat = arena_strdup(a, "");
		size_t len = 0;

		r = flatten_dir(a, path, &flat, &len, 0);
		if (r < 0)
			return r;
		return features_parse_flat(a, flat, ret);
	} else {
		struct source_cache c = {.arena = a};
		struct source *src;

		r = source_load_file(&c, path, &src);
		if (r < 0)
			return r;
		return features_parse_flat(a, src->data, ret);
	}
}

static const struct feature *lookup(const struct features *f, const char *path)
{
	for (const struct feature *n = f->head; n; n = n->next)
		if (strcmp(n->path, path) == 0)
			return n;
	return NULL;
}

bool features_has(const struct features *f, const char *path)
{
	return lookup(f, path) != NULL;
}

const char *features_value(const struct features *f, const char *path)
{
	const struct feature *n = lookup(f, path);

	return n ? n->value : NULL;
}

bool features_list_contains(const struct features *f, const char *path, const char *word)
{
	const char *v = features_value(f, path);
	size_t n = strlen(word);

	if (!v)
		return false;
	for (const char *p = v; *p;) {
		const char *e = p;

		while (*e && *e != ' ' && *e != '\n')
			e++;
		if ((size_t)(e - p) == n && memcmp(p, word, n) == 0)
			return true;
		p = *e ? e + 1 : e;
	}
	return false;
}

/* Capabilities up to audit_read, rlimits, file, the change_* family, policy v5 and v6. */
static const char fallback_features[] =
    "caps {mask {chown dac_override dac_read_search fowner fsetid kill setgid setuid setpcap "
    "linux_immutable net_bind_service net_broadcast net_admin net_raw ipc_lock ipc_owner "
    "sys_module sys_rawio sys_chroot sys_ptrace sys_pacct sys_admin sys_boot sys_nice "
    "sys_resource sys_time sys_tty_config mknod lease audit_write audit_control setfcap "
    "mac_override mac_admin syslog wake_alarm block_suspend audit_read}}"
    "rlimit {mask {cpu fsize data stack core rss nproc nofile memlock as locks sigpending "
    "msgqueue nice rtprio rttime}}"
    "capability {0xffffff}"
    "file {mask {create read write exec append mmap_exec link lock}}"
    "domain {change_profile {yes}change_onexec {yes}change_hatv {yes}change_hat {yes}}"
    "policy {v6 {yes}v5 {yes}}"
    /* one brace too many: the cache directory name is the hash of all of it */
    "}";

int features_load_fallback(struct arena *a, struct features *ret)
{
	int r = features_parse_flat(
	    a, arena_strndup(a, fallback_features, sizeof(fallback_features) - 2), ret);

	if (r == 0)
		ret->flattened = fallback_features;
	return r;
}

static bool is_abi_path(const char *path)
{
	return strncmp(path, "policy/versions", 15) == 0 && (!path[15] || path[15] == '/');
}

int features_with_abi_of(struct arena *a, const struct features *base, const struct features *abi,
			 struct features *ret)
{
	struct feature **tail = &ret->head;

	ret->head = NULL;
	ret->flattened = base->flattened;
	for (int pass = 0; pass < 2; pass++) {
		const struct features *from = pass == 0 ? base : abi;

		for (const struct feature *n = from ? from->head : NULL; n; n = n->next) {
			struct feature *copy;

			if (is_abi_path(n->path) != (pass == 1))
				continue;
			copy = arena_new(a, struct feature);
			*copy = *n;
			copy->next = NULL;
			*tail = copy;
			tail = &copy->next;
		}
	}
	return 0;
}
