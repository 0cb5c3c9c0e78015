// SPDX-License-Identifier: GPL-2.0-only
/*
 * Policy stream writer: a checked policy in, apparmor_parser 3.0.8's
 * binary layout out (spec §1.3-§1.10). Field order and element choice
 * follow what that parser writes for the same features, so that the
 * output can be compared record by record with the oracle's.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>

#include "parser/compile/compile.h"
#include "parser/compile/stream.h"
#include "parser/emit.h"
#include "parser/emit_compiler.h"

/* All network permissions in the policydb layout (spec §3.4, §3.11). */
#define NET_PERMS_USER	0x76u
#define NET_PERMS_OTHER 0x7fu

void emit_buffer_release(struct emit_buffer *b)
{
	free(b->data);
	*b = (struct emit_buffer){};
}

static int buf_reserve(struct emit_buffer *b, size_t n)
{
	size_t cap;
	uint8_t *p;

	if (b->size + n <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->size + n)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p)
		return -ENOMEM;
	b->data = p;
	b->cap = cap;
	return 0;
}

static int put_bytes(struct emit_buffer *b, const void *p, size_t n)
{
	int r = buf_reserve(b, n);

	if (r < 0)
		return r;
	if (n)
		memcpy(b->data + b->size, p, n);
	b->size += n;
	return 0;
}

static int put_le(struct emit_buffer *b, uint64_t v, size_t n)
{
	uint8_t tmp[8];

	for (size_t i = 0; i < n; i++)
		tmp[i] = (uint8_t)(v >> (8 * i));
	return put_bytes(b, tmp, n);
}

static int put_code(struct emit_buffer *b, uint8_t code)
{
	return put_bytes(b, &code, 1);
}

static int put_u32(struct emit_buffer *b, uint32_t v)
{
	int r = put_code(b, VC_T_U32);

	return r < 0 ? r : put_le(b, v, 4);
}

static int put_u64(struct emit_buffer *b, uint64_t v)
{
	int r = put_code(b, VC_T_U64);

	return r < 0 ? r : put_le(b, v, 8);
}

/* NAME and STRING: u16 length including the NUL, then the text and NUL. */
static int put_text(struct emit_buffer *b, uint8_t code, const char *s, size_t len)
{
	int r;

	if (len + 1 > UINT16_MAX)
		return -E2BIG;
	r = put_code(b, code);
	if (r >= 0)
		r = put_le(b, len + 1, 2);
	if (r >= 0)
		r = put_bytes(b, s, len);
	if (r >= 0)
		r = put_code(b, 0);
	return r;
}

static int put_name(struct emit_buffer *b, const char *name)
{
	return put_text(b, VC_T_NAME, name, strlen(name));
}

static int put_string(struct emit_buffer *b, const char *s)
{
	return put_text(b, VC_T_STRING, s, strlen(s));
}

static int put_named_u32(struct emit_buffer *b, const char *name, uint32_t v)
{
	int r = put_name(b, name);

	return r < 0 ? r : put_u32(b, v);
}

static int put_named_string(struct emit_buffer *b, const char *name, const char *s)
{
	int r = put_name(b, name);

	return r < 0 ? r : put_string(b, s);
}

static int put_struct(struct emit_buffer *b, const char *name)
{
	int r = put_name(b, name);

	return r < 0 ? r : put_code(b, VC_T_STRUCT);
}

/*
 * NAME "aadfa" BLOB: zero padding so that the DFA starts 8-aligned
 * relative to the start of its profile record (the "version" header), as
 * apparmor_parser writes each record.
 */
static int put_dfa(struct emit_buffer *b, size_t record_start, const VcBlob *blob)
{
	size_t payload, pad;
	int r = put_name(b, "aadfa");

	if (r < 0)
		return r;
	payload = b->size + 5 - record_start;
	pad = (8 - payload % 8) % 8;
	if (blob->size + pad > UINT32_MAX)
		return -E2BIG;
	r = put_code(b, VC_T_BLOB);
	if (r >= 0)
		r = put_le(b, blob->size + pad, 4);
	if (r >= 0)
		r = buf_reserve(b, pad);
	if (r < 0)
		return r;
	memset(b->data + b->size, 0, pad);
	b->size += pad;
	return put_bytes(b, blob->data, blob->size);
}

/* ---- per profile ------------------------------------------------------- */

bool emit_has_feature(const struct compiler *c, const char *path)
{
	return c->features && features_has(c->features, path);
}

static VcFileRule *add_rule(struct compiler *c)
{
	if (c->n_rules == c->cap_rules) {
		size_t cap = c->cap_rules ? c->cap_rules * 2 : 64;
		VcFileRule *p = realloc(c->rules, cap * sizeof(*p));
		const struct rule **o;

		if (!p)
			return NULL;
		c->rules = p;
		o = realloc(c->origins, cap * sizeof(*o));
		if (!o)
			return NULL;
		c->origins = o;
		c->cap_rules = cap;
	}
	c->origins[c->n_rules] = c->origin;
	c->rules[c->n_rules] = (VcFileRule){};
	return &c->rules[c->n_rules++];
}

int emit_xtable_index(struct compiler *c, const char *name, uint32_t *ret)
{
	for (size_t i = 0; i < c->n_xtable; i++)
		if (strcmp(c->xtable[i], name) == 0) {
			*ret = (uint32_t)i;
			return 0;
		}
	if (c->n_xtable >= MAX_XTABLE)
		return -E2BIG;
	c->xtable[c->n_xtable] = name;
	*ret = (uint32_t)c->n_xtable++;
	return 0;
}

/* The xtable index in the exec bits of a mode, or -1 for none. */
static int exec_table_index(uint16_t mode)
{
	unsigned target = (mode & VC_EXEC_TARGET_MASK) >> VC_EXEC_TARGET_SHIFT;

	return target >= VC_EXEC_TARGET_TABLE ? (int)(target - VC_EXEC_TARGET_TABLE) : -1;
}

static void renumber_exec_target(uint16_t *mode, const uint32_t *new_index)
{
	int old = exec_table_index(*mode);

	if (old >= 0)
		*mode = (uint16_t)((*mode & ~VC_EXEC_TARGET_MASK) |
				   (VC_EXEC_TARGET_TABLE + new_index[old]) << VC_EXEC_TARGET_SHIFT);
}

/*
 * apparmor_parser 3.0.8 numbers the file rules' xtable entries in the
 * reverse order of the rules, each name where its last rule is (observed).
 * The file DFA means the same in any order, but a pivot_root transition
 * naming one of these entries stores its index: put them in that order.
 */
