// SPDX-License-Identifier: GPL-2.0-only
/*
 * Glob to regular-expression-tree translation.
 *
 * The tree is deliberately tiny: byte sets, concatenation, alternation and
 * star. Everything AppArmor globs can say is expressible with those, and the
 * automaton builder (dfa.c) only has to understand four constructs.
 */
#include <errno.h>
#include <string.h>

#include "parser/compile/regex.h"
#include "parser/compile/util.h"

void vc_regex_done(VcRegex *rx)
{
	free(rx->nodes);
	free(rx->sets);
	*rx = (VcRegex){};
}

static int add_node(VcRegex *rx, VcRegexNode node, uint32_t *ret)
{
	int r;

	if (rx->n_nodes >= UINT32_MAX)
		return -ENOMEM;
	r = vc_grow(&rx->nodes, &rx->cap_nodes, rx->n_nodes + 1, sizeof(VcRegexNode));
	if (r < 0)
		return r;
	rx->nodes[rx->n_nodes] = node;
	*ret = (uint32_t)rx->n_nodes++;
	return 0;
}

int vc_regex_empty(VcRegex *rx, uint32_t *ret)
{
	return add_node(rx, (VcRegexNode){.kind = VC_RX_EMPTY}, ret);
}

int vc_regex_bytes(VcRegex *rx, const VcByteSet *set, uint32_t *ret)
{
	int r;

	r = vc_grow(&rx->sets, &rx->cap_sets, rx->n_sets + 1, sizeof(VcByteSet));
	if (r < 0)
		return r;
	rx->sets[rx->n_sets] = *set;
	return add_node(rx, (VcRegexNode){.kind = VC_RX_BYTES, .set = (uint32_t)rx->n_sets++}, ret);
}

int vc_regex_byte(VcRegex *rx, uint8_t byte, uint32_t *ret)
{
	VcByteSet set = {};

	vc_byteset_add(&set, byte);
	return vc_regex_bytes(rx, &set, ret);
}

int vc_regex_concat(VcRegex *rx, uint32_t left, uint32_t right, uint32_t *ret)
{
	/* Concatenating with the empty string is the identity; keep trees small. */
	if (rx->nodes[left].kind == VC_RX_EMPTY) {
		*ret = right;
		return 0;
	}
	if (rx->nodes[right].kind == VC_RX_EMPTY) {
		*ret = left;
		return 0;
	}
	return add_node(rx, (VcRegexNode){.kind = VC_RX_CONCAT, .left = left, .right = right}, ret);
}

int vc_regex_alt(VcRegex *rx, uint32_t left, uint32_t right, uint32_t *ret)
{
	return add_node(rx, (VcRegexNode){.kind = VC_RX_ALT, .left = left, .right = right}, ret);
}

int vc_regex_star(VcRegex *rx, uint32_t body, uint32_t *ret)
{
	return add_node(rx, (VcRegexNode){.kind = VC_RX_STAR, .left = body}, ret);
}

/* Recursive-descent state over the slash-collapsed glob text. */
typedef struct GlobParser {
	VcRegex *rx;
	const char *text;
	size_t len;
	size_t pos;
	bool exact;
} GlobParser;

static int parse_sequence(GlobParser *p, unsigned depth, uint32_t *ret);

/* A BYTES node for a set written as "anything but ...". */
static int negated_bytes(VcRegex *rx, const VcByteSet *set, uint32_t *ret)
{
	int r = vc_regex_bytes(rx, set, ret);

	if (r >= 0)
		rx->nodes[*ret].negated = true;
	return r;
}

/* Byte sets for the wildcards: "not slash, not NUL" and "not NUL". */
static void set_component_byte(VcByteSet *set)
{
	vc_byteset_fill(set);
	vc_byteset_remove(set, '/');
	vc_byteset_remove(set, 0);
}

static void set_any_but_nul(VcByteSet *set)
{
	vc_byteset_fill(set);
	vc_byteset_remove(set, 0);
}

/*
 * '*' or '**' at p->pos. Plain form: S* where S excludes '/' for a single
 * star. Directly after '/' and before '/' or the end of the glob the
 * wildcard stands for a whole, non-empty path component (or components), so
 * it becomes C S* where C is "not slash, not NUL".
 */
