// SPDX-License-Identifier: GPL-2.0-only
/*
 * Oracle equivalence: each tests/data/compile/NAME.prof was compiled by
 * Debian's apparmor_parser 3.0.8 for the 6.12 features (NAME.bin, made by
 * regen.sh). Here the same file rules go through the compiler core and the
 * two file DFAs must grant identical kernel permissions for every byte
 * string, in both of our output encodings.
 *
 * The .prof files use a deliberately tiny subset of the policy language
 * (one file rule per line) so that this test needs no front end.
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "parser/compile/compile.h"
#include "parser/compile/equiv.h"
#include "parser/compile/util.h"

static void closedirp(DIR **d)
{
	if (*d)
		closedir(*d);
}

typedef struct Case {
	char *text; /* owns the strings the rules point into */
	VcFileRule *rules;
	size_t n_rules, cap_rules;
	char *attachment; /* "profile NAME GLOB {": GLOB, or NULL */
	char name[128];	  /* the profile's name */
	char *xtable[12];
	size_t n_xtable;
} Case;

static char *read_file(const char *path, size_t *ret_size)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	buf[size] = 0;
	fclose(f);
	if (ret_size)
		*ret_size = (size_t)size;
	return buf;
}

/*
 * The xtable index of an exec target, numbered by first use. A child
 * target ("cx -> kid") is stored as "profile//kid", like apparmor_parser
 * does, unless it names a namespace (":ns:name"); the oracle numbers its table differently, which
 * is why the equivalence check compares targets by name.
 */
static uint32_t xtable_index(Case *c, const char *mode, const char *target)
{
	char name[512];

	if ((strchr(mode, 'c') || strchr(mode, 'C')) && target[0] != ':')
		snprintf(name, sizeof(name), "%s//%s", c->name, target);
	else
		snprintf(name, sizeof(name), "%s", target);
	for (size_t i = 0; i < c->n_xtable; i++)
		if (strcmp(c->xtable[i], name) == 0)
			return (uint32_t)i;
	assert_true(c->n_xtable < ELEMENTSOF(c->xtable));
	c->xtable[c->n_xtable] = strdup(name);
	assert_non_null(c->xtable[c->n_xtable]);
	return (uint32_t)c->n_xtable++;
}

/* "[audit] [deny] [owner] GLOB MODE [-> TARGET]," or "[owner] link [subset] GLOB -> TARGET," */
static void parse_rule(Case *c, char *line, VcFileRule *rule)
{
	char *tok[8];
	size_t n = 0, i = 0, len;
	bool owner = false;
	uint16_t mode;

	*rule = (VcFileRule){};
	len = strlen(line);
	while (len > 0 && (line[len - 1] == ',' || line[len - 1] == ' '))
		line[--len] = 0;
	for (char *t = strtok(line, " \t"); t && n < 8; t = strtok(NULL, " \t"))
		tok[n++] = t;
	for (; i < n; i++) {
		if (strcmp(tok[i], "audit") == 0)
			rule->perms.audit = true;
		else if (strcmp(tok[i], "deny") == 0)
			rule->perms.deny = true;
		else if (strcmp(tok[i], "owner") == 0)
			owner = true;
		else
			break;
	}
	assert_true(i + 1 < n);
	if (strcmp(tok[i], "link") == 0) {
		i++;
		if (strcmp(tok[i], "subset") == 0) {
			rule->link_subset = true;
			i++;
		}
		assert_true(i + 2 < n);
		assert_string_equal(tok[i + 1], "->");
		rule->glob = tok[i];
		rule->link_target = tok[i + 2];
		mode = VC_MAY_LINK;
	} else {
		rule->glob = tok[i];
		if (vc_parse_file_mode(tok[i + 1], &mode) < 0)
			fail_msg("bad mode \"%s\"", tok[i + 1]);
		if (i + 3 < n && strcmp(tok[i + 2], "->") == 0)
			mode = (mode & ~VC_EXEC_TARGET_MASK) |
			       (VC_EXEC_TARGET_TABLE + xtable_index(c, tok[i + 1], tok[i + 3]))
				   << VC_EXEC_TARGET_SHIFT;
	}
	rule->perms.user = mode;
	rule->perms.other = owner ? 0 : mode;
}