static void order_xtable_as_oracle(struct compiler *c)
{
	uint32_t new_index[MAX_XTABLE];
	const char *ordered[MAX_XTABLE];
	size_t n = 0;

	for (size_t i = 0; i < c->n_xtable; i++)
		new_index[i] = UINT32_MAX;
	for (size_t i = c->n_rules; i-- > 0;) {
		const uint16_t halves[2] = {c->rules[i].perms.user, c->rules[i].perms.other};

		for (unsigned h = 0; h < 2; h++) {
			int old = exec_table_index(halves[h]);

			if (old >= 0 && new_index[old] == UINT32_MAX) {
				new_index[old] = (uint32_t)n;
				ordered[n++] = c->xtable[old];
			}
		}
	}
	for (size_t i = 0; i < c->n_xtable; i++)
		if (new_index[i] == UINT32_MAX) {
			new_index[i] = (uint32_t)n;
			ordered[n++] = c->xtable[i];
		}
	for (size_t i = 0; i < c->n_rules; i++) {
		renumber_exec_target(&c->rules[i].perms.user, new_index);
		renumber_exec_target(&c->rules[i].perms.other, new_index);
	}
	memcpy(c->xtable, ordered, n * sizeof(*ordered));
}

/*
 * A top-level profile may be named ":ns:name": the namespace goes in the
 * record's header and the name alone in the record (as the oracle writes
 * it). Returns the name without the namespace; *ns gets the namespace or
 * NULL.
 */
static const char *split_namespace(struct arena *a, const char *name, const char **ns)
{
	const char *end;

	*ns = NULL;
	if (name[0] != ':' || !(end = strchr(name + 1, ':')))
		return name;
	*ns = arena_strndup(a, name + 1, (size_t)(end - name - 1));
	return end + 1;
}

static char *hname(struct arena *a, const struct profile *p)
{
	const char *ns;

	if (!p->parent)
		return arena_strdup(a, split_namespace(a, p->name, &ns));
	return arena_printf(a, "%s//%s", hname(a, p->parent), p->name);
}

/*
 * The namespace to name in p's record header: only a top-level profile's
 * (as the oracle writes it); its children follow it in the same load and
 * the kernel keeps the namespace of the previous header.
 */
static const char *profile_namespace(struct arena *a, const struct profile *p)
{
	const char *ns;

	if (p->parent)
		return NULL;
	split_namespace(a, p->name, &ns);
	return ns;
}

/* The 14-bit mode (perms.h) of a file rule as decoded by the front end. */
static uint16_t file_mode(const struct rule *r)
{
	static const uint16_t exec_bits[] = {
	    [EXEC_NONE] = 0,
	    [EXEC_BARE] = VC_MAY_EXEC,
	    [EXEC_INHERIT] = VC_MAY_EXEC | VC_EXEC_INHERIT,
	    [EXEC_UNCONFINED] = VC_MAY_EXEC | 1u << VC_EXEC_TARGET_SHIFT,
	    [EXEC_PROFILE] = VC_MAY_EXEC | 2u << VC_EXEC_TARGET_SHIFT,
	    [EXEC_CHILD] = VC_MAY_EXEC | 3u << VC_EXEC_TARGET_SHIFT,
	    [EXEC_PROFILE_INHERIT] = VC_MAY_EXEC | VC_EXEC_INHERIT | 2u << VC_EXEC_TARGET_SHIFT,
	    [EXEC_CHILD_INHERIT] = VC_MAY_EXEC | VC_EXEC_INHERIT | 3u << VC_EXEC_TARGET_SHIFT,
	    [EXEC_PROFILE_UNCONFINED] = VC_MAY_EXEC | VC_EXEC_PUX | 2u << VC_EXEC_TARGET_SHIFT,
	    [EXEC_CHILD_UNCONFINED] = VC_MAY_EXEC | VC_EXEC_PUX | 3u << VC_EXEC_TARGET_SHIFT,
	};
	uint16_t m = 0;

	if (r->perms & PERM_READ)
		m |= VC_MAY_READ;
	if (r->perms & PERM_WRITE)
		m |= VC_MAY_WRITE | VC_MAY_APPEND;
	if (r->perms & PERM_APPEND)
		m |= VC_MAY_APPEND;
	if (r->perms & PERM_LINK)
		m |= VC_MAY_LINK;
	if (r->perms & PERM_LOCK)
		m |= VC_MAY_LOCK;
	if (r->perms & PERM_MMAP)
		m |= VC_EXEC_MMAP;
	if (r->perms & PERM_EXEC)
		m |= VC_MAY_EXEC;
	if ((unsigned)r->exec < sizeof(exec_bits) / sizeof(exec_bits[0]))
		m |= exec_bits[r->exec];
	/* lower-case transitions keep the environment; ix has no case */
	if (r->exec > EXEC_INHERIT && !r->exec_clean)
		m |= VC_EXEC_UNSAFE;
	return m;
}

static void set_perms(VcFileRule *fr, const struct rule *r, uint16_t mode)
{
	fr->perms.user = (r->qual & QUAL_OTHER) ? 0 : mode;
	fr->perms.other = (r->qual & QUAL_OWNER) ? 0 : mode;
	fr->perms.deny = r->qual & QUAL_DENY;
	fr->perms.audit = r->qual & QUAL_AUDIT;
}

/*
 * "alias FROM -> TO": the oracle gives every file rule whose path starts
 * with FROM a copy with that prefix replaced by TO, in a link rule's
 * target too (observed).
 */
static const char *alias_of(struct compiler *c, const struct alias *al, const char *path)
{
	size_t n = strlen(al->from);

	if (!path || strncmp(path, al->from, n) != 0)
		return NULL;
	return arena_printf(c->arena, "%s%s", al->to, path + n);
}

static int add_alias_copies(struct compiler *c, size_t rule)
{
	for (const struct alias *al = c->pol->aliases; al; al = al->next) {
		const char *glob = alias_of(c, al, c->rules[rule].glob), *target;
		VcFileRule *copy;

		if (!glob)
			continue;
		copy = add_rule(c);
		if (!copy)
			return -ENOMEM;
		*copy = c->rules[rule];
		copy->glob = glob;
		if (copy->link_target && (target = alias_of(c, al, copy->link_target)))
			copy->link_target = target;
	}
	return 0;
}