static int parse_star(GlobParser *p, uint32_t *ret)
{
	size_t start = p->pos, stars;
	bool whole_component;
	VcByteSet set, first;
	uint32_t loop, body, head;
	int r;

	while (p->pos < p->len && p->text[p->pos] == '*')
		p->pos++;
	stars = p->pos - start;
	whole_component =
	    start > 0 && p->text[start - 1] == '/' && (p->pos == p->len || p->text[p->pos] == '/');

	if (stars == 1)
		set_component_byte(&set);
	else
		set_any_but_nul(&set);
	r = negated_bytes(p->rx, &set, &body);
	if (r < 0)
		return r;
	r = vc_regex_star(p->rx, body, &loop);
	if (r < 0)
		return r;
	if (!whole_component) {
		*ret = loop;
		return 0;
	}
	set_component_byte(&first);
	r = negated_bytes(p->rx, &first, &head);
	if (r < 0)
		return r;
	return vc_regex_concat(p->rx, head, loop, ret);
}

/* Read one possibly escaped byte of a character class; -EINVAL at the end. */
static int class_byte(GlobParser *p, uint8_t *ret)
{
	if (p->pos >= p->len)
		return -EINVAL;
	if (p->text[p->pos] == '\\') {
		p->pos++;
		if (p->pos >= p->len)
			return -EINVAL;
	}
	*ret = (uint8_t)p->text[p->pos++];
	return 0;
}

/* "[...]" or "[^...]" at p->pos. A ']' right after the opening is literal. */
static int parse_class(GlobParser *p, uint32_t *ret)
{
	VcByteSet set = {};
	bool negate = false, first = true;
	int r;

	p->pos++; /* '[' */
	if (p->pos < p->len && p->text[p->pos] == '^') {
		negate = true;
		p->pos++;
	}
	for (;;) {
		uint8_t lo, hi;

		if (p->pos >= p->len)
			return -EINVAL;
		if (p->text[p->pos] == ']' && !first)
			break;
		first = false;
		r = class_byte(p, &lo);
		if (r < 0)
			return r;
		hi = lo;
		if (p->pos + 1 < p->len && p->text[p->pos] == '-' && p->text[p->pos + 1] != ']') {
			p->pos++;
			r = class_byte(p, &hi);
			if (r < 0)
				return r;
			if (hi < lo)
				return -EINVAL;
		}
		for (unsigned b = lo; b <= hi; b++)
			vc_byteset_add(&set, (uint8_t)b);
	}
	p->pos++; /* ']' */

	/* Unlike the wildcards, a negated class does match NUL (as apparmor_parser's). */
	if (!negate)
		return vc_regex_bytes(p->rx, &set, ret);
	for (unsigned i = 0; i < 4; i++)
		set.w[i] = ~set.w[i];
	return negated_bytes(p->rx, &set, ret);
}

/* "{a,b,...}" at p->pos: alternatives are sequences that may nest. */
static int parse_alternation(GlobParser *p, unsigned depth, uint32_t *ret)
{
	uint32_t result = UINT32_MAX;
	int r;

	if (depth > 64) /* bound the recursion on hostile input */
		return -EINVAL;
	p->pos++; /* '{' */
	for (;;) {
		uint32_t alternative;

		r = parse_sequence(p, depth + 1, &alternative);
		if (r < 0)
			return r;
		if (result == UINT32_MAX)
			result = alternative;
		else {
			r = vc_regex_alt(p->rx, result, alternative, &result);
			if (r < 0)
				return r;
		}
		if (p->pos >= p->len)
			return -EINVAL; /* unterminated */
		if (p->text[p->pos++] == '}')
			break;
		/* otherwise it was ',' */
	}
	*ret = result;
	return 0;
}

/*
 * A sequence of items up to the end of the text or, inside braces (depth >
 * 0), up to the ',' or '}' that ends the current alternative.
 */
static int parse_sequence(GlobParser *p, unsigned depth, uint32_t *ret)
{
	uint32_t result, item;
	int r;

	r = vc_regex_empty(p->rx, &result);
	if (r < 0)
		return r;

	while (p->pos < p->len) {
		char c = p->text[p->pos];

		if (depth > 0 && (c == ',' || c == '}'))
			break;
		switch (c) {
		case '*':
			p->exact = false;
			r = parse_star(p, &item);
			break;
		case '?': {
			VcByteSet set;

			p->exact = false;
			p->pos++;
			set_component_byte(&set);
			r = negated_bytes(p->rx, &set, &item);
			break;
		}
		case '[':
			p->exact = false;
			r = parse_class(p, &item);
			break;
		case '{':
			/* alternatives of literals still count as an exact match */
			r = parse_alternation(p, depth, &item);
			break;
		case '}':
			return -EINVAL; /* unbalanced at the top level */
		case '\\':
			p->pos++;
			if (p->pos >= p->len)
				return -EINVAL;
			r = vc_regex_byte(p->rx, (uint8_t)p->text[p->pos++], &item);
			break;
		default:
			p->pos++;
			r = vc_regex_byte(p->rx, (uint8_t)c, &item);
			break;
		}
		if (r < 0)
			return r;
		r = vc_regex_concat(p->rx, result, item, &result);
		if (r < 0)
			return r;
	}
	*ret = result;
	return 0;
}

