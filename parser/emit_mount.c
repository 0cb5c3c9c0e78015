// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mount class of the policydb (spec §3.11) as apparmor_parser 3.0.8
 * writes it: mount and remount rules, umount, pivot_root and its
 * transitions. Every encoding here was observed on that parser's output;
 * parser/compile/README.md describes it.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "parser/emit_compiler.h"

/*
 * The mount class (spec §3.11): apparmor_parser 3.0.8 writes the permission
 * in the owner half of the old accept word (observed): umount as r,
 * pivot_root as x, mount as w. A mount state also has 0x40 (the kernel's
 * "match the data as well" bit) in its owner audit field, never in allow,
 * and never from a deny rule: the kernel reads it only from allow, so it
 * changes nothing there, but it is part of the oracle's output.
 */
#define MOUNT_CLASS	  7
#define MOUNT_PERM_UMOUNT VC_MAY_READ
#define MOUNT_PERM_PIVOT  VC_MAY_EXEC
#define MOUNT_PERM_MOUNT  VC_MAY_WRITE
#define MOUNT_AUDIT_DATA  0x40u

/* Append a path glob to *root, or any bytes but NUL when there is none. */
static int append_mount_path(struct compiler *c, const char *glob, uint32_t *root, bool *exact)
{
	VcByteSet any = emit_byte_set(-1);
	uint32_t node;
	bool e = true;
	int q;

	if (glob)
		q = vc_regex_from_glob(&c->rx, glob, strlen(glob), &node, &e);
	else {
		vc_byteset_remove(&any, 0);
		q = vc_regex_bytes(&c->rx, &any, &node);
		if (q >= 0)
			q = vc_regex_star(&c->rx, node, &node);
		e = false;
	}
	*exact = *exact && e;
	return q < 0 ? q : vc_regex_concat(&c->rx, *root, node, root);
}

static int add_mount_bytes(struct compiler *c, int byte, uint32_t *root)
{
	VcByteSet set = emit_byte_set(byte);
	uint32_t node;
	int q = vc_regex_bytes(&c->rx, &set, &node);

	return q < 0 ? q : vc_regex_concat(&c->rx, *root, node, root);
}

/*
 * Class 7, then each field (a path glob, or any bytes but NUL for NULL),
 * separated by NUL bytes. *exact tells whether every field was literal.
 */
static int mount_fields(struct compiler *c, const char *const *fields, size_t n, uint32_t *root,
			bool *exact)
{
	VcByteSet cls = emit_byte_set(MOUNT_CLASS);
	int q = vc_regex_bytes(&c->rx, &cls, root);

	*exact = true;
	for (size_t i = 0; i < n && q >= 0; i++) {
		if (i)
			q = add_mount_bytes(c, 0, root);
		if (q >= 0)
			q = append_mount_path(c, fields[i], root, exact);
	}
	return q;
}

/*
 * "umount [CONDS] [MOUNTPOINT]": class 7 then the mount point. The kernel
 * matches nothing else for umount, and apparmor_parser 3.0.8 writes a rule
 * with fstype or options conditions exactly as one without (observed).
 */
int emit_add_umount(struct compiler *c, const struct rule *r)
{
	bool exact;
	uint32_t root;
	int q = mount_fields(c, &r->path, 1, &root, &exact);

	return q < 0 ? q : emit_pdb_root(c, r, root, exact, MOUNT_PERM_UMOUNT, 0, 0);
}

/*
 * Mount flags (MS_RDONLY is bit 0, ...) and the classes apparmor_parser
 * 3.0.8 writes an entry for (observed): the general flags, remount, bind
 * (with MS_REC), move, and the propagation types.
 */
#define MS_REMOUNT_BIT (1u << 5)
#define MS_BIND_BIT    (1u << 12)
#define MS_MOVE_BIT    (1u << 13)
#define MS_REC_BIT     (1u << 14)
#define MS_PROPAGATION (0xfu << 17) /* unbindable, private, slave, shared */
#define MS_NOT_GENERAL (MS_REMOUNT_BIT | MS_BIND_BIT | MS_MOVE_BIT | MS_REC_BIT | MS_PROPAGATION)
#define MS_GENERAL     (~MS_NOT_GENERAL)
#define MS_NOUSER_BIT  (1u << 31)
/* nosuid, nodev, noexec, noatime, nodiratime, relatime, strictatime */
#define MS_PER_MOUNTPOINT (1u << 1 | 1u << 2 | 1u << 3 | 1u << 10 | 1u << 11 | 1u << 21 | 1u << 24)
/* no flag's byte (bit i is byte i + 1): what the oracle writes for "none" */
#define MOUNT_NO_FLAGS_BYTE 0xfe