static int add_file_rule(struct compiler *c, const char *prof_hname, const struct rule *r)
{
	uint16_t mode = file_mode(r);
	VcFileRule *fr;

	if (r->has_file && !r->path && !r->mode_text)
		mode = VC_MAY_READ | VC_MAY_WRITE | VC_MAY_APPEND | VC_MAY_LINK | VC_MAY_LOCK |
		       VC_EXEC_MMAP | VC_MAY_EXEC | VC_EXEC_INHERIT;
	if (r->target && r->kind == RULE_FILE) {
		const char *name = r->target;
		uint32_t k;
		int q;

		if ((r->exec == EXEC_CHILD || r->exec == EXEC_CHILD_INHERIT ||
		     r->exec == EXEC_CHILD_UNCONFINED) &&
		    name[0] != ':')
			name = arena_printf(c->arena, "%s//%s", prof_hname, name);
		q = emit_xtable_index(c, name, &k);
		if (q < 0) {
			fprintf(c->err, "apparmor_parser: profile %s: more than %d exec targets\n",
				prof_hname, MAX_XTABLE);
			return q;
		}
		mode = (uint16_t)((mode & ~VC_EXEC_TARGET_MASK) | (VC_EXEC_TARGET_TABLE + k)
								      << VC_EXEC_TARGET_SHIFT);
	}
	fr = add_rule(c);
	if (!fr)
		return -ENOMEM;
	fr->glob = r->path ? r->path : "/{**,}";
	set_perms(fr, r, mode);
	return add_alias_copies(c, c->n_rules - 1);
}

static int add_link_rule(struct compiler *c, const struct rule *r)
{
	VcFileRule *fr = add_rule(c);

	if (!fr)
		return -ENOMEM;
	fr->glob = r->path;
	fr->link_target = r->target;
	fr->link_subset = r->subset;
	set_perms(fr, r, VC_MAY_LINK);
	return add_alias_copies(c, c->n_rules - 1);
}

static const char *label_glob(struct compiler *c, const char *glob);

/*
 * A change_profile target that is nothing but a wildcard does not match the
 * empty name when it stands alone in apparmor_parser 3.0.8's output
 * (observed on "change_profile," and "change_profile -> *,"), but it does
 * after "EXEC\0" in the pair rule.
 */
static const char *lone_change_profile_target(const char *target)
{
	if (!strcmp(target, "**"))
		return "{?,/}**";
	if (!strcmp(target, "*"))
		return "?*";
	return target;
}

/* What apparmor_parser puts in the file DFA for change_profile (compile/README.md). */
static int add_change_profile(struct compiler *c, const struct rule *r)
{
	const char *target = r->target ? label_glob(c, r->target) : "**";
	const char *exec = r->path ? r->path : "/**";
	VcFileRule *fr;

	if (!(fr = add_rule(c)))
		return -ENOMEM;
	fr->glob = lone_change_profile_target(target);
	fr->perms.extra = VC_ACCEPT_CHANGE_PROFILE | VC_ACCEPT_ONEXEC;
	if (!(fr = add_rule(c)))
		return -ENOMEM;
	fr->glob = exec;
	fr->perms.extra = VC_ACCEPT_ONEXEC;
	if (!(fr = add_rule(c)))
		return -ENOMEM;
	fr->glob = exec;
	fr->pair_target = target;
	fr->perms.extra = VC_ACCEPT_ONEXEC;
	fr->perms.user = fr->perms.other = r->path ? VC_MAY_EXEC : 0;
	if (!(fr = add_rule(c)))
		return -ENOMEM;
	fr->glob = "/proc/*/attr/{apparmor/,}{current,exec}";
	fr->perms.user = VC_MAY_WRITE;
	if (!(fr = add_rule(c)))
		return -ENOMEM;
	fr->glob = "/proc/*/attr/apparmor/";
	fr->perms.user = VC_MAY_READ;
	if (!(fr = add_rule(c)))
		return -ENOMEM;
	fr->glob = "/sys/module/apparmor/parameters/enabled";
	fr->perms.user = VC_MAY_READ;
	return 0;
}

/*
 * apparmor_parser 3.0.8 gives a profile that has hats, and every hat,
 * owner write access to the interface change_hat uses (observed on its
 * output; write without the append that "w" implies).
 */
static int add_change_hat_access(struct compiler *c)
{
	static const struct {
		const char *glob;
		uint16_t mode;
	} rules[] = {
	    {"/proc/[0-9]*/attr/{apparmor/,}current", VC_MAY_WRITE},
	    {"/proc/*/attr/apparmor/", VC_MAY_READ},
	    {"/sys/module/apparmor/parameters/enabled", VC_MAY_READ},
	};

	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		VcFileRule *fr = add_rule(c);

		if (!fr)
			return -ENOMEM;
		fr->glob = rules[i].glob;
		fr->perms.user = rules[i].mode;
	}
	return 0;
}

static bool has_hats(const struct profile *p)
{
	/* observed: any child profile, not only ^hats, brings the rules */
	return p->children != NULL;
}

static int compile_policydb(struct compiler *c, VcBlob *ret);

struct caps {
	uint64_t allow, deny, audit, quiet;
};

static void add_capability(struct caps *caps, const struct rule *r)
{
	uint64_t set = 0;

	if (!r->words)
		set = UINT64_MAX;
	for (const struct value *v = r->words; v; v = v->next) {
		char prefixed[128];
		cap_value_t cap;

		snprintf(prefixed, sizeof(prefixed), "cap_%s", v->text);
		if (cap_from_name(prefixed, &cap) == 0 && cap >= 0 && cap < 64)
			set |= UINT64_C(1) << cap;
	}
	if (r->qual & QUAL_DENY) {
		caps->deny |= set;
		if (!(r->qual & QUAL_AUDIT))
			caps->quiet |= set;
	} else {
		caps->allow |= set;
		if (r->qual & QUAL_AUDIT)
			caps->audit |= set;
	}
}

static const char *const rlimit_names[16] = {
    "cpu",     "fsize", "data",	 "stack",      "core",	   "rss",  "nproc",  "nofile",
    "memlock", "as",	"locks", "sigpending", "msgqueue", "nice", "rtprio", "rttime",
};

