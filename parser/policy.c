// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <string.h>

#include "parser/policy.h"

void policy_init(struct policy *pol, struct arena *a)
{
	memset(pol, 0, sizeof(*pol));
	pol->arena = a;
	pol->profiles_tail = &pol->profiles;
}

struct profile *profile_new(struct policy *pol, struct profile *parent)
{
	struct profile *p = arena_new(pol->arena, struct profile);

	p->parent = parent;
	p->rules_tail = &p->rules;
	p->children_tail = &p->children;
	return p;
}

void profile_add_rule(struct profile *p, struct rule *r)
{
	*p->rules_tail = r;
	p->rules_tail = &r->next;
}

struct variable *policy_find_variable(const struct policy *pol, const char *name, bool is_bool)
{
	for (struct variable *v = pol->variables; v; v = v->next)
		if (v->is_bool == is_bool && strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

const char *rule_kind_name(enum rule_kind k)
{
	static const char *const names[RULE_KIND_MAX] = {
	    [RULE_FILE] = "file",
	    [RULE_LINK] = "link",
	    [RULE_CAPABILITY] = "capability",
	    [RULE_NETWORK] = "network",
	    [RULE_SIGNAL] = "signal",
	    [RULE_PTRACE] = "ptrace",
	    [RULE_MOUNT] = "mount",
	    [RULE_REMOUNT] = "remount",
	    [RULE_UMOUNT] = "umount",
	    [RULE_PIVOT_ROOT] = "pivot_root",
	    [RULE_UNIX] = "unix",
	    [RULE_DBUS] = "dbus",
	    [RULE_CHANGE_PROFILE] = "change_profile",
	    [RULE_RLIMIT] = "rlimit",
	};

	return k < RULE_KIND_MAX ? names[k] : "unknown";
}
