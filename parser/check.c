// SPDX-License-Identifier: GPL-2.0-only
/*
 * Semantic checks: everything apparmor_parser refuses after the grammar
 * has accepted the text. Each check reports at the offending token and
 * keeps going, so one run shows every problem.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>

#include "parser/check.h"
#include "parser/expand.h"

struct checker {
	struct policy *pol;
	struct diag *diag;
	const struct features *features;
	const struct profile *prof;
	/*
	 * Checking an untaken if-branch: apparmor_parser validates its rules
	 * while parsing, but never expands variables or globs in them.
	 */
	bool discarded;
	int status;
};

static bool in_list(const char *word, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(word, *list) == 0)
			return true;
	return false;
}

static void fail(struct checker *ck, const struct loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(struct checker *ck, const struct loc *loc, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(ck->diag, loc, "%s", msg);
	ck->status = -EINVAL;
}

/* An error apparmor_parser only finds after the whole file is parsed. */
#define fail_after_parse(ck, ...)                                                                  \
	do {                                                                                       \
		(ck)->diag->after_parse = true;                                                    \
		fail(ck, __VA_ARGS__);                                                             \
		(ck)->diag->after_parse = false;                                                   \
	} while (0)

/*
 * Every value of every conditional called @name must be one of @allowed;
 * each one that is not is reported as "@problem 'value'".
 */
static void check_cond_values(struct checker *ck, const struct cond *conds, const char *name,
			      const char *const *allowed, const char *problem)
{
	for (const struct cond *c = conds; c; c = c->next) {
		if (strcmp(c->name, name) != 0)
			continue;
		for (const struct value *v = c->values; v; v = v->next)
			if (!in_list(v->text, allowed))
				fail(ck, &v->loc, "%s '%s'", problem, v->text);
	}
}

/* Expand variables in *text (in place); optionally check it as a glob. */

/* @{profile_name}: the full name, "parent//child" for children and hats. */
static const char *profile_hname(struct checker *ck)
{
	const char *name = ck->prof->name;

	for (const struct profile *q = ck->prof->parent; q; q = q->parent)
		name = arena_printf(ck->pol->arena, "%s//%s", q->name, name);
	return name;
}

static void expand_field(struct checker *ck, const char **text, const struct loc *loc, bool glob)
{
	const char *error;
	char *out;
	int r;

	if (!*text || ck->discarded)
		return;
	/* variables are expanded after parsing, as apparmor_parser does */
	ck->diag->after_parse = true;
	r = expand_variables(ck->pol, ck->diag, loc, ck->prof ? profile_hname(ck) : NULL, *text,
			     &out);
	ck->diag->after_parse = false;
	if (r < 0) {
		ck->status = -EINVAL;
		return;
	}
	*text = out;
	if (glob && aare_check(out, &error) < 0)
		fail_after_parse(ck, loc, "bad pattern '%.80s': %s", out, error);
}

static void expand_values(struct checker *ck, struct value *v)
{
	for (; v; v = v->next)
		expand_field(ck, &v->text, &v->loc, false);
}

static void expand_conds(struct checker *ck, struct cond *c)
{
	for (; c; c = c->next)
		expand_values(ck, c->values);
}

/* ---- per rule type ---------------------------------------------------- */

static void check_capability(struct checker *ck, struct rule *r)
{
	for (struct value *v = r->words; v; v = v->next) {
		cap_value_t cap;
		bool lower = true;
		char prefixed[128];

		for (const char *p = v->text; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || *p == '_' || (*p >= '0' && *p <= '9')))
				lower = false;
		if (!lower || v->quoted || v->text[0] < 'a' || strncmp(v->text, "cap_", 4) == 0 ||
		    snprintf(prefixed, sizeof(prefixed), "cap_%s", v->text) >=
			(int)sizeof(prefixed) ||
		    cap_from_name(prefixed, &cap) < 0)
			fail(ck, &v->loc, "invalid capability '%s'", v->text);
	}
}

static const char *const net_domains[] = {
    "unspec",  "unix",	  "inet",   "ax25",	  "ipx",     "appletalk", "netrom",    "bridge",
    "atmpvc",  "x25",	  "inet6",  "rose",	  "netbeui", "security",  "key",       "netlink",
    "packet",  "ash",	  "econet", "atmsvc",	  "rds",     "sna",	  "irda",      "pppox",
    "wanpipe", "llc",	  "ib",	    "mpls",	  "can",     "tipc",	  "bluetooth", "iucv",
    "rxrpc",   "isdn",	  "phonet", "ieee802154", "caif",    "alg",	  "nfc",       "vsock",
    "kcm",     "qipcrtr", "smc",    "xdp",	  "mctp",    NULL,
};
static const char *const net_types[] = {"stream", "dgram",  "seqpacket", "rdm",
					"raw",	  "packet", NULL};