static uint64_t unit_scale(const char *unit, bool time_us)
{
	static const struct {
		const char *unit;
		uint64_t scale;
	} sizes[] = {{"K", 1024},
		     {"KB", 1024},
		     {"M", 1024 * 1024},
		     {"MB", 1024 * 1024},
		     {"G", 1024 * 1024 * 1024},
		     {"GB", 1024 * 1024 * 1024}},
	  times[] = {{"us", 1},
		     {"microsecond", 1},
		     {"microseconds", 1},
		     {"ms", 1000},
		     {"millisecond", 1000},
		     {"milliseconds", 1000},
		     {"s", 1000000},
		     {"sec", 1000000},
		     {"second", 1000000},
		     {"seconds", 1000000},
		     {"min", 60000000},
		     {"minute", 60000000},
		     {"minutes", 60000000},
		     {"h", UINT64_C(3600000000)},
		     {"hour", UINT64_C(3600000000)},
		     {"hours", UINT64_C(3600000000)},
		     {"d", UINT64_C(86400000000)},
		     {"day", UINT64_C(86400000000)},
		     {"days", UINT64_C(86400000000)},
		     {"week", UINT64_C(604800000000)},
		     {"weeks", UINT64_C(604800000000)}};

	if (!*unit)
		return time_us ? 1000000 : 1;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (strcmp(unit, sizes[i].unit) == 0)
			return sizes[i].scale;
	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++)
		if (strcmp(unit, times[i].unit) == 0)
			return times[i].scale;
	return 1;
}

/* "set rlimit NAME <= VALUE": the index and the value apparmor_parser stores. */
static int rlimit_value(const struct rule *r, unsigned *ret_index, uint64_t *ret)
{
	const struct value *name = r->words, *val = name ? name->next : NULL;
	char text[128], *end;
	long long num;
	uint64_t scale;
	unsigned i;

	if (!name || !val)
		return -EINVAL;
	for (i = 0; i < 16; i++)
		if (strcmp(name->text, rlimit_names[i]) == 0)
			break;
	if (i == 16 && strcmp(name->text, "ofile") == 0)
		i = 7;
	if (i == 16)
		return -EINVAL;
	*ret_index = i;
	snprintf(text, sizeof(text), "%s%s", val->text, val->next ? val->next->text : "");
	if (strcmp(text, "infinity") == 0) {
		*ret = UINT64_MAX;
		return 0;
	}
	num = strtoll(text, &end, 10);
	if (i == 13) { /* nice: stored as 20 + value, as apparmor_parser 3.0.8 writes */
		*ret = (uint64_t)(20 + num);
		return 0;
	}
	scale = unit_scale(end, i == 0 || i == 15);
	if (i == 0) /* cpu: seconds */
		scale /= 1000000;
	*ret = (uint64_t)num * scale;
	return 0;
}

static int compile_policydb(struct compiler *c, VcBlob *ret)
{
	VcByteSet set = {};
	VcDfaRule marker = {};
	VcDfa dfa = {};
	VcBlobOptions opt = {};
	int r;

	vc_byteset_add(&set, 2);
	if (emit_has_feature(c, "mount"))
		vc_byteset_add(&set, 7);
	if (emit_has_feature(c, "ptrace"))
		vc_byteset_add(&set, 9);
	if (emit_has_feature(c, "signal"))
		vc_byteset_add(&set, 10);
	if (emit_has_feature(c, "network_v8"))
		vc_byteset_add(&set, 14);
	if (emit_has_feature(c, "network/af_unix"))
		vc_byteset_add(&set, 4);
	r = vc_regex_bytes(&c->rx, &set, &marker.root);
	if (r >= 0 && emit_has_feature(c, "network/af_unix")) {
		/*
		 * and, with af_unix, the text "4", NUL, "1" (observed): the
		 * unix class marker, its numbers written as digits
		 */
		static const uint8_t text[] = {'4', 0, '1'};
		uint32_t seq = 0, node;

		for (size_t i = 0; i < sizeof(text) && r >= 0; i++) {
			r = vc_regex_byte(&c->rx, text[i], &node);
			if (r >= 0)
				r = i ? vc_regex_concat(&c->rx, seq, node, &seq) : (seq = node, 0);
		}
		if (r >= 0)
			r = vc_regex_alt(&c->rx, marker.root, seq, &marker.root);
	}
	if (r >= 0 && c->n_pdb == c->cap_pdb) {
		VcDfaRule *v = realloc(c->pdb, (c->cap_pdb + 1) * sizeof(*v));

		if (!v)
			r = -ENOMEM;
		else {
			c->pdb = v;
			c->cap_pdb++;
		}
	}
	if (r >= 0) {
		marker.perms.user = VC_MAY_READ;
		marker.exact = true;
		c->pdb[c->n_pdb++] = marker;
		r = vc_dfa_build(&c->rx, c->pdb, c->n_pdb, &dfa, NULL);
	}
	if (r >= 0)
		r = vc_dfa_write_blob(&dfa, &opt, ret);
	vc_dfa_done(&dfa);
	return r;
}

/* ---- policydb rules (spec §3.11) ---------------------------------------- */

const char *emit_cond_value(const struct rule *r, const char *name)
{
	for (const struct cond *k = r->conds; k; k = k->next)
		if (strcmp(k->name, name) == 0 && k->values)
			return k->values->text;
	return NULL;
}

/*
 * Profile names and labels are globs without path semantics: "a//b" keeps
 * both slashes. The path glob translator collapses runs of '/', so escape
 * each slash outside character classes.
 */