static VcFileRule *add_rule(Case *c)
{
	if (c->n_rules == c->cap_rules) {
		c->cap_rules = c->cap_rules ? c->cap_rules * 2 : 64;
		c->rules = realloc(c->rules, c->cap_rules * sizeof(VcFileRule));
		assert_non_null(c->rules);
	}
	c->rules[c->n_rules] = (VcFileRule){};
	return &c->rules[c->n_rules++];
}

/*
 * "change_profile [EXEC] -> TARGET," becomes what apparmor_parser 3.0.8
 * puts in the file DFA for it (observed on its output): TARGET with
 * CHANGE_PROFILE|ONEXEC, EXEC (default: any absolute path) with ONEXEC,
 * the pair EXEC\0TARGET with ONEXEC (and x when EXEC was given), and owner
 * access to the kernel interfaces used to change profile.
 */
static void add_change_profile(Case *c, char *line)
{
	const char *exec = NULL, *target = NULL;
	char *save = NULL;
	size_t len = strlen(line);
	VcFileRule *r;

	while (len > 0 && (line[len - 1] == ',' || line[len - 1] == ' '))
		line[--len] = 0;
	strtok_r(line, " \t", &save); /* "change_profile" */
	for (char *t = strtok_r(NULL, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
		if (strcmp(t, "->") == 0)
			target = strtok_r(NULL, " \t", &save);
		else
			exec = t;
	}
	assert_non_null(target);

	r = add_rule(c);
	r->glob = target;
	r->perms.extra = VC_ACCEPT_CHANGE_PROFILE | VC_ACCEPT_ONEXEC;
	r = add_rule(c);
	r->glob = exec ? exec : "/**";
	r->perms.extra = VC_ACCEPT_ONEXEC;
	r = add_rule(c);
	r->glob = exec ? exec : "/**";
	r->pair_target = target;
	r->perms.extra = VC_ACCEPT_ONEXEC;
	r->perms.user = r->perms.other = exec ? VC_MAY_EXEC : 0;

	r = add_rule(c);
	r->glob = "/proc/*/attr/{apparmor/,}{current,exec}";
	r->perms.user = VC_MAY_WRITE;
	r = add_rule(c);
	r->glob = "/proc/*/attr/apparmor/";
	r->perms.user = VC_MAY_READ;
	r = add_rule(c);
	r->glob = "/sys/module/apparmor/parameters/enabled";
	r->perms.user = VC_MAY_READ;
}

static void load_case(const char *base, Case *c)
{
	char path[1100];
	char *save = NULL;

	snprintf(path, sizeof(path), "%s.prof", base);
	*c = (Case){.text = read_file(path, NULL)};
	for (char *line = strtok_r(c->text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (strncmp(line, "profile", 7) == 0) {
			char *name = line + 7, *name_end, *brace = strrchr(line, '{');

			while (*name == ' ')
				name++;
			name_end = strchr(name, ' ');
			if (name_end)
				snprintf(c->name, sizeof(c->name), "%.*s", (int)(name_end - name),
					 name);

			if (name_end && brace && name_end < brace - 1) {
				*(brace - 1) = 0;
				c->attachment = name_end + 1;
			}
			continue;
		}
		if (!*line || *line == '}' || *line == '#')
			continue;
		if (strncmp(line, "change_profile", 14) == 0)
			add_change_profile(c, line);
		else if (strcmp(line, "file,") == 0) {
			/* "file," is all file access: "/{**,} rwlkmix" (oracle output) */
			static char everything[] = "/{**,} rwlkmix,";
			char copy[sizeof(everything)];

			memcpy(copy, everything, sizeof(everything));
			parse_rule(c, copy, add_rule(c));
			c->rules[c->n_rules - 1].glob = "/{**,}";
		} else
			parse_rule(c, line, add_rule(c));
	}
}

static void print_perms(const char *who, const VcKernelPerms *p)
{
	print_message("  %s allow %08x audit %08x quiet %08x xindex %08x\n", who, p->allow,
		      p->audit, p->quiet, p->xindex);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * The attachment DFA is the profile's first; the U32 element right after
 * its blob is xmatch_len.
 */
static void check_xmatch(const char *name, const char *glob, const VcBlobRef *ref,
			 const uint8_t *stream_end)
{
	const uint8_t *after = ref->data + ref->size;
	_cleanup_(vc_blob_done) VcBlob blob = {};
	VcDecodedDfa oracle = {}, ours = {};
	uint32_t xmatch_len = 0, oracle_len;

	assert_true(after + 5 <= stream_end);
	assert_int_equal(after[0], 0x02);
	oracle_len = (uint32_t)after[1] | (uint32_t)after[2] << 8 | (uint32_t)after[3] << 16 |
		     (uint32_t)after[4] << 24;
	assert_int_equal(vc_compile_xmatch(glob, NULL, &blob, &xmatch_len), 0);
	assert_int_equal(vc_dfa_decode_blob(ref->data, ref->size, NULL, 0, &oracle), 0);
	assert_int_equal(vc_dfa_decode_blob(blob.data, blob.size, NULL, 0, &ours), 0);
	if (vc_dfa_equivalent(&oracle, &ours, NULL) != 1)
		fail_msg("%s: attachment DFA for %s differs", name, glob);
	if (xmatch_len != oracle_len)
		fail_msg("%s: xmatch_len of %s is %u, apparmor_parser says %u", name, glob,
			 xmatch_len, oracle_len);
	print_message("%-16s attachment %s: equivalent, xmatch_len %u\n", name, glob, xmatch_len);
	vc_decoded_dfa_done(&oracle);
	vc_decoded_dfa_done(&ours);
}

/*
 * For profiles with only file rules apparmor_parser's policydb (6.12
 * features) holds just the class markers: one byte, the class, granting
 * read to the owner half, for file (2), mount (7), ptrace (9), signal (10)
 * and network (14).
 */
static void check_policydb(const char *name, const VcBlobRef *ref)
{
	_cleanup_(vc_regex_done) VcRegex rx = {};
	_cleanup_(vc_dfa_done) VcDfa dfa = {};
	_cleanup_(vc_blob_done) VcBlob blob = {};
	VcDfaRule marker = {.perms = {.user = VC_MAY_READ}};
	VcDecodedDfa oracle = {}, ours = {};

	static const uint8_t classes[] = {2, 7, 9, 10, 14};
	VcByteSet set = {};

	for (size_t i = 0; i < ELEMENTSOF(classes); i++)
		vc_byteset_add(&set, classes[i]);
	assert_int_equal(vc_regex_bytes(&rx, &set, &marker.root), 0);
	assert_int_equal(vc_dfa_build(&rx, &marker, 1, &dfa, NULL), 0);
	assert_int_equal(vc_dfa_write_blob(&dfa, NULL, &blob), 0);
	assert_int_equal(vc_dfa_decode_blob(ref->data, ref->size, NULL, 0, &oracle), 0);
	assert_int_equal(vc_dfa_decode_blob(blob.data, blob.size, NULL, 0, &ours), 0);
	if (vc_dfa_equivalent(&oracle, &ours, NULL) != 1)
		fail_msg("%s: policydb differs from the class markers alone", name);
	vc_decoded_dfa_done(&oracle);
	vc_decoded_dfa_done(&ours);
}

/* base: path without the .prof / .bin suffix */
static void check_case(const char *base)
{
	const char *name = strrchr(base, '/') ? strrchr(base, '/') + 1 : base;
	char path[1100];
	double start, compiled = 0;
	_cleanup_free_ char **oracle_xtable = NULL;
	int r;
	_cleanup_free_ char *stream = NULL;
	size_t size;
	VcBlobRef dfas[4];
	VcDecodedDfa oracle = {};
	Case c;
	int n;

	load_case(base, &c);
	snprintf(path, sizeof(path), "%s.bin", base);
	stream = read_file(path, &size);
	n = vc_policy_find_dfas((const uint8_t *)stream, size, dfas, 4);
	assert_true(n >= 2); /* policydb, then the file DFA */
	assert_int_equal(vc_dfa_decode_blob(dfas[n - 1].data, dfas[n - 1].size, NULL, 0, &oracle),
			 0);
	r = vc_policy_read_xtable(dfas[n - 1].data + dfas[n - 1].size,
				  (const uint8_t *)stream + size, &oracle_xtable);
	assert_true(r >= 0);
	oracle.xtable = oracle_xtable;
	oracle.n_xtable = (size_t)r;
	if (c.attachment)
		check_xmatch(name, c.attachment, &dfas[0], (const uint8_t *)stream + size);
	check_policydb(name, &dfas[n - 2]);

	for (unsigned variant = 0; variant < 8; variant++) {
		VcBlobOptions options = {
		    .equivalence_classes = variant & 1,
		    .permstable = variant & 2,
		    .diff_encode = variant & 4,
		};
		VcBlob blob = {};
		VcDecodedDfa ours = {};
		VcDifference diff = {};
		size_t bad = 0;

		start = now();
		r = vc_compile_file_rules(c.rules, c.n_rules, &options, &blob, &bad);
		if (variant == 0)
			compiled = now() - start;
		if (r < 0)
			fail_msg("%s: compiling rule %zu (%s): %s", name, bad, c.rules[bad].glob,
				 strerror(-r));
		assert_int_equal(
		    vc_dfa_decode_blob(blob.data, blob.size, blob.perms, blob.n_perms, &ours), 0);
		ours.xtable = c.xtable;
		ours.n_xtable = c.n_xtable;
		r = vc_dfa_equivalent(&oracle, &ours, &diff);
		assert_true(r >= 0);
		if (r == 0) {
			print_message("%s (ec=%d permstable=%d diff=%d): differs on \"", name,
				      options.equivalence_classes, options.permstable,
				      options.diff_encode);
			for (size_t i = 0; i < diff.witness_len; i++)
				print_message(diff.witness[i] >= 32 && diff.witness[i] < 127
						  ? "%c"
						  : "\\x%02x",
					      diff.witness[i]);
			print_message("\"\n");
			print_perms("oracle owner", &diff.a_owner);
			print_perms("ours   owner", &diff.b_owner);
			print_perms("oracle other", &diff.a_other);
			print_perms("ours   other", &diff.b_other);
			fail_msg("%s: not equivalent to apparmor_parser", name);
		}
		if (variant == 0)
			print_message("%-16s %zu rules: oracle %u states %zu bytes, ours %u states "
				      "%zu bytes in %.3f ms CPU",
				      name, c.n_rules, oracle.n_states, dfas[n - 1].size,
				      ours.n_states, blob.size, compiled * 1e3);
		if (variant == 1)
			print_message(", %zu with EC", blob.size);
		if (variant == 4)
			print_message(", %zu diff-encoded\n", blob.size);
		vc_difference_done(&diff);
		vc_decoded_dfa_done(&ours);
		vc_blob_done(&blob);
	}
	vc_decoded_dfa_done(&oracle);
	for (size_t i = 0; i < c.n_xtable; i++)
		free(c.xtable[i]);
	free(c.rules);
	free(c.text);
}

static void test_oracle_cases(void **state)
{
	_cleanup_(closedirp) DIR *dir = NULL;
	struct dirent *de;
	unsigned count = 0;

	(void)state;
	dir = opendir(VC_TEST_DATA_DIR);
	assert_non_null(dir);
	while ((de = readdir(dir))) {
		size_t len = strlen(de->d_name);
		char name[1024];

		if (len < 6 || strcmp(de->d_name + len - 5, ".prof") != 0)
			continue;
		snprintf(name, sizeof(name), "%s/%.*s", VC_TEST_DATA_DIR, (int)(len - 5),
			 de->d_name);
		check_case(name);
		count++;
	}
	assert_true(count >= 10);
}

/* "test_compile_oracle BASE..." checks BASE.prof against BASE.bin instead. */
static char **given_cases;

static void test_given_cases(void **state)
{
	(void)state;
	for (char **base = given_cases; *base; base++)
		check_case(*base);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_oracle_cases),
	};
	const struct CMUnitTest given[] = {
	    cmocka_unit_test(test_given_cases),
	};

	if (argc > 1) {
		given_cases = argv + 1;
		return cmocka_run_group_tests(given, NULL, NULL);
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