static const char *const net_protocols[] = {"tcp", "udp", "icmp", NULL};

static void check_network(struct checker *ck, struct rule *r)
{
	struct value *first = r->words, *second = first ? first->next : NULL;

	if (!first)
		return;
	if (second && second->next) {
		fail(ck, &second->next->loc, "invalid network entry: too many words");
		return;
	}
	if (second) {
		/* icmp is IPv4's; IPv6 has no "icmp" protocol name */
		if (strcmp(first->text, "inet6") == 0 && strcmp(second->text, "icmp") == 0)
			fail(ck, &second->loc, "invalid network entry '%s %s'", first->text,
			     second->text);
		if (!in_list(first->text, net_domains) ||
		    !(in_list(second->text, net_types) || in_list(second->text, net_protocols)))
			fail(ck, &first->loc, "invalid network entry '%s %s'", first->text,
			     second->text);
		return;
	}
	if (!in_list(first->text, net_domains) && !in_list(first->text, net_types) &&
	    !in_list(first->text, net_protocols))
		fail(ck, &first->loc, "invalid network entry '%s'", first->text);
}

static void check_access_words(struct checker *ck, struct rule *r, const char *const *allowed)
{
	for (struct value *v = r->words; v; v = v->next)
		if (!in_list(v->text, allowed))
			fail(ck, &v->loc, "invalid %s access '%s'", rule_kind_name(r->kind),
			     v->text);
}

static void check_cond_names(struct checker *ck, struct rule *r, struct cond *c,
			     const char *const *allowed, const char *what)
{
	for (; c; c = c->next) {
		if (!in_list(c->name, allowed))
			fail(ck, &c->loc, "invalid %s %s conditional '%s'", rule_kind_name(r->kind),
			     what, c->name);
	}
}

