// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "parser/compile/compile.h"
#include "parser/compile/util.h"

typedef struct RuleList {
	VcDfaRule *rules;
	size_t *source; /* which VcFileRule each DFA rule came from */
	size_t n, cap, cap_source;
} RuleList;

static void rule_list_done(RuleList *l)
{
	free(l->rules);
	free(l->source);
	*l = (RuleList){};
}

static int rule_list_add(RuleList *l, uint32_t root, const VcRulePerms *perms, bool exact,
			 size_t source)
{
	int r;

	r = vc_grow(&l->rules, &l->cap, l->n + 1, sizeof(VcDfaRule));
	if (r < 0)
		return r;
	r = vc_grow(&l->source, &l->cap_source, l->n + 1, sizeof(size_t));
	if (r < 0)
		return r;
	l->rules[l->n] = (VcDfaRule){.root = root, .perms = *perms, .exact = exact};
	l->source[l->n++] = source;
	return 0;
}

/* "/[^/].*" over raw bytes: the implicit link target, NUL included. */
static int any_absolute_path(VcRegex *rx, uint32_t *ret)
{
	VcByteSet not_slash, any;
	uint32_t slash, first, rest, loop, head;
	int r;

	vc_byteset_fill(&not_slash);
	vc_byteset_remove(&not_slash, '/');
	vc_byteset_fill(&any);
	if ((r = vc_regex_byte(rx, '/', &slash)) < 0 ||
	    (r = vc_regex_bytes(rx, &not_slash, &first)) < 0 ||
	    (r = vc_regex_bytes(rx, &any, &rest)) < 0 || (r = vc_regex_star(rx, rest, &loop)) < 0 ||
	    (r = vc_regex_concat(rx, slash, first, &head)) < 0)
		return r;
	return vc_regex_concat(rx, head, loop, ret);
}

/*
 * A link permission is checked on a pair "link\0target" (spec §3.9): the
 * link name's own state needs l, and the state after the NUL and the
 * target needs l too, plus LINK_SUBSET (the k bit) when the link may not
 * grant more than the target. Deny rules put their l only on the pair.
 * apparmor_parser 3.0.8 sets LINK_SUBSET in the owner half only (checked
 * on its output), so "other" links are never subset-checked; we match it.
 */
static int add_link_pair(VcRegex *rx, RuleList *l, uint32_t name, const VcFileRule *rule,
			 size_t source)
{
	const VcRulePerms *p = &rule->perms;
	bool subset = !rule->link_target || rule->link_subset;
	VcRulePerms pair = {
	    .user = (p->user & VC_MAY_LINK) ? VC_MAY_LINK | (subset ? VC_MAY_LOCK : 0) : 0,
	    .other = (p->other & VC_MAY_LINK) ? VC_MAY_LINK : 0,
	    .deny = p->deny,
	    .audit = p->audit,
	    .link_pair = true,
	};
	uint32_t nul, target, root;
	int r;

	if (rule->link_target)
		r = vc_regex_from_glob(rx, rule->link_target, strlen(rule->link_target), &target,
				       NULL);
	else
		r = any_absolute_path(rx, &target);
	if (r < 0)
		return r;
	if ((r = vc_regex_byte(rx, 0, &nul)) < 0 ||
	    (r = vc_regex_concat(rx, name, nul, &root)) < 0 ||
	    (r = vc_regex_concat(rx, root, target, &root)) < 0)
		return r;
	return rule_list_add(l, root, &pair, false, source);
}

/* "glob\0target" with the rule's own permissions. */
static int add_pair(VcRegex *rx, RuleList *l, uint32_t name, bool name_exact,
		    const VcFileRule *rule, size_t source)
{
	uint32_t nul, target, root;
	bool target_exact;
	int r;

	r = vc_regex_from_glob(rx, rule->pair_target, strlen(rule->pair_target), &target,
			       &target_exact);
	if (r < 0)
		return r;
	if ((r = vc_regex_byte(rx, 0, &nul)) < 0 ||
	    (r = vc_regex_concat(rx, name, nul, &root)) < 0 ||
	    (r = vc_regex_concat(rx, root, target, &root)) < 0)
		return r;
	return rule_list_add(l, root, &rule->perms, name_exact && target_exact, source);
}

int vc_compile_file_dfa(const VcFileRule *rules, size_t n_rules, VcDfa *ret, size_t *ret_bad_rule)
{
	_cleanup_(vc_regex_done) VcRegex rx = {};
	_cleanup_(rule_list_done) RuleList list = {};
	size_t bad = 0;
	int r;

	for (size_t i = 0; i < n_rules; i++) {
		const VcFileRule *rule = &rules[i];
		VcRulePerms main = rule->perms;
		bool exact, has_link;
		uint32_t root;

		bad = i;
		r = vc_regex_from_glob(&rx, rule->glob, strlen(rule->glob), &root, &exact);
		if (r < 0)
			goto fail;
		if (rule->pair_target) {
			r = add_pair(&rx, &list, root, exact, rule, i);
			if (r < 0)
				goto fail;
			continue;
		}
		has_link = (main.user | main.other) & VC_MAY_LINK;
		if (has_link && main.deny) {
			main.user &= ~VC_MAY_LINK;
			main.other &= ~VC_MAY_LINK;
		}
		if (main.user || main.other || main.extra) {
			r = rule_list_add(&list, root, &main, exact, i);
			if (r < 0)
				goto fail;
		}
		if (has_link) {
			r = add_link_pair(&rx, &list, root, rule, i);
			if (r < 0)
				goto fail;
		}
	}

	r = vc_dfa_construct(&rx, list.rules, list.n, ret, &bad);
	if (r < 0) {
		bad = bad < list.n ? list.source[bad] : 0;
		goto fail;
	}
	/* the rules are done with (the regexes already are): free them before minimising */
	rule_list_done(&list);
	r = vc_dfa_minimize(ret);
	if (r < 0)
		vc_dfa_done(ret);
	return r;
fail:
	if (ret_bad_rule)
		*ret_bad_rule = bad;
	return r;
}

int vc_compile_file_rules(const VcFileRule *rules, size_t n_rules, const VcBlobOptions *options,
			  VcBlob *ret, size_t *ret_bad_rule)
{
	_cleanup_(vc_dfa_done) VcDfa dfa = {};
	int r;

	r = vc_compile_file_dfa(rules, n_rules, &dfa, ret_bad_rule);
	if (r < 0)
		return r;
	return vc_dfa_write_blob(&dfa, options, ret);
}

int vc_compile_xmatch(const char *glob, const VcBlobOptions *options, VcBlob *ret,
		      uint32_t *ret_xmatch_len)
{
	_cleanup_(vc_regex_done) VcRegex rx = {};
	_cleanup_(vc_dfa_done) VcDfa dfa = {};
	VcDfaRule rule = {.perms = {.user = VC_MAY_EXEC}};
	VcBlobOptions plain = options ? *options : (VcBlobOptions){};
	int r;

	/* longest-left matching of attachments ignores differential encoding */
	plain.diff_encode = false;

	r = vc_regex_from_glob(&rx, glob, strlen(glob), &rule.root, &rule.exact);
	if (r < 0)
		return r;
	r = vc_dfa_build(&rx, &rule, 1, &dfa, NULL);
	if (r < 0)
		return r;
	r = vc_dfa_write_blob(&dfa, &plain, ret);
	if (r < 0)
		return r;
	if (ret_xmatch_len)
		*ret_xmatch_len = vc_regex_prefix_length(&rx, rule.root);
	return 0;
}