static const char *label_glob(struct compiler *c, const char *glob)
{
	size_t n = 0;
	char *out, *o;
	bool in_class = false;

	for (const char *p = glob; *p; p++)
		n += *p == '/' ? 2 : 1;
	out = o = arena_alloc(c->arena, n + 1);
	for (const char *p = glob; *p; p++) {
		if (*p == '\\' && p[1]) {
			*o++ = *p++;
			*o++ = *p;
			continue;
		}
		if (*p == '[')
			in_class = true;
		else if (*p == ']')
			in_class = false;
		if (*p == '/' && !in_class)
			*o++ = '\\';
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

/*
 * A policydb rule whose regex is built: r's qualifiers, perms for owner and
 * other, and owner bits audited without being granted (audit_always).
 */
int emit_pdb_root(struct compiler *c, const struct rule *r, uint32_t root, bool exact,
		  uint16_t perms, uint16_t other, uint16_t audit_always)
{
	if (c->n_pdb == c->cap_pdb) {
		size_t cap = c->cap_pdb ? c->cap_pdb * 2 : 16;
		VcDfaRule *v = realloc(c->pdb, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		c->pdb = v;
		c->cap_pdb = cap;
	}
	c->pdb[c->n_pdb++] = (VcDfaRule){
	    .root = root,
	    .exact = exact,
	    .perms = {.user = perms,
		      .other = other,
		      .deny = r->qual & QUAL_DENY,
		      .audit = r->qual & QUAL_AUDIT,
		      .audit_always = audit_always},
	};
	return 0;
}

/*
 * Add a policydb rule (spec §3.11): one byte from each of sets[0..n), then,
 * if with_peer, the peer label glob (NULL: any non-empty label), granting
 * perms in the policydb's ACCEPT layout (bits 0-6 are kernel allow bits
 * 0-6; "other" carries the extended bits, other_map of spec §3.4).
 */
static int add_pdb_rule(struct compiler *c, const struct rule *r, const VcByteSet *sets,
			size_t n_sets, bool with_peer, const char *peer, uint16_t perms,
			uint16_t other)
{
	VcByteSet any = {};
	uint32_t root = 0, node;
	bool exact = true;
	int q = 0;

	vc_byteset_fill(&any);
	vc_byteset_remove(&any, 0);
	for (size_t i = 0; i < n_sets && q >= 0; i++) {
		q = vc_regex_bytes(&c->rx, &sets[i], &node);
		if (q >= 0)
			q = i == 0 ? (root = node, 0) : vc_regex_concat(&c->rx, root, node, &root);
	}
	if (q >= 0 && with_peer && peer) {
		peer = label_glob(c, peer);
		q = vc_regex_from_glob(&c->rx, peer, strlen(peer), &node, &exact);
		if (q >= 0)
			q = vc_regex_concat(&c->rx, root, node, &root);
	} else if (q >= 0 && with_peer) {
		/* any label: at least one byte */
		q = vc_regex_bytes(&c->rx, &any, &node);
		if (q >= 0)
			q = vc_regex_concat(&c->rx, root, node, &root);
		if (q >= 0)
			q = vc_regex_bytes(&c->rx, &any, &node);
		if (q >= 0)
			q = vc_regex_star(&c->rx, node, &node);
		if (q >= 0)
			q = vc_regex_concat(&c->rx, root, node, &root);
		exact = false;
	}
	if (q < 0)
		return q;
	return emit_pdb_root(c, r, root, exact, perms, other, 0);
}

VcByteSet emit_byte_set(int b)
{
	VcByteSet s = {};

	if (b < 0)
		vc_byteset_fill(&s);
	else
		vc_byteset_add(&s, (uint8_t)b);
	return s;
}

static uint16_t access_bits(const struct rule *r, const char *const *words, const uint16_t *bits,
			    uint16_t all)
{
	uint16_t m = 0;

	if (!r->words)
		return all;
	for (const struct value *v = r->words; v; v = v->next)
		for (size_t i = 0; words[i]; i++)
			if (strcmp(v->text, words[i]) == 0)
				m |= bits[i];
	return m;
}

static int add_ptrace(struct compiler *c, const struct rule *r)
{
	static const char *const words[] = {"r",     "w",      "rw",	   "read",
					    "trace", "readby", "tracedby", NULL};
	static const uint16_t bits[] = {0x4, 0x2, 0x6, 0x4, 0x2, 0x10, 0x8};
	const VcByteSet prefix[] = {emit_byte_set(9)},
			label_prefix[] = {emit_byte_set(16), emit_byte_set(9)};
	uint16_t perms = access_bits(r, words, bits, 0x1e);
	int q = add_pdb_rule(c, r, prefix, 1, true, emit_cond_value(r, "peer"), perms, 0);

	/* the label-class form is written as well */
	if (q >= 0)
		q = add_pdb_rule(c, r, label_prefix, 2, true, emit_cond_value(r, "peer"), perms, 0);
	return q;
}

static const char *const signal_names[] = {
    "hup",   "int",  "quit", "ill",  "trap", "abrt", "bus",    "fpe",	 "kill",
    "usr1",  "segv", "usr2", "pipe", "alrm", "term", "stkflt", "chld",	 "cont",
    "stop",  "stp",  "ttin", "ttou", "urg",  "xcpu", "xfsz",   "vtalrm", "prof",
    "winch", "io",   "pwr",  "sys",  "emt",  "lost", NULL,
};

static int signal_byte(const char *name)
{
	for (int i = 0; signal_names[i]; i++)
		if (strcmp(name, signal_names[i]) == 0)
			return i + 1;
	if (strcmp(name, "exists") == 0)
		return 35;
	if (strncmp(name, "rtmin+", 6) == 0)
		return 128 + atoi(name + 6);
	return -1;
}

static int add_signal(struct compiler *c, const struct rule *r)
{
	static const char *const words[] = {"r",     "w",    "rw",	"read",
					    "write", "send", "receive", NULL};
	static const uint16_t bits[] = {0x4, 0x2, 0x6, 0x4, 0x2, 0x2, 0x4};
	const VcByteSet label_prefix[] = {emit_byte_set(16), emit_byte_set(10)};
	VcByteSet set[2] = {emit_byte_set(10)};
	bool any = true;
	int q;

	for (const struct cond *k = r->conds; k; k = k->next) {
		if (strcmp(k->name, "set") != 0)
			continue;
		for (const struct value *v = k->values; v; v = v->next) {
			int b = signal_byte(v->text);

			if (b < 0)
				return -EINVAL;
			vc_byteset_add(&set[1], (uint8_t)b);
			any = false;
		}
	}
	if (any)
		vc_byteset_fill(&set[1]);
	q = add_pdb_rule(c, r, set, 2, true, emit_cond_value(r, "peer"),
			 access_bits(r, words, bits, 0x6), 0);
	/* without a signal set the label-class form is written as well */
	if (q >= 0 && any)
		q = add_pdb_rule(c, r, label_prefix, 2, true, emit_cond_value(r, "peer"),
				 access_bits(r, words, bits, 0x6), 0);
	return q;
}

static const char *const af_names[] = {
    "unspec",  "unix",	  "inet",    "ax25",   "ipx",	     "appletalk", "netrom",   "bridge",
    "atmpvc",  "x25",	  "inet6",   "rose",   "decnet",     "netbeui",	  "security", "key",
    "netlink", "packet",  "ash",     "econet", "atmsvc",     "rds",	  "sna",      "irda",
    "pppox",   "wanpipe", "llc",     "ib",     "mpls",	     "can",	  "tipc",     "bluetooth",
    "iucv",    "rxrpc",	  "isdn",    "phonet", "ieee802154", "caif",	  "alg",      "nfc",
    "vsock",   "kcm",	  "qipcrtr", "smc",    "xdp",	     "mctp",	  NULL,
};

static int lookup(const char *const *names, const char *word)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(names[i], word) == 0)
			return i;
	return -1;
}

static int sock_type(const char *word)
{
	static const struct {
		const char *name;
		int type;
	} types[] = {{"stream", 1},    {"dgram", 2}, {"raw", 3},    {"rdm", 4},
		     {"seqpacket", 5}, {"dccp", 6},  {"packet", 10}};

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].name, word) == 0)
			return types[i].type;
	return -1;
}