/*
 * Collapse runs of '/' to one, except a leading run of exactly two (POSIX
 * leaves "//" at the start of a path implementation-defined, and
 * apparmor_parser keeps it). Writes at most len bytes to out.
 */
static size_t collapse_slashes(const char *glob, size_t len, char *out)
{
	size_t i = 0, n = 0;

	if (len >= 3 && glob[0] == '/' && glob[1] == '/' && glob[2] != '/') {
		out[n++] = '/';
		out[n++] = '/';
		i = 2;
	}
	for (; i < len; i++) {
		if (glob[i] == '/' && n > 0 && out[n - 1] == '/')
			continue;
		/* an escaped byte is copied as is, so "\/" is never collapsed */
		if (glob[i] == '\\' && i + 1 < len) {
			out[n++] = glob[i++];
			out[n++] = glob[i];
			continue;
		}
		out[n++] = glob[i];
	}
	return n;
}

int vc_regex_from_glob(VcRegex *rx, const char *glob, size_t len, uint32_t *ret_root,
		       bool *ret_exact)
{
	_cleanup_free_ char *text = NULL;
	GlobParser p;
	int r;

	text = malloc(len + 1);
	if (!text)
		return -ENOMEM;
	p = (GlobParser){
	    .rx = rx,
	    .text = text,
	    .len = collapse_slashes(glob, len, text),
	    .exact = true,
	};
	r = parse_sequence(&p, 0, ret_root);
	if (r < 0)
		return r;
	if (ret_exact)
		*ret_exact = p.exact;
	return 0;
}

static uint32_t prefix_length(const VcRegex *rx, uint32_t node, bool *stopped)
{
	const VcRegexNode *n = &rx->nodes[node];
	uint32_t a, b;
	bool stop_a = false, stop_b = false;

	switch (n->kind) {
	case VC_RX_EMPTY:
		return 0;
	case VC_RX_BYTES:
		if (n->negated)
			*stopped = true;
		return 1;
	case VC_RX_CONCAT:
		a = prefix_length(rx, n->left, &stop_a);
		if (stop_a) {
			*stopped = true;
			return a;
		}
		return a + prefix_length(rx, n->right, stopped);
	case VC_RX_ALT:
		a = prefix_length(rx, n->left, &stop_a);
		b = prefix_length(rx, n->right, &stop_b);
		*stopped = stop_a || stop_b;
		return a < b ? a : b;
	case VC_RX_STAR:
		*stopped = true;
		return 0;
	}
	return 0;
}

uint32_t vc_regex_prefix_length(const VcRegex *rx, uint32_t root)
{
	bool stopped = false;

	return prefix_length(rx, root, &stopped);
}

/*
 * Reference matcher used by the tests: computes the set of end positions
 * reachable from a set of start positions, as a 64-bit mask. It shares no
 * code with the automaton builder, which is the point.
 */
static uint64_t match_ends(const VcRegex *rx, uint32_t node, uint64_t starts, const uint8_t *s,
			   size_t len)
{
	const VcRegexNode *n = &rx->nodes[node];
	uint64_t ends = 0, reach;

	switch (n->kind) {
	case VC_RX_EMPTY:
		return starts;
	case VC_RX_BYTES:
		for (size_t i = 0; i < len; i++)
			if ((starts >> i) & 1 && vc_byteset_has(&rx->sets[n->set], s[i]))
				ends |= UINT64_C(1) << (i + 1);
		return ends;
	case VC_RX_CONCAT:
		return match_ends(rx, n->right, match_ends(rx, n->left, starts, s, len), s, len);
	case VC_RX_ALT:
		return match_ends(rx, n->left, starts, s, len) |
		       match_ends(rx, n->right, starts, s, len);
	case VC_RX_STAR:
		reach = starts;
		for (;;) {
			uint64_t more = reach | match_ends(rx, n->left, reach, s, len);
			if (more == reach)
				return reach;
			reach = more;
		}
	}
	return 0;
}

bool vc_regex_matches(const VcRegex *rx, uint32_t root, const uint8_t *s, size_t len)
{
	if (len > 62)
		return false;
	return (match_ends(rx, root, 1, s, len) >> len) & 1;
}