/* An option word sets some flags and clears others (rw clears MS_RDONLY). */
static const struct mount_option {
	const char *word;
	uint32_t set, clear;
} mount_options[] = {
    {"ro", 1u << 0, 0},
    {"r", 1u << 0, 0},
    {"read-only", 1u << 0, 0},
    {"rw", 0, 1u << 0},
    {"w", 0, 1u << 0},
    {"nosuid", 1u << 1, 0},
    {"suid", 0, 1u << 1},
    {"nodev", 1u << 2, 0},
    {"dev", 0, 1u << 2},
    {"noexec", 1u << 3, 0},
    {"exec", 0, 1u << 3},
    {"sync", 1u << 4, 0},
    {"async", 0, 1u << 4},
    {"remount", MS_REMOUNT_BIT, 0},
    {"mand", 1u << 6, 0},
    {"nomand", 0, 1u << 6},
    {"dirsync", 1u << 7, 0},
    {"noatime", 1u << 10, 0},
    {"atime", 0, 1u << 10},
    {"nodiratime", 1u << 11, 0},
    {"diratime", 0, 1u << 11},
    {"bind", MS_BIND_BIT, 0},
    {"B", MS_BIND_BIT, 0},
    {"rbind", MS_BIND_BIT | MS_REC_BIT, 0},
    {"R", MS_BIND_BIT | MS_REC_BIT, 0},
    {"move", MS_MOVE_BIT, 0},
    {"M", MS_MOVE_BIT, 0},
    {"silent", 1u << 15, 0},
    {"verbose", 1u << 15, 0}, /* the old name of MS_SILENT: it sets it */
    {"loud", 0, 1u << 15},
    {"acl", 1u << 16, 0},
    {"noacl", 0, 1u << 16},
    {"unbindable", 1u << 17, 0},
    {"make-unbindable", 1u << 17, 0},
    {"runbindable", 1u << 17 | MS_REC_BIT, 0},
    {"make-runbindable", 1u << 17 | MS_REC_BIT, 0},
    {"private", 1u << 18, 0},
    {"make-private", 1u << 18, 0},
    {"rprivate", 1u << 18 | MS_REC_BIT, 0},
    {"make-rprivate", 1u << 18 | MS_REC_BIT, 0},
    {"slave", 1u << 19, 0},
    {"make-slave", 1u << 19, 0},
    {"rslave", 1u << 19 | MS_REC_BIT, 0},
    {"make-rslave", 1u << 19 | MS_REC_BIT, 0},
    {"shared", 1u << 20, 0},
    {"make-shared", 1u << 20, 0},
    {"rshared", 1u << 20 | MS_REC_BIT, 0},
    {"make-rshared", 1u << 20 | MS_REC_BIT, 0},
    {"relatime", 1u << 21, 0},
    {"norelatime", 0, 0}, /* the oracle gives it no flag at all */
    {"iversion", 1u << 23, 0},
    {"noiversion", 0, 1u << 23},
    {"strictatime", 1u << 24, 0},
    {"nouser", 1u << 31, 0},
    {"user", 0, 1u << 31},
};

static const struct mount_option *find_mount_option(const char *word)
{
	for (size_t i = 0; i < sizeof(mount_options) / sizeof(mount_options[0]); i++)
		if (!strcmp(mount_options[i].word, word))
			return &mount_options[i];
	return NULL;
}

/*
 * A mount rule's conditions as the oracle combines them, over every
 * options condition of the rule: "options=" words add what they set to
 * set and what they clear to clear; "options in" words add both to
 * optional. A flag in set is required, unless it is also in clear (then
 * optional, as is a flag in optional); a flag only in clear is absent.
 */