static int lookup_type_index(const int *types, int type)
{
	for (int i = 0; i < 6; i++)
		if (types[i] == type)
			return i;
	return -1;
}

#define AF_UNIX_FAMILY 1

/*
 * With af_unix the oracle also writes fine-grained unix states for a rule
 * covering the unix family (as for a unix rule), unless it is a plain deny
 * rule: not reproduced yet.
 */
static int unix_family_refused(const struct compiler *c, const struct rule *r, int family)
{
	if (family == AF_UNIX_FAMILY && (!(r->qual & QUAL_DENY) || (r->qual & QUAL_AUDIT)) &&
	    emit_has_feature(c, "network/af_unix"))
		return -EOPNOTSUPP;
	return 0;
}

static int add_network_one(struct compiler *c, const struct rule *r, int family, int type)
{
	VcByteSet sets[5] = {emit_byte_set(14), emit_byte_set(family >> 8),
			     emit_byte_set(family & 0xff), emit_byte_set(type >> 8),
			     emit_byte_set(type & 0xff)};
	int q = unix_family_refused(c, r, family);

	if (q < 0)
		return q;

	return add_pdb_rule(c, r, sets, 5, false, NULL, NET_PERMS_USER, NET_PERMS_OTHER);
}

/*
 * A protocol stands for its family and socket type; apparmor_parser 3.0.8
 * writes exactly what the family and type would give (observed: "inet tcp"
 * is "inet stream", a bare "tcp" is inet and inet6 stream, "icmp" is inet
 * raw only).
 */
static const struct {
	const char *name;
	int family, type;
} net_protocols[] = {
    {"tcp", 2, 1}, {"tcp", 10, 1}, {"udp", 2, 2}, {"udp", 10, 2}, {"icmp", 2, 3},
};

/* Add the rules of protocol name, for family (or any when < 0); 0 if none. */
static int add_network_protocol(struct compiler *c, const struct rule *r, const char *name,
				int family, size_t *n_added)
{
	int q = 0;

	*n_added = 0;
	for (size_t i = 0; i < sizeof(net_protocols) / sizeof(net_protocols[0]) && q >= 0; i++) {
		if (strcmp(net_protocols[i].name, name) != 0 ||
		    (family >= 0 && net_protocols[i].family != family))
			continue;
		q = add_network_one(c, r, net_protocols[i].family, net_protocols[i].type);
		(*n_added)++;
	}
	return q;
}

/*
 * "network [FAMILY] [TYPE|PROTOCOL]": class 14, family and type as u16 big
 * endian. A missing family or type stands for every one apparmor_parser
 * knows (the families of the 6.12 af_mask: decnet is not among them).
 */
static int add_network(struct compiler *c, const struct rule *r)
{
	static const int all_types[] = {1, 2, 3, 4, 5, 10};
	const struct value *w1 = r->words, *w2 = w1 ? w1->next : NULL;
	const char *protocol = NULL;
	int family = -1, type = -1, q = 0;

	if (w1) {
		family = lookup(af_names, w1->text);
		if (family < 0) {
			type = sock_type(w1->text);
			if (type < 0)
				protocol = w1->text;
		}
	}
	if (w2) {
		type = sock_type(w2->text);
		if (type < 0)
			protocol = w2->text;
	}
	if (protocol) {
		size_t n;

		q = add_network_protocol(c, r, protocol, family, &n);
		if (q >= 0 && n == 0) {
			fprintf(c->err, "apparmor_parser: invalid network entry '%s%s%s'\n",
				w2 ? w1->text : "", w2 ? " " : "", protocol);
			return -EINVAL;
		}
		return q;
	}
	if (!w1 && (r->qual & QUAL_DENY)) {
		/* "deny network,": every family, any type (observed) */
		for (int f = 0; af_names[f] && q >= 0; f++) {
			VcByteSet sets[5] = {emit_byte_set(14), emit_byte_set(f >> 8),
					     emit_byte_set(f & 0xff), emit_byte_set(-1),
					     emit_byte_set(-1)};

			q = unix_family_refused(c, r, f);
			if (q >= 0)
				q = add_pdb_rule(c, r, sets, 5, false, NULL, NET_PERMS_USER,
						 NET_PERMS_OTHER);
		}
		return q;
	}
	if (!w1) {
		/* "network,": every family, types 0-15 */
		for (int f = 0; af_names[f] && q >= 0; f++)
			for (int t = 0; t < 16 && q >= 0; t++)
				q = add_network_one(c, r, f, t);
		return q;
	}
	for (int f = 0; af_names[f] && q >= 0; f++) {
		if ((family >= 0 && f != family) || (family < 0 && f == 12))
			continue;
		for (size_t t = 0; t < sizeof(all_types) / sizeof(all_types[0]) && q >= 0; t++) {
			if (type >= 0 && all_types[t] != type)
				continue;
			q = add_network_one(c, r, f, all_types[t]);
		}
		if (type >= 0 && q >= 0 && lookup_type_index(all_types, type) < 0)
			q = add_network_one(c, r, f, type);
	}
	return q;
}

/*
 * Without the af_unix feature apparmor_parser 3.0.8 writes a unix rule as
 * network access to the unix family with every permission: its type if
 * one is given, else types 0-15; access and peer conditions are dropped.
 */
static int add_unix(struct compiler *c, const struct rule *r)
{
	const char *type_name = emit_cond_value(r, "type");
	int type, q = 0;

	if (emit_has_feature(c, "network/af_unix"))
		return -EOPNOTSUPP;
	if (type_name) {
		type = sock_type(type_name);
		if (type < 0)
			return -EOPNOTSUPP;
		return add_network_one(c, r, AF_UNIX_FAMILY, type);
	}
	for (int t = 0; t < 16 && q >= 0; t++)
		q = add_network_one(c, r, AF_UNIX_FAMILY, t);
	return q;
}

static bool has_glob_chars(const char *s)
{
	return strpbrk(s, "*?[]{}\\") != NULL;
}

static int refuse(struct compiler *c, const char *hn, const struct rule *r)
{
	fprintf(c->err,
		"apparmor_parser: profile %s: %s rules cannot be compiled to the binary format "
		"yet; refusing to emit weaker policy\n",
		hn, rule_kind_name(r->kind));
	return -EOPNOTSUPP;
}

/*
 * An alias also applies to the attachment (or a path name attaching by
 * itself): the oracle matches both prefixes. Returns the attachment glob to
 * compile, or fallback when no alias applies.
 */
