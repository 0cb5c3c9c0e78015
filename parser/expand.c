// SPDX-License-Identifier: GPL-2.0-only
/*
 * Variable expansion and AARE (glob) well-formedness.
 *
 * A reference @{V} becomes V's value, or {v1,v2,...} when V has several;
 * values may themselves refer to variables, and are expanded first into
 * every combination, as apparmor_parser does. Expansion is bounded both in
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
/*
 * Room for any sane policy (Debian's largest expansion is a few KiB), and
 * small enough that the compiler's regex and NFA for a rule of this size
 * stay in tens of MiB; doubling chains hit it long before memory runs out.
 */
#define EXPAND_MAX_SIZE (1u << 20)
/* What an alternative costs beyond its text: counted so that many tiny ones are bounded too. */
#define ALTERNATIVE_OVERHEAD 64u

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

/*
 * The values of a variable, fully expanded: a value that refers to a
 * multi-valued variable is one value per combination (observed on the
 * oracle: @{S}=@{H}/.local, where @{H} has the values "/home/<star>/" and
 * "/root/", has two values).
 */
struct alternatives {
	struct strbuf *items;
	size_t n, cap;
	size_t bytes; /* total over items, bounded by EXPAND_MAX_SIZE */
};

static void alternatives_free(struct alternatives *alts)
{
	for (size_t i = 0; i < alts->n; i++)
		strbuf_free(&alts->items[i]);
	free(alts->items);
	*alts = (struct alternatives){};
}

#define _cleanup_alternatives_ __attribute__((cleanup(alternatives_free)))

static int alternatives_add(struct alternatives *alts, const char *s, size_t n)
{
	if (alts->bytes + n + ALTERNATIVE_OVERHEAD > EXPAND_MAX_SIZE)
		return -E2BIG;
	if (alts->n == alts->cap) {
		size_t ncap = alts->cap ? alts->cap * 2 : 4;
		struct strbuf *bigger = realloc(alts->items, ncap * sizeof(*bigger));

		if (!bigger)
			return -ENOMEM;
		alts->items = bigger;
		alts->cap = ncap;
	}
	alts->items[alts->n] = (struct strbuf){};
	alts->n++;
	alts->bytes += n + ALTERNATIVE_OVERHEAD;
	return strbuf_append(&alts->items[alts->n - 1], s, n);
}

/* Every item of alts followed by every item of tails (a cross product). */
static int alternatives_product(struct alternatives *alts, const struct alternatives *tails)
{
	_cleanup_alternatives_ struct alternatives out = {};
	int r;

	for (size_t i = 0; i < alts->n; i++) {
		for (size_t j = 0; j < tails->n; j++) {
			r = alternatives_add(&out, alts->items[i].buf, alts->items[i].len);
			if (r >= 0)
				r = strbuf_append(&out.items[out.n - 1], tails->items[j].buf,
						  tails->items[j].len);
			if (r < 0)
				return r;
			out.bytes += tails->items[j].len;
			if (out.bytes > EXPAND_MAX_SIZE)
				return -E2BIG;
		}
	}
	alternatives_free(alts);
	*alts = out;
	out = (struct alternatives){};
	return 0;
}