struct mount_conds {
	bool has_fstype; /* any fstype/vfstype condition */
	uint32_t set, clear, optional;
};

static int read_mount_conds(const struct rule *r, struct mount_conds *m)
{
	*m = (struct mount_conds){0};
	for (const struct cond *k = r->conds; k; k = k->next) {
		if (!strcmp(k->name, "fstype") || !strcmp(k->name, "vfstype")) {
			m->has_fstype = true;
			continue;
		}
		if (strcmp(k->name, "options"))
			return -EOPNOTSUPP;
		for (const struct value *v = k->values; v; v = v->next) {
			const struct mount_option *o = find_mount_option(v->text);

			if (!o)
				return -EOPNOTSUPP;
			if (k->in)
				m->optional |= o->set | o->clear;
			else {
				m->set |= o->set;
				m->clear |= o->clear;
			}
		}
	}
	return 0;
}

/* The fstype field: any of the globs of every fstype condition. */
static int append_fstype(struct compiler *c, const struct rule *r, uint32_t *root, bool *exact)
{
	uint32_t alt = 0, node;
	bool first = true, e = true;
	int q = 0;

	for (const struct cond *k = r->conds; k && q >= 0; k = k->next) {
		if (strcmp(k->name, "fstype") && strcmp(k->name, "vfstype"))
			continue;
		for (const struct value *v = k->values; v && q >= 0; v = v->next) {
			q = vc_regex_from_glob(&c->rx, v->text, strlen(v->text), &node, &e);
			*exact = *exact && e;
			if (q >= 0)
				q = first ? (alt = node, 0) : vc_regex_alt(&c->rx, alt, node, &alt);
			first = false;
		}
	}
	if (first)
		return append_mount_path(c, NULL, root, exact);
	return q < 0 ? q : vc_regex_concat(&c->rx, *root, alt, root);
}

/*
 * The flags field of an entry: one byte per flag bit i (i + 1), ascending,
 * those in optional each optional. With neither, the oracle writes an
 * optional 0xfe (a byte the kernel never sends): exactly "no flags".
 */
static int append_flags(struct compiler *c, uint32_t required, uint32_t optional, uint32_t *root)
{
	int q = 0;

	for (int bit = 0; bit < 32 && q >= 0; bit++) {
		uint32_t node, empty;

		if (!((required | optional) & 1u << bit))
			continue;
		q = vc_regex_byte(&c->rx, bit + 1, &node);
		if (q >= 0 && (optional & 1u << bit)) {
			q = vc_regex_empty(&c->rx, &empty);
			if (q >= 0)
				q = vc_regex_alt(&c->rx, node, empty, &node);
		}
		if (q >= 0)
			q = vc_regex_concat(&c->rx, *root, node, root);
	}
	if (q >= 0 && !required && !optional) {
		uint32_t node, empty;

		q = vc_regex_byte(&c->rx, MOUNT_NO_FLAGS_BYTE, &node);
		if (q >= 0)
			q = vc_regex_empty(&c->rx, &empty);
		if (q >= 0)
			q = vc_regex_alt(&c->rx, node, empty, &node);
		if (q >= 0)
			q = vc_regex_concat(&c->rx, *root, node, root);
	}
	return q;
}

/*
 * One mount entry: class 7, mount point, NUL, source, NUL, fstype, NUL,
 * then the flags of m within mask (any bytes but NUL when the rule has no
 * options at all).
 */
static int add_mount_entry(struct compiler *c, const struct rule *r, const struct mount_conds *m,
			   const char *const fields[2], uint32_t mask, bool data_match)
{
	bool exact, any_flags_exact = true;
	uint32_t root;
	int q = mount_fields(c, fields, 2, &root, &exact);

	if (q >= 0)
		q = add_mount_bytes(c, 0, &root);
	if (q >= 0)
		q = append_fstype(c, r, &root, &exact);
	if (q >= 0)
		q = add_mount_bytes(c, 0, &root);
	if (q >= 0 && !(m->set | m->clear | m->optional))
		q = append_mount_path(c, NULL, &root, &any_flags_exact);
	else if (q >= 0)
		q = append_flags(c, m->set & ~m->clear & mask,
				 ((m->set & m->clear) | m->optional) & mask, &root);
	return q < 0 ? q
		     : emit_pdb_root(c, r, root, exact, MOUNT_PERM_MOUNT, 0,
				     data_match ? MOUNT_AUDIT_DATA : 0);
}