static const char *aliased_attachment(struct compiler *c, const char *path, const char *fallback)
{
	const char *glob = NULL;

	for (const struct alias *al = c->pol->aliases; al; al = al->next) {
		const char *other = alias_of(c, al, path);

		if (other)
			glob = arena_printf(c->arena, "%s,%s", glob ? glob : path, other);
	}
	return glob ? arena_printf(c->arena, "{%s}", glob) : fallback;
}

#define TOO_COMPLEX_HINT                                                                           \
	"its DFA would exceed the compiler's limits (65534 states; 2^22 transitions and 2^22 "     \
	"set entries while building, see parser/compile/README.md): use fewer wildcards in a "     \
	"row"

/*
 * The file DFA is beyond the limits (dfa.h). Usually one rule is to blame
 * (a glob whose DFA explodes): compile each alone, within the same limits,
 * and name the first that fails by its file and line.
 */
static int report_too_complex(struct compiler *c, const char *hn)
{
	const struct rule *last = NULL;

	for (size_t i = 0; i < c->n_rules; i++) {
		const struct rule *ru = c->origins[i];
		VcDfa dfa = {};
		int r;

		if (!ru || ru == last)
			continue;
		last = ru;
		r = vc_compile_file_dfa(&c->rules[i], 1, &dfa, NULL);
		vc_dfa_done(&dfa);
		if (r != -E2BIG)
			continue;
		fprintf(c->err, "%s:%u:%u: error: profile %s: rule '%.100s%s' is too complex: %s\n",
			ru->loc.src ? ru->loc.src->name : "?", ru->loc.line, ru->loc.col, hn,
			c->rules[i].glob, strlen(c->rules[i].glob) > 100 ? "..." : "",
			TOO_COMPLEX_HINT);
		return -E2BIG;
	}
	fprintf(c->err,
		"apparmor_parser: profile %s: its file rules together are too complex: %s\n", hn,
		TOO_COMPLEX_HINT);
	return -E2BIG;
}