static unsigned count_cond(const struct cond *c, const char *name)
{
	unsigned n = 0;

	for (; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			n++;
	return n;
}

/* Single-valued conditions may not be given as a list of several values. */
static void check_single_values(struct checker *ck, const struct cond *c)
{
	for (; c; c = c->next)
		if (c->values && c->values->next)
			fail(ck, &c->loc, "conditional '%s' takes a single value", c->name);
}

/* Conditions that may be given only once per rule (or per peer block). */
static void check_unique_conds(struct checker *ck, struct rule *r, const struct cond *list,
			       const char *const *names)
{
	for (; *names; names++)
		if (count_cond(list, *names) > 1)
			fail(ck, &r->loc, "%s conditional \"%s\" can only be specified once",
			     rule_kind_name(r->kind), *names);
}

static bool valid_signal(const char *s)
{
	static const char *const names[] = {
	    "hup",   "int",  "quit", "ill",  "trap", "abrt",   "bus",	 "fpe",	   "kill",
	    "usr1",  "segv", "usr2", "pipe", "alrm", "term",   "stkflt", "chld",   "cont",
	    "stop",  "stp",  "ttin", "ttou", "urg",  "xcpu",   "xfsz",	 "vtalrm", "prof",
	    "winch", "io",   "pwr",  "sys",  "emt",  "exists", NULL,
	};

	if (in_list(s, names))
		return true;
	if (strncmp(s, "rtmin+", 6) == 0 && s[6]) {
		char *end;
		long n = strtol(s + 6, &end, 10);

		return *end == '\0' && n >= 0 && n <= 32;
	}
	return false;
}

static void check_signal(struct checker *ck, struct rule *r)
{
	static const char *const access[] = {"r",     "w",    "rw",	 "read",
					     "write", "send", "receive", NULL};
	static const char *const conds[] = {"set", "peer", NULL};

	check_access_words(ck, r, access);
	check_cond_names(ck, r, r->conds, conds, "");
	if (r->peer_conds)
		fail(ck, &r->peer_conds->loc, "signal peer takes a label, not a list");
	for (struct cond *c = r->conds; c; c = c->next)
		if (strcmp(c->name, "peer") == 0 && c->list)
			fail(ck, &c->loc, "signal peer takes a label, not a list");
	if (count_cond(r->conds, "peer") > 1)
		fail(ck, &r->loc, "signal conditional \"peer\" can only be specified once");
	for (struct cond *c = r->conds; c; c = c->next) {
		if (strcmp(c->name, "set") != 0)
			continue;
		for (struct value *v = c->values; v; v = v->next)
			if (!valid_signal(v->text))
				fail(ck, &v->loc, "unknown signal \"%s\"", v->text);
	}
}

static void check_ptrace(struct checker *ck, struct rule *r)
{
	static const char *const access[] = {"r",      "w",	"rw",	    "read", "write",
					     "readby", "trace", "tracedby", NULL};
	static const char *const conds[] = {"peer", NULL};

	check_access_words(ck, r, access);
	check_cond_names(ck, r, r->conds, conds, "");
	if (r->peer_conds)
		fail(ck, &r->peer_conds->loc, "ptrace peer takes a label, not a list");
	for (struct cond *c = r->conds; c; c = c->next)
		if (strcmp(c->name, "peer") == 0 && c->list)
			fail(ck, &c->loc, "ptrace peer takes a label, not a list");
	if (count_cond(r->conds, "peer") > 1)
		fail(ck, &r->loc, "ptrace conditional \"peer\" can only be specified once");
}

static void check_unix(struct checker *ck, struct rule *r)
{
	static const char *const access[] = {
	    "create",  "bind",	  "listen", "accept", "connect", "shutdown",
	    "getattr", "setattr", "getopt", "setopt", "send",	 "receive",
	    "r",       "w",	  "rw",	    "read",   "write",	 NULL,
	};
	static const char *const conds[] = {"type", "addr", NULL};
	static const char *const peer_conds[] = {"addr", "label", NULL};

	check_access_words(ck, r, access);
	check_cond_names(ck, r, r->conds, conds, "");
	check_cond_names(ck, r, r->peer_conds, peer_conds, "peer");
	check_unique_conds(ck, r, r->conds, conds);
	check_unique_conds(ck, r, r->peer_conds, peer_conds);
	check_single_values(ck, r->conds);
	check_single_values(ck, r->peer_conds);
	if (r->n_peer_blocks > 1)
		fail(ck, &r->loc, "unix conditional \"peer\" can only be specified once");
	if (r->peer_conds) {
		static const char *const local_only[] = {"create",   "bind",	"listen",
							 "shutdown", "getattr", "setattr",
							 "getopt",   "setopt",	NULL};

		for (struct value *v = r->words; v; v = v->next)
			if (in_list(v->text, local_only))
				fail(ck, &v->loc, "unix access '%s' cannot be used with a peer",
				     v->text);
	}
	check_cond_values(ck, r->conds, "type", net_types, "invalid socket type");
}

static void check_dbus(struct checker *ck, struct rule *r)
{
	static const char *const access[] = {"send", "receive", "bind",	 "eavesdrop", "r",
					     "read", "w",	"write", "rw",	      NULL};
	static const char *const conds[] = {"bus", "path", "interface", "member", "name", NULL};
	static const char *const peer_conds[] = {"name", "label", NULL};
	bool message = false, service = false, msg_access = false, bind_access = false;

	check_access_words(ck, r, access);
	check_cond_names(ck, r, r->conds, conds, "");
	check_cond_names(ck, r, r->peer_conds, peer_conds, "peer");
	check_unique_conds(ck, r, r->conds, conds);
	check_unique_conds(ck, r, r->peer_conds, peer_conds);
	check_single_values(ck, r->conds);
	check_single_values(ck, r->peer_conds);
	if (r->n_peer_blocks > 1)
		fail(ck, &r->loc, "dbus conditional \"peer\" can only be specified once");
	for (struct value *v = r->words; v; v = v->next) {
		if (strcmp(v->text, "eavesdrop") != 0)
			continue;
		for (struct cond *c = r->conds; c; c = c->next)
			if (strcmp(c->name, "bus") != 0)
				fail(
				    ck, &c->loc,
				    "dbus \"eavesdrop\" access can only contain a bus conditional");
		if (r->peer_conds)
			fail(ck, &r->loc,
			     "dbus \"eavesdrop\" access can only contain a bus conditional");
	}
	for (struct cond *c = r->conds; c; c = c->next) {
		if (strcmp(c->name, "path") == 0 || strcmp(c->name, "interface") == 0 ||
		    strcmp(c->name, "member") == 0)
			message = true;
		if (strcmp(c->name, "name") == 0)
			service = true;
	}
	if (r->peer_conds)
		message = true;
	for (struct value *v = r->words; v; v = v->next) {
		if (in_list(v->text, (const char *const[]){"send", "receive", "r", "read", "w",
							   "write", "rw", NULL}))
			msg_access = true;
		if (strcmp(v->text, "bind") == 0)
			bind_access = true;
	}
	if (message && service)
		fail(ck, &r->loc, "dbus rule mixes message and service conditionals");
	if (msg_access && service)
		fail(ck, &r->loc,
		     "dbus \"send\" and/or \"receive\" accesses cannot be used with service rule "
		     "conditionals");
	if (bind_access && message)
		fail(ck, &r->loc,
		     "dbus \"bind\" access cannot be used with message rule conditionals");
}

static const char *const mount_options[] = {
    "ro",	   "r",
    "read-only",   "rw",
    "w",	   "suid",
    "nosuid",	   "dev",
    "nodev",	   "exec",
    "noexec",	   "sync",
    "async",	   "remount",
    "mand",	   "nomand",
    "dirsync",	   "atime",
    "noatime",	   "diratime",
    "nodiratime",  "bind",
    "B",	   "rbind",
    "R",	   "move",
    "M",	   "verbose",
    "silent",	   "loud",
    "acl",	   "noacl",
    "unbindable",  "make-unbindable",
    "runbindable", "make-runbindable",
    "private",	   "make-private",
    "rprivate",	   "make-rprivate",
    "slave",	   "make-slave",
    "rslave",	   "make-rslave",
    "shared",	   "make-shared",
    "rshared",	   "make-rshared",
    "relatime",	   "norelatime",
    "iversion",	   "noiversion",
    "strictatime", "user",
    "nouser",	   NULL,
};

static void check_mount(struct checker *ck, struct rule *r)
{
	static const char *const conds[] = {"fstype", "vfstype", "options", NULL};

	check_cond_names(ck, r, r->conds, conds, "");
	check_cond_values(ck, r->conds, "options", mount_options, "unsupported mount option");
}

static void check_pivot_root(struct checker *ck, struct rule *r)
{
	static const char *const conds[] = {"oldroot", NULL};

	check_cond_names(ck, r, r->conds, conds, "");
}

/* A number, optionally followed by a unit drawn from units (value scaled). */
static bool split_number(const char *text, long long *num, const char **unit)
{
	char *end;

	if (!*text)
		return false;
	*num = strtoll(text, &end, 10);
	if (end == text)
		return false;
	*unit = end;
	return true;
}

static void check_rlimit(struct checker *ck, struct rule *r)
{
	static const char *const sizes[] = {"fsize", "data",	"stack",    "core", "rss",
					    "as",    "memlock", "msgqueue", NULL};
	static const char *const numbers[] = {"ofile", "nofile", "locks", "sigpending",
					      "nproc", "rtprio", NULL};
	static const char *const times[] = {"cpu", "rttime", NULL};
	static const char *const size_units[] = {"", "K", "KB", "M", "MB", "G", "GB", NULL};
	static const char *const time_units[] = {
	    "",
	    "us",
	    "microsecond",
	    "microseconds",
	    "ms",
	    "millisecond",
	    "milliseconds",
	    "s",
	    "sec",
	    "second",
	    "seconds",
	    "min",
	    "minute",
	    "minutes",
	    "h",
	    "hour",
	    "hours",
	    "d",
	    "day",
	    "days",
	    "week",
	    "weeks",
	    NULL,
	};
	static const char *const subsecond[] = {
	    "us", "microsecond", "microseconds", "ms", "millisecond", "milliseconds", NULL};
	struct value *name = r->words, *val = name ? name->next : NULL;
	char text[128];
	const char *unit;
	long long num;

	if (r->own_qual) {
		fail(ck, &r->loc, "rlimit rules take no audit, allow, deny or owner prefix");
		return;
	}
	if (!name || !val) {
		fail(ck, &r->loc, "incomplete rlimit rule");
		return;
	}
	/* "10 M" and "10M" are the same value. */
	snprintf(text, sizeof(text), "%s%s", val->text, val->next ? val->next->text : "");
	if (val->next && val->next->next) {
		fail(ck, &val->loc, "invalid rlimit value");
		return;
	}
	if (!in_list(name->text, sizes) && !in_list(name->text, numbers) &&
	    !in_list(name->text, times) && strcmp(name->text, "nice") != 0) {
		fail(ck, &name->loc, "invalid rlimit '%s'", name->text);
		return;
	}
	if (strcmp(text, "infinity") == 0)
		return;
	if (!split_number(text, &num, &unit)) {
		fail(ck, &val->loc, "rlimit '%s' invalid value '%s'", name->text, text);
		return;
	}
	if (strcmp(name->text, "nice") == 0) {
		if (*unit || num < -20 || num > 19)
			fail(ck, &val->loc, "rlimit 'nice' out of range (-20 .. 19): %s", text);
		return;
	}
	if (num < 0) {
		fail(ck, &val->loc, "rlimit '%s' invalid value '%s'", name->text, text);
		return;
	}
	if (in_list(name->text, sizes)) {
		if (!in_list(unit, size_units))
			fail(ck, &val->loc, "rlimit '%s' invalid value '%s'", name->text, text);
	} else if (in_list(name->text, numbers)) {
		if (*unit)
			fail(ck, &val->loc, "rlimit '%s' invalid value '%s'", name->text, text);
	} else {
		if (!in_list(unit, time_units))
			fail(ck, &val->loc, "rlimit '%s' invalid value '%s'", name->text, text);
		else if (strcmp(name->text, "cpu") == 0 && in_list(unit, subsecond))
			fail(ck, &val->loc, "rlimit 'cpu' below the minimum value of 1s");
	}
}

static void check_file(struct checker *ck, struct rule *r)
{
	if (r->has_file && !r->path) {
		if (r->qual & QUAL_DENY)
			fail(ck, &r->loc,
			     "'deny file,' would deny exec with a qualifier: use explicit modes");
		return;
	}
	expand_field(ck, &r->path, &r->path_loc, true);
}

/* "&a" (a bare stacking marker) and ":ns" or ":ns:" lack a profile. */
static void check_change_profile_target(struct checker *ck, struct rule *r)
{
	const char *t = r->target;

	if (!t)
		return;
	if (t[0] == '&') {
		fail_after_parse(ck, &r->target_loc,
				 "change_profile target '%s' is not a profile name", t);
		return;
	}
	if (t[0] == ':') {
		const char *end = strchr(t + 1, ':');

		if (!end || end[1] == '\0')
			fail_after_parse(ck, &r->target_loc, "namespace in '%s' names no profile",
					 t);
	}
}

static void check_owner_allowed(struct checker *ck, struct rule *r)
{
	/* Qualifier blocks only qualify the rules that can take them. */
	if (!(r->own_qual & (QUAL_OWNER | QUAL_OTHER)))
		return;
	if (r->kind == RULE_FILE || r->kind == RULE_LINK)
		return;
	fail(ck, &r->loc, "owner prefix not allowed on %s rules", rule_kind_name(r->kind));
}

static void check_rule(struct checker *ck, struct rule *r)
{
	check_owner_allowed(ck, r);
	switch (r->kind) {
	case RULE_FILE:
		check_file(ck, r);
		break;
	case RULE_LINK:
		expand_field(ck, &r->path, &r->path_loc, true);
		expand_field(ck, &r->target, &r->target_loc, true);
		break;
	case RULE_CAPABILITY:
		check_capability(ck, r);
		break;
	case RULE_NETWORK:
		check_network(ck, r);
		break;
	case RULE_SIGNAL:
		/* signal names are checked as written, before any expansion */
		check_signal(ck, r);
		expand_conds(ck, r->conds);
		break;
	case RULE_PTRACE:
		expand_conds(ck, r->conds);
		check_ptrace(ck, r);
		break;
	case RULE_UNIX:
		check_unix(ck, r);
		expand_conds(ck, r->conds);
		expand_conds(ck, r->peer_conds);
		break;
	case RULE_DBUS:
		expand_conds(ck, r->conds);
		expand_conds(ck, r->peer_conds);
		check_dbus(ck, r);
		break;
	case RULE_MOUNT:
	case RULE_REMOUNT:
	case RULE_UMOUNT:
		check_mount(ck, r);
		expand_conds(ck, r->conds);
		expand_field(ck, &r->path, &r->path_loc, false);
		expand_field(ck, &r->target, &r->target_loc, false);
		break;
	case RULE_PIVOT_ROOT:
		/* the profile after "->" is a name, not expanded here */
		expand_conds(ck, r->conds);
		expand_field(ck, &r->path, &r->path_loc, false);
		check_pivot_root(ck, r);
		break;
	case RULE_CHANGE_PROFILE:
		expand_field(ck, &r->path, &r->path_loc, true);
		expand_field(ck, &r->target, &r->target_loc, true);
		check_change_profile_target(ck, r);
		break;
	case RULE_RLIMIT:
		check_rlimit(ck, r);
		break;
	default:
		break;
	}
}

/* ---- profiles --------------------------------------------------------- */

static const struct {
	const char *name;
	unsigned bit;
} profile_flags[] = {
    {"enforce", PFLAG_ENFORCE},
    {"complain", PFLAG_COMPLAIN},
    {"kill", PFLAG_KILL},
    {"unconfined", PFLAG_UNCONFINED},
    {"audit", PFLAG_AUDIT},
    {"mediate_deleted", PFLAG_MEDIATE_DELETED},
    {"delegate_deleted", PFLAG_DELEGATE_DELETED},
    {"attach_disconnected", PFLAG_ATTACH_DISCONNECTED},
    {"no_attach_disconnected", PFLAG_NO_ATTACH_DISCONNECTED},
    {"chroot_relative", PFLAG_CHROOT_RELATIVE},
    {"namespace_relative", PFLAG_NAMESPACE_RELATIVE},
    {"chroot_attach", PFLAG_CHROOT_ATTACH},
    {"chroot_no_attach", PFLAG_CHROOT_NO_ATTACH},
};

static const char *flag_name(unsigned bit)
{
	for (size_t i = 0; i < sizeof(profile_flags) / sizeof(profile_flags[0]); i++)
		if (profile_flags[i].bit == bit)
			return profile_flags[i].name;
	return "?";
}

static void check_flags(struct checker *ck, struct profile *p)
{
	static const unsigned exclusive_pairs[][2] = {
	    {PFLAG_MEDIATE_DELETED, PFLAG_DELEGATE_DELETED},
	    {PFLAG_ATTACH_DISCONNECTED, PFLAG_NO_ATTACH_DISCONNECTED},
	    {PFLAG_CHROOT_RELATIVE, PFLAG_NAMESPACE_RELATIVE},
	    {PFLAG_CHROOT_ATTACH, PFLAG_CHROOT_NO_ATTACH},
	};
	const unsigned modes = PFLAG_ENFORCE | PFLAG_COMPLAIN | PFLAG_KILL | PFLAG_UNCONFINED;

	for (struct value *v = p->flag_words; v; v = v->next) {
		unsigned bit = 0;

		for (size_t i = 0; i < sizeof(profile_flags) / sizeof(profile_flags[0]); i++)
			if (strcmp(v->text, profile_flags[i].name) == 0)
				bit = profile_flags[i].bit;
		if (!bit) {
			if (strcmp(v->text, "debug") == 0)
				fail(ck, &v->loc, "profile flag 'debug' is no longer valid");
			else
				fail(ck, &v->loc, "invalid profile flag '%s'", v->text);
			continue;
		}
		if ((bit & modes) && (p->flags & modes & ~bit))
			fail(ck, &v->loc, "profile flag '%s' conflicts with '%s'",
			     flag_name(p->flags & modes & ~bit), v->text);
		for (size_t i = 0; i < sizeof(exclusive_pairs) / sizeof(exclusive_pairs[0]); i++) {
			unsigned a = exclusive_pairs[i][0], b = exclusive_pairs[i][1];

			if ((bit == a && (p->flags & b)) || (bit == b && (p->flags & a)))
				fail(ck, &v->loc, "profile flag %s conflicts with %s", flag_name(a),
				     flag_name(b));
		}
		p->flags |= bit;
	}
}

static void check_duplicates(struct checker *ck, struct profile *list, const char *what)
{
	for (struct profile *a = list; a; a = a->next)
		for (struct profile *b = a->next; b; b = b->next)
			if (strcmp(a->name, b->name) == 0)
				fail(ck, &b->loc, "multiple definitions for %s '%s'", what,
				     b->name);
}

/*
 * A name that is a path doubles as the attachment glob. apparmor_parser
 * checks it piecewise between "//" separators, so @{HOME} as a name
 * ("{/home//STAR/,/root/}") is refused though balanced as a whole.
 */
static void check_name_glob(struct checker *ck, struct profile *p)
{
	const char *start = p->name;

	for (;;) {
		const char *sep = strstr(start, "//");
		size_t len = sep ? (size_t)(sep - start) : strlen(start);
		char *piece = arena_strndup(ck->pol->arena, start, len);
		const char *error;

		if (aare_check(piece, &error) < 0) {
			fail_after_parse(ck, &p->loc, "bad pattern in profile name '%.80s': %s",
					 p->name, error);
			return;
		}
		if (!sep)
			return;
		start = sep + 2;
	}
}

static bool has_transition(const struct rule *r)
{
	return r->kind == RULE_FILE && r->path && !(r->qual & QUAL_DENY) && r->exec != EXEC_NONE &&
	       r->exec != EXEC_BARE;
}

static bool same_string(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/*
 * Two rules for the very same path must agree on the exec transition:
 * "/bin/a ix" and "/bin/a px" leave the kernel no way to choose. Only
 * identical path text is compared, as apparmor_parser does; overlapping
 * globs are resolved by the compiler's precedence rules instead.
 */
static void check_exec_conflicts(struct checker *ck, struct profile *p)
{
	for (struct rule *a = p->rules; a; a = a->next) {
		if (!has_transition(a))
			continue;
		for (struct rule *b = a->next; b; b = b->next) {
			if (!has_transition(b) || strcmp(a->path, b->path) != 0)
				continue;
			if (a->exec != b->exec || a->exec_clean != b->exec_clean ||
			    !same_string(a->target, b->target)) {
				fail_after_parse(ck, &b->mode_loc,
						 "conflicting x modifiers for '%s'", b->path);
				return;
			}
		}
	}
}

/* The same change_profile permission cannot be both safe and unsafe. */
static void check_change_profile_conflicts(struct checker *ck, struct profile *p)
{
	for (struct rule *a = p->rules; a; a = a->next) {
		if (a->kind != RULE_CHANGE_PROFILE || !a->exec_safety || (a->qual & QUAL_DENY))
			continue;
		for (struct rule *b = a->next; b; b = b->next) {
			if (b->kind != RULE_CHANGE_PROFILE || !b->exec_safety ||
			    (b->qual & QUAL_DENY) || !same_string(a->path, b->path) ||
			    !same_string(a->target, b->target))
				continue;
			if (strcmp(a->exec_safety, b->exec_safety) != 0) {
				fail_after_parse(
				    ck, &b->loc,
				    "conflicting safe and unsafe change_profile rules");
				return;
			}
		}
	}
}

static void check_profile(struct checker *ck, struct profile *p)
{
	const struct profile *saved = ck->prof;

	ck->prof = p;
	expand_field(ck, &p->name, &p->loc, false);
	if (p->name && !ck->discarded)
		check_name_glob(ck, p);
	expand_field(ck, &p->attachment, &p->attachment_loc, true);
	check_flags(ck, p);
	for (struct rule *r = p->rules; r; r = r->next)
		check_rule(ck, r);
	if (!ck->discarded) {
		check_exec_conflicts(ck, p);
		check_change_profile_conflicts(ck, p);
	}
	check_duplicates(ck, p->children, "hat or child profile");
	for (struct profile *c = p->children; c; c = c->next)
		check_profile(ck, c);
	ck->prof = saved;
}

/* ---- rules the kernel cannot enforce --------------------------------------- */

/*
 * With a feature set that lacks a rule class, apparmor_parser drops the
 * rules of that class and says so under --warn=rule-not-enforced (unix
 * rules that fall back to plain network rules under rule-downgraded).
 * Its order: profiles by name, each before its children; per rule; then
 * one "network rules not enforced" per profile when the kernel has no
 * network mediation at all, placed at the end of the file.
 */
struct unenforced {
	struct checker *ck;
	bool has_network, has_unix;
	bool stop; /* a warning became an error: apparmor_parser stops there */
};

static const struct source *top_source(const struct loc *l)
{
	while (l->included_from)
		l = l->included_from;
	return l->src;
}

/* How many unix socket rules a network or unix rule stands for. */
static unsigned unix_socket_rules(const struct rule *r)
{
	const struct value *w = r->words;

	if (r->kind == RULE_UNIX)
		return 1;
	if (r->kind != RULE_NETWORK)
		return 0;
	if (!w)
		return 1;
	if (strcmp(w->text, "unix") == 0)
		/* "network unix," is one rule per socket type */
		return w->next ? 1 : 6;
	/* "packet" is read as the domain; a bare protocol is not unix */
	return !in_list(w->text, net_domains) && in_list(w->text, net_types);
}

static bool uses_network(const struct profile *p)
{
	for (const struct rule *r = p->rules; r; r = r->next)
		if (r->kind == RULE_NETWORK || r->kind == RULE_UNIX)
			return true;
	return false;
}

static int compare_profile_names(const void *a, const void *b)
{
	const struct profile *pa = *(const struct profile *const *)a;
	const struct profile *pb = *(const struct profile *const *)b;

	return strcmp(pa->name ? pa->name : "", pb->name ? pb->name : "");
}

/* Call fn on each profile in the list, by name, parents before children. */
static void walk_by_name(struct unenforced *u, struct profile *list,
			 void (*fn)(struct unenforced *, const struct profile *))
{
	struct profile **v;
	size_t n = 0;

	for (struct profile *p = list; p; p = p->next)
		n++;
	if (!n)
		return;
	v = calloc(n, sizeof(*v));
	if (!v) {
		u->stop = true;
		return;
	}
	n = 0;
	for (struct profile *p = list; p; p = p->next)
		v[n++] = p;
	qsort(v, n, sizeof(*v), compare_profile_names);
	for (size_t i = 0; i < n && !u->stop; i++) {
		fn(u, v[i]);
		walk_by_name(u, v[i]->children, fn);
	}
	free(v);
}

static void unenforced_say(struct unenforced *u, unsigned cls, const char *where, const char *msg)
{
	unsigned errors = u->ck->diag->errors;

	diag_class_warning(u->ck->diag, cls, where, "%s", msg);
	if (u->ck->diag->errors != errors) {
		u->ck->status = -EINVAL;
		u->stop = true;
	}
}

static void unenforced_rules(struct unenforced *u, const struct profile *p)
{
	const struct features *f = u->ck->features;
	char where[512];

	snprintf(where, sizeof(where), "profile %s (%s)", p->name ? p->name : "",
		 top_source(&p->loc)->name);
	for (const struct rule *r = p->rules; r && !u->stop; r = r->next) {
		const char *feature = NULL, *msg = NULL;
		unsigned n;

		switch (r->kind) {
		case RULE_MOUNT:
		case RULE_REMOUNT:
		case RULE_UMOUNT:
		case RULE_PIVOT_ROOT:
			/* sic: apparmor_parser 3.0 cuts this one short */
			feature = "mount";
			msg = "mount rules not enforce";
			break;
		case RULE_DBUS:
			feature = "dbus";
			msg = "dbus rules not enforced";
			break;
		case RULE_SIGNAL:
			feature = "signal";
			msg = "signal rules not enforced";
			break;
		case RULE_PTRACE:
			feature = "ptrace";
			msg = "ptrace rules not enforced";
			break;
		default:
			break;
		}
		if (feature) {
			if (!features_has(f, feature))
				unenforced_say(u, DIAG_W_RULE_NOT_ENFORCED, where, msg);
			continue;
		}
		n = u->has_unix ? 0 : unix_socket_rules(r);
		/*
		 * With network mediation to fall back on, these are only told
		 * when asked for (deny: rule-not-enforced; the rest:
		 * rule-downgraded) and not under -q.
		 */
		if (u->has_network && (!(u->ck->diag->classes.warn &
					 ((r->qual & QUAL_DENY) ? DIAG_W_RULE_NOT_ENFORCED
								: DIAG_W_RULE_DOWNGRADED)) ||
				       u->ck->diag->quiet))
			n = 0;
		for (unsigned i = 0; i < n && !u->stop; i++) {
			if (r->qual & QUAL_DENY)
				unenforced_say(u, DIAG_W_RULE_NOT_ENFORCED, where,
					       "deny unix socket rule not enforced, can't be "
					       "downgraded to generic network rule\n");
			else if (u->has_network)
				unenforced_say(u, DIAG_W_RULE_NOT_ENFORCED, where,
					       "downgrading extended network unix socket rule to "
					       "generic network rule\n");
			else
				unenforced_say(u, DIAG_W_RULE_NOT_ENFORCED, where,
					       "extended network unix socket rules not enforced");
		}
	}
}

static void unenforced_network(struct unenforced *u, const struct profile *p)
{
	const struct source *src = top_source(&p->loc);
	unsigned lines = 1;
	char where[512], msg[512];

	if (!uses_network(p))
		return;
	/* the line apparmor_parser's lexer stands on once the file is read */
	for (size_t i = 0; i < src->len; i++)
		lines += src->data[i] == '\n';
	snprintf(where, sizeof(where), "%s (%s line %u)", src->name, src->name, lines);
	/* only a warning on show can become an error */
	if (!(u->ck->diag->classes.warn & DIAG_W_RULE_NOT_ENFORCED) || u->ck->diag->quiet)
		return;
	snprintf(msg, sizeof(msg), "profile %s network rules not enforced", p->name ? p->name : "");
	unenforced_say(u, DIAG_W_RULE_NOT_ENFORCED, where, msg);
}

static void report_unenforced(struct checker *ck)
{
	struct unenforced u = {.ck = ck};

	if (!ck->features || ck->status < 0)
		return;
	u.has_network =
	    features_has(ck->features, "network") || features_has(ck->features, "network_v8");
	u.has_unix = features_has(ck->features, "network/af_unix");
	walk_by_name(&u, ck->pol->profiles, unenforced_rules);
	if (!u.has_network && !u.stop)
		walk_by_name(&u, ck->pol->profiles, unenforced_network);
}

int check_policy(struct policy *pol, struct diag *diag, const struct features *features)
{
	struct checker ck = {
	    .pol = pol,
	    .diag = diag,
	    .features = features,
	};

	check_duplicates(&ck, pol->profiles, "profile");
	for (struct profile *p = pol->profiles; p; p = p->next)
		check_profile(&ck, p);
	ck.discarded = true;
	for (struct profile *p = pol->discarded; p; p = p->next)
		check_profile(&ck, p);
	report_unenforced(&ck);
	return ck.status;
}