/*
 * "mount [CONDS] [SOURCE] [-> MOUNTPOINT]" and "remount [CONDS]
 * [MOUNTPOINT]" as apparmor_parser 3.0.8 writes them (observed): one entry
 * per class the rule names, each with the rule's flags within a mask:
 *   general (a general flag set, cleared or optional; or no options at
 *   all): the general flags, with the data-match bit;
 *   remount: every flag but move, the propagation types and nouser, with
 *   the data-match bit; only without fstype and source;
 *   bind: bind and MS_REC; move: move; only without fstype;
 *   propagation: every flag but nouser and the per-mount-point ones
 *   (nosuid, nodev, noexec, noatime, nodiratime, relatime, strictatime);
 *   only without fstype and source.
 * The remount keyword makes MS_REMOUNT and every optional flag required
 * and ignores what options clear. A rule left without any entry is an
 * error, with the oracle's message.
 */
int emit_add_mount(struct compiler *c, const struct rule *r)
{
	bool remount = r->kind == RULE_REMOUNT;
	/* mount point and source */
	const char *fields[2] = {remount ? r->path : r->target, remount ? NULL : r->path};
	struct mount_conds m;
	uint32_t named;
	size_t before = c->n_pdb;
	int q = read_mount_conds(r, &m);

	if (q < 0)
		return q;
	if (remount) {
		m.set |= m.optional | MS_REMOUNT_BIT;
		m.optional = 0;
		m.clear = 0;
	}
	named = m.set | m.optional;
	if (!(m.set | m.clear | m.optional) || ((m.set | m.clear | m.optional) & MS_GENERAL))
		q = add_mount_entry(c, r, &m, fields, MS_GENERAL, true);
	if (q >= 0 && (named & MS_REMOUNT_BIT) && !m.has_fstype && !fields[1])
		q = add_mount_entry(c, r, &m, fields,
				    ~(MS_MOVE_BIT | MS_PROPAGATION | MS_NOUSER_BIT), true);
	if (q >= 0 && (named & MS_BIND_BIT) && !m.has_fstype)
		q = add_mount_entry(c, r, &m, fields, MS_BIND_BIT | MS_REC_BIT, false);
	if (q >= 0 && (named & MS_MOVE_BIT) && !m.has_fstype)
		q = add_mount_entry(c, r, &m, fields, MS_MOVE_BIT, false);
	if (q >= 0 && (named & MS_PROPAGATION) && !m.has_fstype && !fields[1])
		q = add_mount_entry(c, r, &m, fields, ~(MS_PER_MOUNTPOINT | MS_NOUSER_BIT), false);
	if (q >= 0 && c->n_pdb == before)
		return -ENOEXEC;
	return q;
}

/*
 * "pivot_root [oldroot=OLD] [NEW] [-> PROFILE]": class 7, new root, NUL,
 * old root, granting x. apparmor_parser 3.0.8 puts the profile in the file
 * xtable after the file rules' entries (observed) and its index in the
 * state's exec bits, so rules with targets are added after every other rule.
 * Transitions combine as plain bits (VcRulePerms.plain_exec), as the
 * oracle's do. (The 6.12 kernel does not use the transition.)
 */
int emit_add_pivot_root(struct compiler *c, const struct rule *r)
{
	const char *fields[] = {r->path, emit_cond_value(r, "oldroot")};
	uint16_t perms = MOUNT_PERM_PIVOT;
	uint32_t index;
	bool exact;
	uint32_t root;
	int q = 0;

	if (r->target) {
		q = emit_xtable_index(c, r->target, &index);
		perms |= (uint16_t)((VC_EXEC_TARGET_TABLE + index) << VC_EXEC_TARGET_SHIFT);
	}
	if (q >= 0)
		q = mount_fields(c, fields, 2, &root, &exact);
	if (q >= 0)
		q = emit_pdb_root(c, r, root, exact, perms, 0, 0);
	if (q >= 0)
		c->pdb[c->n_pdb - 1].perms.plain_exec = true;
	return q;
}
