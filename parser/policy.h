/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_POLICY_H
#define VIGIL_PARSER_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "parser/arena.h"
#include "parser/source.h"

/* The in-memory policy the front end produces; all of it lives in one arena. */

struct value {
	const char *text;
	bool quoted;
	struct loc loc;
	struct value *next;
};

/* name=value or name=(v1 v2 ...), as used by mount, dbus, unix, signal... */
struct cond {
	const char *name;
	struct loc loc;
	struct value *values;
	bool in;   /* "name in (...)" rather than "name=" */
	bool list; /* values were parenthesised */
	struct cond *next;
};

enum rule_kind {
	RULE_FILE,
	RULE_LINK,
	RULE_CAPABILITY,
	RULE_NETWORK,
	RULE_SIGNAL,
	RULE_PTRACE,
	RULE_MOUNT,
	RULE_REMOUNT,
	RULE_UMOUNT,
	RULE_PIVOT_ROOT,
	RULE_UNIX,
	RULE_DBUS,
	RULE_CHANGE_PROFILE,
	RULE_RLIMIT,
	RULE_KIND_MAX,
};

enum {
	QUAL_AUDIT = 1u << 0,
	QUAL_ALLOW = 1u << 1,
	QUAL_DENY = 1u << 2,
	QUAL_OWNER = 1u << 3,
	QUAL_OTHER = 1u << 4,
};

/* File permission bits, as letters in a rule. */
enum {
	PERM_READ = 1u << 0,
	PERM_WRITE = 1u << 1,
	PERM_APPEND = 1u << 2,
	PERM_LINK = 1u << 3,
	PERM_LOCK = 1u << 4,
	PERM_MMAP = 1u << 5,
	PERM_EXEC = 1u << 6,
};

/* Exec transition of a file rule ("ix", "Px", "cux", ...). */
enum exec_mode {
	EXEC_NONE = 0,
	EXEC_BARE,    /* x: only valid with deny */
	EXEC_INHERIT, /* ix */
	EXEC_UNCONFINED,
	EXEC_PROFILE,
	EXEC_CHILD,
	EXEC_PROFILE_INHERIT, /* pix */
	EXEC_CHILD_INHERIT,
	EXEC_PROFILE_UNCONFINED, /* pux */
	EXEC_CHILD_UNCONFINED,
};

struct rule {
	enum rule_kind kind;
	unsigned qual;	   /* effective: own plus those of enclosing blocks */
	unsigned own_qual; /* written on the rule itself */
	struct loc loc;
	/* file, link, mount source, pivot_root new root, change_profile exec cond */
	const char *path;
	struct loc path_loc;
	/* file mode, as written and decoded */
	const char *mode_text;
	struct loc mode_loc;
	uint32_t perms;
	enum exec_mode exec;
	bool exec_clean; /* upper-case letter: scrub the environment */
	/* "-> target": exec target, link target, mount point, change_profile target */
	const char *target;
	struct loc target_loc;
	bool subset;   /* link subset */
	bool has_file; /* the rule used the "file" keyword */
	/* capability names, network words, access words, rlimit name and value */
	struct value *words;
	struct cond *conds;
	struct cond *peer_conds;
	unsigned n_peer_blocks;
	const char *exec_safety; /* change_profile safe|unsafe */
	struct rule *next;
};

enum {
	PFLAG_ENFORCE = 1u << 0,
	PFLAG_COMPLAIN = 1u << 1,
	PFLAG_KILL = 1u << 2,
	PFLAG_UNCONFINED = 1u << 3,
	PFLAG_AUDIT = 1u << 4,
	PFLAG_MEDIATE_DELETED = 1u << 5,
	PFLAG_DELEGATE_DELETED = 1u << 6,
	PFLAG_ATTACH_DISCONNECTED = 1u << 7,
	PFLAG_NO_ATTACH_DISCONNECTED = 1u << 8,
	PFLAG_CHROOT_RELATIVE = 1u << 9,
	PFLAG_NAMESPACE_RELATIVE = 1u << 10,
	PFLAG_CHROOT_ATTACH = 1u << 11,
	PFLAG_CHROOT_NO_ATTACH = 1u << 12,
};

struct profile {
	const char *name;
	struct loc loc;
	const char *attachment; /* exec attachment glob, if given */
	struct loc attachment_loc;
	struct value *flag_words;
	unsigned flags;
	struct cond *xattrs;
	bool is_hat;
	bool has_profile_keyword;
	struct profile *parent;
	struct rule *rules, **rules_tail;
	struct profile *children, **children_tail;
	struct profile *next;
	/* files already included into this profile: each is read once */
	const struct source **included;
	size_t n_included, cap_included;
};

struct variable {
	const char *name;
	struct loc loc;
	bool is_bool;
	bool bool_value;
	struct value *values, **values_tail;
	struct variable *next;
};

struct alias {
	const char *from, *to;
	struct loc loc;
	struct alias *next;
};

struct policy {
	struct arena *arena;
	struct profile *profiles, **profiles_tail;
	/* bodies of untaken if/else branches: checked, but not policy */
	struct profile *discarded;
	struct variable *variables;
	struct alias *aliases;
	const char *abi; /* as written in the abi rule, if any */
	/* files included at file scope, each at most once */
	const struct source **included;
	size_t n_included, cap_included;
};

void policy_init(struct policy *pol, struct arena *a);
struct profile *profile_new(struct policy *pol, struct profile *parent);
void profile_add_rule(struct profile *p, struct rule *r);
struct variable *policy_find_variable(const struct policy *pol, const char *name, bool is_bool);
const char *rule_kind_name(enum rule_kind k);

#endif
