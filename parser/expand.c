// SPDX-License-Identifier: GPL-2.0-only
/*
 * Variable expansion and AARE (glob) well-formedness.
 *
 * A reference @{V} becomes V's value, or {v1,v2,...} when V has several;
 * values may themselves refer to variables. Expansion is bounded both in
 * depth (self-reference is an error) and in output size (doubling chains
 * such as @{A}=@{B}@{B} cannot exhaust memory).
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "parser/expand.h"

#define EXPAND_MAX_DEPTH 64
/* Room for any sane policy; doubling chains hit it long before memory runs out. */
#define EXPAND_MAX_SIZE (16u << 20)

struct strbuf {
	char *buf;
	size_t len, cap;
};

static void strbuf_free(struct strbuf *sb)
{
	free(sb->buf);
}

#define _cleanup_strbuf_ __attribute__((cleanup(strbuf_free)))

static int strbuf_append(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > EXPAND_MAX_SIZE)
		return -E2BIG;
	if (sb->len + n + 1 > sb->cap) {
		size_t ncap = sb->cap ? sb->cap : 128;
		char *bigger;

		while (ncap < sb->len + n + 1)
			ncap *= 2;
		bigger = realloc(sb->buf, ncap);
		if (!bigger)
			return -ENOMEM;
		sb->buf = bigger;
		sb->cap = ncap;
	}
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

struct expansion {
	const struct policy *pol;
	struct diag *diag;
	const struct loc *loc;
	const char *profile_name;
	const struct variable *stack[EXPAND_MAX_DEPTH];
	size_t depth;
};

static int expand_into(struct expansion *ex, const char *text, struct strbuf *out);

static int expand_variable(struct expansion *ex, const char *name, bool slash_after,
			   struct strbuf *out)
{
	const struct variable *var;
	size_t n = 0, brace;
	int r;

	if (strcmp(name, "profile_name") == 0 && ex->profile_name) {
		/* the name itself, even if it looks like a glob (observed on the oracle) */
		for (const char *p = ex->profile_name; *p; p++) {
			r = strchr("*?[]{}\\", *p) ? strbuf_append(out, "\\", 1) : 0;
			if (r >= 0)
				r = strbuf_append(out, p, 1);
			if (r < 0)
				return r;
		}
		return 0;
	}
	var = policy_find_variable(ex->pol, name, false);
	if (!var) {
		diag_error(ex->diag, ex->loc, "variable @{%s} is used but never declared", name);
		return -ENOENT;
	}
	for (size_t i = 0; i < ex->depth; i++) {
		if (ex->stack[i] == var) {
			diag_error(ex->diag, ex->loc, "variable @{%s} is referenced recursively",
				   name);
			return -ELOOP;
		}
	}
	if (ex->depth >= EXPAND_MAX_DEPTH) {
		diag_error(ex->diag, ex->loc, "variables nested too deeply expanding @{%s}", name);
		return -ELOOP;
	}
	for (const struct value *v = var->values; v; v = v->next)
		n++;
	ex->stack[ex->depth++] = var;
	brace = out->len;
	if (n > 1 && (r = strbuf_append(out, "{", 1)) < 0)
		goto out;
	r = 0;
	for (const struct value *v = var->values; v && r >= 0; v = v->next) {
		if (v != var->values)
			r = strbuf_append(out, ",", 1);
		if (r >= 0 && n > 1) {
			/*
			 * apparmor_parser expands a multi-valued variable into
			 * one rule per value and then collapses "//": so a
			 * value's slash next to a slash around the reference
			 * goes, which a {v1,v2} alternation must do itself.
			 */
			_cleanup_strbuf_ struct strbuf one = {};
			bool slash_before = brace > 0 && out->buf[brace - 1] == '/';
			size_t start = 0, end;

			r = strbuf_append(&one, "", 0);
			if (r >= 0)
				r = expand_into(ex, v->text, &one);
			if (r < 0)
				break;
			end = one.len;
			while (slash_before && start < end && one.buf[start] == '/')
				start++;
			while (slash_after && end > start && one.buf[end - 1] == '/')
				end--;
			r = strbuf_append(out, one.buf + start, end - start);
		} else if (r >= 0)
			r = expand_into(ex, v->text, out);
	}
	if (r >= 0 && n > 1)
		r = strbuf_append(out, "}", 1);
out:
	ex->depth--;
	return r;
}

static int expand_into(struct expansion *ex, const char *text, struct strbuf *out)
{
	const char *p = text;
	int r;

	while (*p) {
		const char *ref = strstr(p, "@{"), *close;
		char name[256];
		size_t len;

		if (!ref)
			return strbuf_append(out, p, strlen(p));
		r = strbuf_append(out, p, (size_t)(ref - p));
		if (r < 0)
			return r;
		close = strchr(ref + 2, '}');
		if (!close) {
			diag_error(ex->diag, ex->loc, "unterminated variable reference in '%s'",
				   text);
			return -EINVAL;
		}
		len = (size_t)(close - ref - 2);
		if (len == 0 || len >= sizeof(name)) {
			diag_error(ex->diag, ex->loc, "invalid variable reference in '%s'", text);
			return -EINVAL;
		}
		memcpy(name, ref + 2, len);
		name[len] = '\0';
		r = expand_variable(ex, name, close[1] == '/', out);
		if (r < 0)
			return r;
		p = close + 1;
	}
	return 0;
}

int expand_variables(const struct policy *pol, struct diag *diag, const struct loc *loc,
		     const char *profile_name, const char *text, char **ret)
{
	_cleanup_strbuf_ struct strbuf out = {};
	struct expansion ex = {
	    .pol = pol,
	    .diag = diag,
	    .loc = loc,
	    .profile_name = profile_name,
	};
	int r;

	r = strbuf_append(&out, "", 0);
	if (r >= 0)
		r = expand_into(&ex, text, &out);
	if (r == -E2BIG)
		diag_error(diag, loc, "variable expansion of '%.60s' is too large", text);
	if (r < 0)
		return r;
	*ret = arena_strndup(pol->arena, out.buf, out.len);
	return 0;
}

int aare_check(const char *glob, const char **error)
{
	unsigned items[EXPAND_MAX_DEPTH];
	size_t depth = 0;

	for (const char *p = glob; *p; p++) {
		switch (*p) {
		case '\\':
			if (p[1])
				p++;
			break;
		case '[':
			p++;
			if (*p == '^')
				p++;
			if (*p == ']') {
				*error = "empty character class";
				return -EINVAL;
			}
			while (*p && *p != ']') {
				if (*p == '\\' && p[1])
					p++;
				else if (*p == '-' && p[1] == ']') {
					*error = "character class ends in a dangling '-'";
					return -EINVAL;
				}
				p++;
			}
			if (!*p) {
				*error = "unclosed character class, expecting ']'";
				return -EINVAL;
			}
			break;
		case ']':
			*error = "invalid close ']', no matching open '['";
			return -EINVAL;
		case '{':
			if (depth >= EXPAND_MAX_DEPTH) {
				*error = "alternations nested too deeply";
				return -EINVAL;
			}
			items[depth++] = 1;
			break;
		case ',':
			if (depth > 0)
				items[depth - 1]++;
			break;
		case '}':
			if (depth == 0) {
				*error = "invalid close '}', no matching open '{'";
				return -EINVAL;
			}
			if (items[depth - 1] < 2) {
				*error = "invalid number of items between {}";
				return -EINVAL;
			}
			depth--;
			break;
		default:
			break;
		}
	}
	if (depth > 0) {
		*error = "unclosed alternation, expecting '}'";
		return -EINVAL;
	}
	return 0;
}