static int append_literal(struct alternatives *alts, const char *s, size_t n)
{
	int r;

	for (size_t i = 0; i < alts->n; i++) {
		r = strbuf_append(&alts->items[i], s, n);
		if (r < 0)
			return r;
		alts->bytes += n;
		if (alts->bytes > EXPAND_MAX_SIZE)
			return -E2BIG;
	}
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

#define VARIABLE_NAME_MAX 256

/*
 * Find the next "@{NAME}" at or after p in text: *literal is the length of
 * the text before it, *after the byte after its '}'. 1 if there is one, 0
 * at the end of text, -EINVAL (reported) for a malformed reference.
 */
static int next_reference(struct expansion *ex, const char *text, const char *p, size_t *literal,
			  char name[VARIABLE_NAME_MAX], const char **after)
{
	const char *ref = strstr(p, "@{"), *close;
	size_t len;

	if (!ref) {
		*literal = strlen(p);
		return 0;
	}
	*literal = (size_t)(ref - p);
	close = strchr(ref + 2, '}');
	if (!close) {
		diag_error(ex->diag, ex->loc, "unterminated variable reference in '%s'", text);
		return -EINVAL;
	}
	len = (size_t)(close - ref - 2);
	if (len == 0 || len >= VARIABLE_NAME_MAX) {
		diag_error(ex->diag, ex->loc, "invalid variable reference in '%s'", text);
		return -EINVAL;
	}
	memcpy(name, ref + 2, len);
	name[len] = '\0';
	*after = close + 1;
	return 1;
}

static int expand_text(struct expansion *ex, const char *text, bool in_place,
		       struct alternatives *out);

/* The profile's own name, escaped: it is a literal even if it looks like a glob. */
static int profile_name_value(const char *name, struct alternatives *values)
{
	_cleanup_strbuf_ struct strbuf sb = {};
	int r = strbuf_append(&sb, "", 0);

	for (const char *p = name; *p && r >= 0; p++) {
		if (strchr("*?[]{}\\", *p))
			r = strbuf_append(&sb, "\\", 1);
		if (r >= 0)
			r = strbuf_append(&sb, p, 1);
	}
	return r < 0 ? r : alternatives_add(values, sb.buf, sb.len);
}

/* Every value of variable name, each fully expanded, into values. */
static int variable_alternatives(struct expansion *ex, const char *name,
				 struct alternatives *values)
{
	const struct variable *var;
	int r = 0;

	if (strcmp(name, "profile_name") == 0 && ex->profile_name)
		return profile_name_value(ex->profile_name, values);
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
	ex->stack[ex->depth++] = var;
	for (const struct value *v = var->values; v && r >= 0; v = v->next) {
		_cleanup_alternatives_ struct alternatives one = {};

		r = alternatives_add(&one, "", 0);
		if (r >= 0)
			r = expand_text(ex, v->text, false, &one);
		for (size_t i = 0; i < one.n && r >= 0; i++)
			r = alternatives_add(values, one.items[i].buf, one.items[i].len);
	}
	ex->depth--;
	return r;
}

/*
 * A reference written in place: its only value as is, or {v1,v2,...}.
 * apparmor_parser drops a value's slash next to a slash around the
 * reference (so that "@{HOME}/x" gives "{/home/<star>,/root}/x" for the
 * values "/home/<star>/" and "/root/", where the star may be empty:
 * observed).
 */
static int append_in_place(struct strbuf *out, const struct alternatives *values, bool slash_after)
{
	bool slash_before = out->len > 0 && out->buf[out->len - 1] == '/';
	int r;

	if (values->n == 1)
		return strbuf_append(out, values->items[0].buf, values->items[0].len);
	r = strbuf_append(out, "{", 1);
	for (size_t i = 0; i < values->n && r >= 0; i++) {
		const char *v = values->items[i].buf;
		size_t start = 0, end = values->items[i].len;

		while (slash_before && start < end && v[start] == '/')
			start++;
		while (slash_after && end > start && v[end - 1] == '/')
			end--;
		if (i > 0)
			r = strbuf_append(out, ",", 1);
		if (r >= 0)
			r = strbuf_append(out, v + start, end - start);
	}
	return r < 0 ? r : strbuf_append(out, "}", 1);
}

/*
 * Append the expansion of text to each of out: every combination of the
 * references' values (a variable's value), or, in_place, one text with each
 * reference as an alternation (a rule; out has one item).
 */
static int expand_text(struct expansion *ex, const char *text, bool in_place,
		       struct alternatives *out)
{
	const char *p = text, *after = NULL;
	char name[VARIABLE_NAME_MAX];
	size_t literal;
	int found, r;

	do {
		found = next_reference(ex, text, p, &literal, name, &after);
		if (found < 0)
			return found;
		r = append_literal(out, p, literal);
		if (r >= 0 && found) {
			_cleanup_alternatives_ struct alternatives values = {};

			r = variable_alternatives(ex, name, &values);
			if (r >= 0 && in_place)
				r = append_in_place(&out->items[0], &values, *after == '/');
			else if (r >= 0)
				r = alternatives_product(out, &values);
		}
		if (r < 0)
			return r;
		p = after;
	} while (found);
	return 0;
}

int expand_variables(const struct policy *pol, struct diag *diag, const struct loc *loc,
		     const char *profile_name, const char *text, char **ret)
{
	_cleanup_alternatives_ struct alternatives out = {};
	struct expansion ex = {
	    .pol = pol,
	    .diag = diag,
	    .loc = loc,
	    .profile_name = profile_name,
	};
	int r;

	r = alternatives_add(&out, "", 0);
	if (r >= 0)
		r = expand_text(&ex, text, true, &out);
	if (r == -E2BIG)
		diag_error(diag, loc, "variable expansion of '%.60s' is too large", text);
	if (r < 0)
		return r;
	*ret = arena_strndup(pol->arena, out.items[0].buf, out.items[0].len);
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