static int emit_profile(struct compiler *c, const struct profile *p, struct emit_buffer *out)
{
	const char *hn = hname(c->arena, p);
	const char *ns = profile_namespace(c->arena, p);
	const char *attach = p->attachment, *own_name;
	struct caps caps = {};
	uint64_t rlimits[16] = {};
	uint32_t rlimit_mask = 0, mode = 0, path_flags = 0;
	bool has_file_dfa = false;
	VcBlob blob = {};
	int r = 0;

	c->n_rules = 0;
	c->n_xtable = 0;
	c->n_pdb = 0;
	vc_regex_done(&c->rx);
	for (const struct rule *ru = p->rules; ru && r >= 0; ru = ru->next) {
		c->origin = ru;
		switch (ru->kind) {
		case RULE_FILE:
			r = add_file_rule(c, hn, ru);
			break;
		case RULE_LINK:
			r = add_link_rule(c, ru);
			break;
		case RULE_CHANGE_PROFILE:
			r = add_change_profile(c, ru);
			break;
		case RULE_CAPABILITY:
			add_capability(&caps, ru);
			break;
		case RULE_RLIMIT: {
			unsigned i;
			uint64_t v;

			if (rlimit_value(ru, &i, &v) == 0) {
				rlimit_mask |= 1u << i;
				rlimits[i] = v;
			}
			break;
		}
		case RULE_PTRACE:
			r = add_ptrace(c, ru);
			break;
		case RULE_SIGNAL:
			r = add_signal(c, ru);
			break;
		case RULE_UNIX:
			r = add_unix(c, ru);
			if (r == -EOPNOTSUPP)
				return refuse(c, hn, ru);
			break;
		case RULE_NETWORK:
			r = add_network(c, ru);
			if (r == -EOPNOTSUPP)
				return refuse(c, hn, ru);
			break;
		case RULE_MOUNT:
		case RULE_REMOUNT:
			r = emit_add_mount(c, ru);
			if (r == -EOPNOTSUPP)
				return refuse(c, hn, ru);
			if (r == -ENOEXEC)
				/* no entry can express the rule: the oracle fails so */
				fprintf(c->err,
					"Encoding of mount rule failed\n"
					"ERROR processing policydb rules for profile %s, failed to "
					"load\n",
					p->parent ? p->name : hn);
			break;
		case RULE_UMOUNT:
			r = emit_add_umount(c, ru);
			if (r == -EOPNOTSUPP)
				return refuse(c, hn, ru);
			break;
		case RULE_PIVOT_ROOT:
			/* with a target: after every file rule's xtable entry, below */
			if (!ru->target)
				r = emit_add_pivot_root(c, ru);
			break;
		case RULE_DBUS:
			/* not in the 6.12 feature set: apparmor_parser drops them too */
			if (!emit_has_feature(c, "dbus"))
				break;
			return refuse(c, hn, ru);
		default:
			return refuse(c, hn, ru);
		}
	}
	order_xtable_as_oracle(c);
	for (const struct rule *ru = p->rules; ru && r >= 0; ru = ru->next)
		if (ru->kind == RULE_PIVOT_ROOT && ru->target)
			r = emit_add_pivot_root(c, ru);
	c->origin = NULL;
	if (r >= 0 && (p->is_hat || has_hats(p)))
		r = add_change_hat_access(c);
	if (r < 0)
		return r;

	c->record_start = out->size;
	r = put_named_u32(out, "version",
			  emit_has_feature(c, "policy/versions/v7")   ? 0x00202007u
			  : emit_has_feature(c, "policy/versions/v6") ? 0x00202006u
								      : 5u);
	if (r >= 0 && ns)
		r = put_named_string(out, "namespace", ns);
	if (r >= 0)
		r = put_struct(out, "profile");
	if (r >= 0)
		r = put_string(out, hn);
	if (r < 0)
		return r;

	own_name = p->parent ? p->name : hn;
	if (!attach && own_name[0] == '/' && has_glob_chars(own_name))
		attach = own_name;
	attach = aliased_attachment(c,
				    attach		 ? attach
				    : own_name[0] == '/' ? own_name
							 : NULL,
				    attach);
	if (attach) {
		VcBlobOptions opt = {};
		uint32_t xlen;

		r = vc_compile_xmatch(attach, &opt, &blob, &xlen);
		if (r < 0) {
			fprintf(c->err, "apparmor_parser: profile %s: bad attachment '%s'\n", hn,
				attach);
			return r;
		}
		r = put_dfa(out, c->record_start, &blob);
		vc_blob_done(&blob);
		if (r >= 0)
			r = put_u32(out, xlen);
		if (r < 0)
			return r;
	}

	if (p->flags & PFLAG_COMPLAIN || c->options->force_complain)
		mode = 1;
	else if (p->flags & PFLAG_KILL)
		mode = 2;
	else if (p->flags & PFLAG_UNCONFINED)
		mode = 3;
	r = put_struct(out, "flags");
	if (r >= 0)
		r = put_u32(out, p->is_hat ? 1 : 0);
	if (r >= 0)
		r = put_u32(out, mode);
	if (r >= 0)
		r = put_u32(out, (p->flags & PFLAG_AUDIT) ? 1 : 0);
	if (r >= 0)
		r = put_code(out, VC_T_STRUCTEND);
	if (r < 0)
		return r;

	if (p->flags & (PFLAG_MEDIATE_DELETED | PFLAG_DELEGATE_DELETED | PFLAG_ATTACH_DISCONNECTED |
			PFLAG_NO_ATTACH_DISCONNECTED | PFLAG_CHROOT_RELATIVE |
			PFLAG_NAMESPACE_RELATIVE | PFLAG_CHROOT_ATTACH | PFLAG_CHROOT_NO_ATTACH)) {
		if (p->flags & PFLAG_MEDIATE_DELETED)
			path_flags |= 0x10000;
		if (p->flags & PFLAG_ATTACH_DISCONNECTED)
			path_flags |= 0x4;
		if (p->flags & PFLAG_CHROOT_RELATIVE)
			path_flags |= 0x8;
		if (p->flags & PFLAG_CHROOT_ATTACH)
			path_flags |= 0x10;
		r = put_named_u32(out, "path_flags", path_flags);
		if (r < 0)
			return r;
	}

	caps.allow &= ~caps.deny;
	caps.audit &= caps.allow;
	r = put_u32(out, (uint32_t)caps.allow);
	if (r >= 0)
		r = put_u32(out, (uint32_t)caps.audit);
	if (r >= 0)
		r = put_u32(out, (uint32_t)caps.quiet);
	if (r >= 0)
		r = put_u32(out, 0);
	if (r >= 0)
		r = put_struct(out, "caps64");
	if (r >= 0)
		r = put_u32(out, (uint32_t)(caps.allow >> 32));
	if (r >= 0)
		r = put_u32(out, (uint32_t)(caps.audit >> 32));
	if (r >= 0)
		r = put_u32(out, (uint32_t)(caps.quiet >> 32));
	if (r >= 0)
		r = put_u32(out, 0);
	if (r >= 0)
		r = put_code(out, VC_T_STRUCTEND);
	if (r < 0)
		return r;

	if (rlimit_mask) {
		r = put_struct(out, "rlimits");
		if (r >= 0)
			r = put_u32(out, rlimit_mask);
		if (r >= 0)
			r = put_code(out, VC_T_ARRAY);
		if (r >= 0)
			r = put_le(out, 16, 2);
		for (unsigned i = 0; i < 16 && r >= 0; i++)
			r = put_u64(out, rlimits[i]);
		if (r >= 0)
			r = put_code(out, VC_T_ARRAYEND);
		if (r >= 0)
			r = put_code(out, VC_T_STRUCTEND);
		if (r < 0)
			return r;
	}

	r = compile_policydb(c, &blob);
	if (r >= 0) {
		r = put_struct(out, "policydb");
		if (r >= 0)
			r = put_dfa(out, c->record_start, &blob);
		if (r >= 0)
			r = put_code(out, VC_T_STRUCTEND);
		vc_blob_done(&blob);
	}
	if (r < 0)
		return r;

	has_file_dfa = c->n_rules > 0;
	if (has_file_dfa) {
		VcBlobOptions opt = {};
		size_t bad = 0;

		r = vc_compile_file_rules(c->rules, c->n_rules, &opt, &blob, &bad);
		if (r == -E2BIG)
			return report_too_complex(c, hn);
		if (r < 0) {
			fprintf(c->err, "apparmor_parser: profile %s: rule '%s': %s\n", hn,
				bad < c->n_rules ? c->rules[bad].glob : "?",
				r == -ENOTUNIQ
				    ? "profile has merged rule with conflicting x modifiers"
				: r == -EINVAL ? "bad glob"
					       : strerror(-r));
			return r;
		}
		r = put_dfa(out, c->record_start, &blob);
		vc_blob_done(&blob);
		if (r < 0)
			return r;
	}
	/* without file rules too: pivot_root targets (as the oracle writes it) */
	if (c->n_xtable) {
		r = put_struct(out, "xtable");
		if (r >= 0)
			r = put_code(out, VC_T_ARRAY);
		if (r >= 0)
			r = put_le(out, c->n_xtable, 2);
		for (size_t i = 0; i < c->n_xtable && r >= 0; i++) {
			const char *e = c->xtable[i];

			/* ":ns:name" is written ":ns\0name" */
			if (e[0] == ':' && strchr(e + 1, ':')) {
				const char *colon = strchr(e + 1, ':');
				size_t len = strlen(e);
				char *copy = arena_strdup(c->arena, e);

				copy[colon - e] = '\0';
				r = put_text(out, VC_T_STRING, copy, len);
			} else
				r = put_string(out, e);
		}
		if (r >= 0)
			r = put_code(out, VC_T_ARRAYEND);
		if (r >= 0)
			r = put_code(out, VC_T_STRUCTEND);
		if (r < 0)
			return r;
	}
	return put_code(out, VC_T_STRUCTEND);
}

static int compare_profiles(const void *x, const void *y)
{
	const struct profile *a = *(const struct profile *const *)x;
	const struct profile *b = *(const struct profile *const *)y;

	return strcmp(a->name, b->name);
}

/* Siblings in name order, each followed by its own children. */
static int emit_list(struct compiler *c, const struct profile *list, struct emit_buffer *out)
{
	const struct profile **v;
	size_t n = 0, i = 0;
	int r = 0;

	for (const struct profile *p = list; p; p = p->next)
		n++;
	if (!n)
		return 0;
	v = malloc(n * sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (const struct profile *p = list; p; p = p->next)
		v[i++] = p;
	qsort(v, n, sizeof(*v), compare_profiles);
	for (i = 0; i < n && r >= 0; i++) {
		r = emit_profile(c, v[i], out);
		if (r >= 0)
			r = emit_list(c, v[i]->children, out);
	}
	free(v);
	return r;
}

int emit_policy(const struct policy *pol, const struct features *features,
		const struct emit_options *options, struct emit_buffer *out, FILE *err)
{
	struct compiler c = {
	    .features = features,
	    .options = options,
	    .err = err,
	    .pol = pol,
	    .arena = pol->arena,
	};
	int r = emit_list(&c, pol->profiles, out);

	free(c.rules);
	free(c.origins);
	free(c.pdb);
	vc_regex_done(&c.rx);
	return r;
}
