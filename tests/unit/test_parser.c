// SPDX-License-Identifier: GPL-2.0-only
/*
 * Front-end unit tests: every rule type accepted, every class of error
 * refused with a "file:line:col: error:" diagnostic. Verdicts were taken
 * from Debian's apparmor_parser 3.0.8.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "parser/cache.h"
#include "parser/expand.h"
#include "parser/features.h"
#include "parser/frontend.h"
#include "parser/lexer.h"
#include "parser/parse.h"
#include "parser/preprocess.h"

struct run {
	int r;
	char *errors;
	size_t len;
	struct frontend fe;
	struct policy *pol;
};

/* Parse text as a file named "t.aa"; keep the frontend for inspection. */
static void run_text(struct run *run, const char *text)
{
	static const char *const dirs[] = {"/etc/apparmor.d"};
	FILE *err = open_memstream(&run->errors, &run->len);

	assert_non_null(err);
	frontend_init(&run->fe, dirs, 1, err);
	run->pol = NULL;
	run->r = frontend_load_text(&run->fe, "t.aa", text, &run->pol);
	fclose(err);
}

static void run_done(struct run *run)
{
	frontend_release(&run->fe);
	free(run->errors);
}

static void assert_accepts(const char *text)
{
	struct run run;

	run_text(&run, text);
	if (run.r != 0)
		fail_msg("refused:\n%s\n%s", text, run.errors);
	run_done(&run);
}

/* The text is refused and the first diagnostic contains needle. */
static void assert_refuses(const char *text, const char *needle)
{
	struct run run;

	run_text(&run, text);
	if (run.r == 0)
		fail_msg("accepted: %s", text);
	if (strncmp(run.errors, "t.aa:", 5) != 0 || !strstr(run.errors, ": error: "))
		fail_msg("diagnostic not in file:line:col form: %s", run.errors);
	if (needle && !strstr(run.errors, needle))
		fail_msg("expected '%s' in:\n%s", needle, run.errors);
	run_done(&run);
}

/* The text is refused and the diagnostic starts with exactly this line. */
static void assert_first_error_line(const char *text, const char *line)
{
	struct run run;
	size_t n = strlen(line);

	run_text(&run, text);
	if (run.r == 0)
		fail_msg("accepted: %s", text);
	if (strncmp(run.errors, line, n) != 0 || run.errors[n] != '\n')
		fail_msg("expected first line '%s' in:\n%s", line, run.errors);
	run_done(&run);
}

/* Conditional values outside their vocabulary, in apparmor_parser's words. */
static void names_the_bad_conditional_value(void **state)
{
	(void)state;
	assert_first_error_line("profile foo { unix type=bogus, }",
				"t.aa:1:25: error: invalid socket type 'bogus'");
	assert_first_error_line("profile foo { unix (send) type=seqpkt, }",
				"t.aa:1:32: error: invalid socket type 'seqpkt'");
	assert_first_error_line("profile foo { mount options=bogus, }",
				"t.aa:1:29: error: unsupported mount option 'bogus'");
	assert_first_error_line("profile foo {\n  mount options=(ro,nosuchopt) /a,\n}",
				"t.aa:2:21: error: unsupported mount option 'nosuchopt'");
}

static void accepts_every_rule_type(void **state)
{
	static const char *const rules[] = {
	    "/foo r,",
	    "r /foo,",
	    "file,",
	    "file /foo rw,",
	    "owner /foo/** rwlk,",
	    "audit deny /foo w,",
	    "deny /foo x,",
	    "/bin/foo ix,",
	    "/bin/foo Px -> bar,",
	    "/bin/foo cux,",
	    "/bin/foo PIx,",
	    "/foo/{a,b,{c,d}} r,",
	    "\"/foo bar\" r,",
	    "link /a -> /b,",
	    "link subset /a -> /b,",
	    "/a l -> /b,",
	    "capability,",
	    "capability chown sys_admin,",
	    "network,",
	    "network inet stream,",
	    "network netlink raw,",
	    "signal,",
	    "signal (send receive) set=(hup, int) peer=foo,",
	    "ptrace (read trace) peer=/usr/bin/x,",
	    "mount,",
	    "mount options=(rw,bind) /a -> /b,",
	    "mount fstype in (ext4 xfs) /dev/sda1 -> /mnt/,",
	    "remount /a,",
	    "umount /a,",
	    "pivot_root oldroot=/a /b -> foo,",
	    "unix (send receive) type=stream addr=@foo peer=(label=bar addr=@baz),",
	    "dbus send bus=session path=/a interface=b member={c,d} peer=(name=e label=f),",
	    "dbus bind bus=system name=org.example,",
	    "change_profile,",
	    "change_profile safe /bin/x -> foo,",
	    "set rlimit nofile <= 1024,",
	    "set rlimit as <= 10M,",
	    "set rlimit cpu <= 2minutes,",
	    "set rlimit nice <= -20,",
	    "audit { /a r, /b w, }",
	    "owner { /a r, }",
	    "^hat { /a r, }",
	    "hat other { }",
	    "profile child /bin/child flags=(complain) { }",
	    "abi <abi/3.0>,",
	    "include if exists <nonexistent/file>",
	};
	char buf[512];

	(void)state;
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		snprintf(buf, sizeof(buf), "profile foo {\n  %s\n}\n", rules[i]);
		assert_accepts(buf);
	}
}

static void refuses_bad_file_modes(void **state)
{
	(void)state;
	assert_refuses("profile foo { /foo rwx, }", "preceded by exec qualifier");
	assert_refuses("profile foo { deny /foo ix, }", "deny");
	assert_refuses("profile foo { /foo ixpx, }", "conflicting");
	assert_refuses("profile foo { /foo rwa, }", "mutually exclusive");
	assert_refuses("profile foo { /foo z, }", "file mode");
	assert_refuses("profile foo { deny file, }", NULL);
	assert_refuses("profile foo { /foo r }", "expected");
}

static void refuses_bad_names(void **state)
{
	(void)state;
	assert_refuses("profile foo { capability bogus, }", "invalid capability 'bogus'");
	assert_refuses("profile foo { capability CHOWN, }", "invalid capability");
	assert_refuses("profile foo { network bogus, }", "invalid network entry");
	assert_refuses("profile foo { network inet stream tcp, }", "too many");
	assert_refuses("profile foo { signal set=(bogus), }", "unknown signal");
	assert_refuses("profile foo { signal set=(rtmin+33), }", "unknown signal");
	assert_refuses("profile foo { ptrace bogus, }", "ptrace access");
	assert_refuses("profile foo { mount options=bogus, }", "mount option");
	assert_refuses("profile foo { mount bogus=ext4, }", "conditional");
	assert_refuses("profile foo { pivot_root bogus=/a, }", "conditional");
	assert_refuses("profile foo { unix type=bogus, }", "socket type");
	assert_refuses("profile foo { dbus bogus=x, }", "conditional");
	assert_refuses("profile foo { dbus send name=foo, }", "service");
	assert_refuses("profile foo { dbus bind path=/a, }", "message");
	assert_refuses("profile foo { set rlimit bogus <= 10, }", "invalid rlimit");
	assert_refuses("profile foo { set rlimit nice <= -21, }", "out of range");
	assert_refuses("profile foo { set rlimit cpu <= 10ms, }", "minimum");
	assert_refuses("profile foo { set rlimit nofile <= 10K, }", "invalid value");
}

static void refuses_bad_qualifiers(void **state)
{
	(void)state;
	assert_refuses("profile foo { owner capability, }", "owner prefix");
	assert_refuses("profile foo { owner signal, }", "owner prefix");
	assert_refuses("profile foo { deny audit /foo r, }", NULL);
	assert_refuses("profile foo { deny { /a r, } }", "deny");
	assert_refuses("profile foo { audit set rlimit nofile <= 1, }", "rlimit");
	assert_refuses("audit profile foo { }", NULL);
}

static void refuses_bad_flags(void **state)
{
	(void)state;
	assert_accepts("profile foo flags=(complain,audit,attach_disconnected) { }");
	assert_accepts("/usr/bin/foo (complain) { }");
	assert_refuses("profile foo flags=(bogus) { }", "invalid profile flag 'bogus'");
	assert_refuses("profile foo flags=(debug) { }", "no longer valid");
	assert_refuses("profile foo flags=(enforce,complain) { }", "conflicts");
	assert_refuses("profile foo flags=(mediate_deleted,delegate_deleted) { }", "conflicts");
	assert_refuses("profile foo flags=() { }", "empty");
}

static void checks_variables(void **state)
{
	(void)state;
	assert_accepts("@{A}=/a /b\n@{B}=@{A}/c\nprofile foo { @{B} r, @{profile_name} r, }");
	assert_accepts("@{A}=/a\n@{A}+=/b\nprofile foo { @{A} r, }");
	assert_refuses("profile foo { @{NOPE}/x r, }", "never declared");
	assert_refuses("@{A}=@{A}/b\nprofile foo { @{A} r, }", "recursively");
	assert_refuses("@{A}=@{B}\n@{B}=@{A}\nprofile foo { @{A} r, }", "recursively");
	assert_refuses("@{A}=/a\n@{A}=/b\nprofile foo { }", "previously declared");
	assert_refuses("@{A}+=/b\nprofile foo { }", "not previously declared");
	assert_refuses("@{A}=/a,\nprofile foo { }", "trailing commas");
	assert_refuses("profile foo { }\n@{A}=/x\n", "before the first profile");
	assert_refuses("profile foo { }\nalias /a -> /b,\n", "before the first profile");
}

static void checks_conditionals(void **state)
{
	(void)state;
	assert_accepts("${B}=true\nprofile foo { if ${B} { /a r, } else { /b r, } }");
	assert_accepts("${B}=false\nprofile foo { if not ${B} { /a r, } else if ${B} { } }");
	assert_accepts("@{V}=x\nprofile foo { if defined @{V} { /a r, } }");
	assert_refuses("profile foo { if ${B} { /a r, } }", "unset boolean");
	assert_refuses("${B}=yes\nprofile foo { }", "true or false");
	assert_refuses("${B}=true\n${B}=false\nprofile foo { }", "previously declared");
}

static void checks_globs(void **state)
{
	(void)state;
	assert_refuses("profile foo { /foo/{a,b r, }", "alternation");
	assert_refuses("profile foo { /a/b} r, }", "no matching open");
	assert_refuses("profile foo { /a/{b} r, }", "number of items");
	assert_refuses("profile foo { /a/[ab r, }", "character class");
	assert_refuses("profile foo { /a/]b r, }", "no matching open");
	assert_accepts("profile foo { /a/[{] r, /a/{,b} r, /a/\\{ r, }");
}

static void checks_profiles(void **state)
{
	(void)state;
	assert_refuses("profile foo { } profile foo { }", "multiple definitions");
	assert_refuses("profile foo { ^bar { } ^bar { } }", "multiple definitions");
	assert_refuses("foo { }", "profile names must begin");
	assert_refuses("profile foo { /bin/x { } }", NULL);
	assert_accepts(":ns:foo { }");
	assert_accepts("profile \"foo bar\" /usr/bin/x xattrs=(user.a=b user.c) { }");
}

static void refuses_malformed_input(void **state)
{
	(void)state;
	assert_refuses("profile foo { /a r, ", "end of file");
	assert_refuses("profile foo { /a r, }}", NULL);
	assert_refuses("profile foo { \"/a r, }", "unterminated");
	assert_refuses("profile foo {\x01\x02\xff }", NULL);
	assert_refuses("profile foo { include <abstractions/nonexistent> }", "could not open");
	assert_refuses("profile foo { include \"/nonexistent\" }", "could not open");
}

static void refuses_deep_nesting(void **state)
{
	size_t n = 10000;
	char *text = malloc(n * 5 + 32);
	char *p = text;

	(void)state;
	assert_non_null(text);
	p += sprintf(p, "profile foo {");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "^h {");
	assert_refuses(text, "nesting");
	free(text);
}

static void refuses_huge_tokens(void **state)
{
	size_t n = LEXER_MAX_TOKEN + 100;
	char *text = malloc(n + 64);

	(void)state;
	assert_non_null(text);
	strcpy(text, "profile foo { /");
	memset(text + strlen(text), 'a', n);
	strcpy(text + 15 + n, " r, }");
	assert_refuses(text, "token longer");
	free(text);
}

static void bounds_variable_blowup(void **state)
{
	char text[4096], *p = text;

	(void)state;
	p += sprintf(p, "@{A0}=x\n");
	for (int i = 1; i < 40; i++)
		p += sprintf(p, "@{A%d}=@{A%d}@{A%d}\n", i, i - 1, i - 1);
	sprintf(p, "profile foo { /@{A39} r, }\n");
	assert_refuses(text, "too large");
}

/* Errors inside an include name the include chain before the location. */
static void diagnostics_show_caret_and_include_chain(void **state)
{
	char dir[] = "/tmp/vigil-test-XXXXXX", path[128], text[256];
	struct run run;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/inc", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("# fragment\n  /x rwx,\n", f);
	fclose(f);
	snprintf(text, sizeof(text), "profile foo {\n  include \"%s\"\n}\n", path);
	run_text(&run, text);
	assert_int_not_equal(run.r, 0);
	assert_non_null(strstr(run.errors, "In file included from t.aa:2:3:\n"));
	assert_non_null(strstr(run.errors, "/inc:2:6: error: "));
	assert_non_null(strstr(run.errors, "\n      /x rwx,\n         ^\n"));
	run_done(&run);
	unlink(path);
	rmdir(dir);
}

static void include_cycles_terminate(void **state)
{
	char dir[] = "/tmp/vigil-test-XXXXXX", a[128], b[128], text[256];
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	f = fopen(a, "w");
	assert_non_null(f);
	fprintf(f, "/a r,\ninclude \"%s\"\n", b);
	fclose(f);
	f = fopen(b, "w");
	assert_non_null(f);
	fprintf(f, "/b r,\ninclude \"%s\"\n", a);
	fclose(f);
	snprintf(text, sizeof(text), "profile foo { include \"%s\" }", a);
	assert_accepts(text);
	/* a directory include takes every file in it */
	snprintf(text, sizeof(text), "profile foo { include \"%s\" }", dir);
	assert_accepts(text);
	unlink(a);
	unlink(b);
	rmdir(dir);
}

static void names_are_listed_in_order(void **state)
{
	struct run run;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;

	(void)state;
	run_text(&run, "profile foo { profile bar { } ^hat { } }\nprofile baz { }\n");
	assert_int_equal(run.r, 0);
	out = open_memstream(&buf, &len);
	assert_non_null(out);
	frontend_print_names(run.pol, out);
	fclose(out);
	assert_string_equal(buf, "baz\nfoo\nfoo//bar\nfoo//hat\n");
	free(buf);
	run_done(&run);
}

static void policy_tree_is_built(void **state)
{
	struct run run;
	struct profile *p;
	struct rule *r;

	(void)state;
	run_text(&run, "@{D}=/a /b\nprofile foo /bin/foo flags=(complain) {\n"
		       "  owner @{D}/** rw,\n  /bin/x Cx -> child,\n  capability chown,\n}\n");
	assert_int_equal(run.r, 0);
	p = run.pol->profiles;
	assert_string_equal(p->name, "foo");
	assert_string_equal(p->attachment, "/bin/foo");
	assert_true(p->flags & PFLAG_COMPLAIN);
	r = p->rules;
	assert_int_equal(r->kind, RULE_FILE);
	assert_string_equal(r->path, "{/a,/b}/**");
	assert_int_equal(r->perms, PERM_READ | PERM_WRITE);
	assert_true(r->qual & QUAL_OWNER);
	r = r->next;
	assert_int_equal(r->exec, EXEC_CHILD);
	assert_true(r->exec_clean);
	assert_string_equal(r->target, "child");
	r = r->next;
	assert_int_equal(r->kind, RULE_CAPABILITY);
	assert_string_equal(r->words->text, "chown");
	run_done(&run);
}

static void features_flat_and_lookup(void **state)
{
	struct arena a;
	struct features f;

	(void)state;
	arena_init(&a);
	assert_int_equal(features_parse_flat(&a,
					     "caps {mask {chown kill\n}\n}\n"
					     "domain {stack {yes\n}\nversion {1.2\n}\n}\n",
					     &f),
			 0);
	assert_true(features_has(&f, "caps"));
	assert_true(features_has(&f, "domain/stack"));
	assert_string_equal(features_value(&f, "domain/version"), "1.2");
	assert_true(features_list_contains(&f, "caps/mask", "kill"));
	assert_false(features_list_contains(&f, "caps/mask", "ki"));
	assert_false(features_has(&f, "dbus"));
	assert_int_not_equal(features_parse_flat(&a, "caps {mask {chown\n", &f), 0);
	arena_release(&a);
}

/* Reference values of MurmurHash3_x86_32. */
static void murmur3_matches_reference(void **state)
{
	(void)state;
	assert_int_equal(murmur3_32("", 0, 0), 0);
	assert_int_equal(murmur3_32("", 0, 1), 0x514e28b7);
	assert_int_equal(murmur3_32("hello", 5, 0), 0x248bfa47);
	assert_int_equal(murmur3_32("Hello, world!", 13, 1234), 0xfaf6cdb3);
}

static void checks_exec_transitions(void **state)
{
	(void)state;
	assert_accepts("profile foo { /bin/a px, /bin/a px, /bin/* ix, }");
	assert_accepts("profile foo { safe /bin/a px, /bin/a Px, unsafe /bin/b Px, /bin/b px, }");
	assert_accepts("profile foo { /bin/a x -> b, deny /bin/c x, }");
	assert_refuses("profile foo { /bin/a ix, /bin/a px, }", "conflicting x modifiers");
	assert_refuses("profile foo { /bin/a px -> a, /bin/a px -> b, }", "conflicting");
	assert_refuses("profile foo { unsafe /bin/a r, }", "missing exec");
	assert_refuses("profile foo { deny unsafe /bin/a x, }", "unsafe");
	assert_refuses(
	    "profile foo { change_profile safe /a -> b, change_profile unsafe /a -> b, }",
	    "conflicting");
}

static void checks_rule_shapes(void **state)
{
	(void)state;
	/* a peer block ends dbus and unix rules */
	assert_refuses("profile foo { dbus send peer=(label=x) path=/a, }", NULL);
	assert_refuses("profile foo { unix (bind) peer=(label=x), }", "peer");
	assert_refuses("profile foo { unix addr=@a addr=@b, }", "only be specified once");
	assert_refuses("profile foo { dbus eavesdrop path=/a, }", "eavesdrop");
	assert_refuses("profile foo { dbus send interface=(a b), }", "single value");
	assert_refuses("profile foo { network inet stream,network inet6, }", "network");
	assert_refuses("profile foo { mount ->, }", "mount point");
	assert_refuses("profile foo { signal peer=(foo), }", "label");
	assert_refuses("profile foo { change_profile -> &a, }", "not a profile");
	assert_accepts("profile foo { mount options=(bind) /a/{b,c -> /b, dbus path=/a/{b,c, }");
	assert_accepts("profile foo { /a/b\\ c r, set rlimit as<=10M, }");
	assert_refuses("profile foo { foo/bar r, }", "not a path");
	assert_accepts("profile foo { foo_bar r, @foo r, }");
}

static void checks_untaken_branches(void **state)
{
	(void)state;
	/* parse-time checks apply in both branches; expansion only in the taken one */
	assert_refuses("${B}=false\nprofile foo { if ${B} { capability bogus, } }", "capability");
	assert_refuses("${B}=false\nprofile foo { if ${B} { ^h { } ^h { } } }", "multiple");
	assert_accepts("${B}=false\nprofile foo { if ${B} { @{NOPE} r, /a/{b r, } }");
	assert_refuses("${B}=true\n@{B}=a\nprofile foo { }", "previously declared");
	assert_accepts("${B}=TRUE\nprofile foo { if not not ${B} { } if${B} { } }");
}

static void features_directory_form(void **state)
{
	char dir[] = "/tmp/vigil-feat-XXXXXX", path[256];
	struct arena a;
	struct features f;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/caps", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/caps/mask", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("chown kill\n", fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/stack", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("yes\n", fp);
	fclose(fp);
	arena_init(&a);
	assert_int_equal(features_load(&a, dir, &f), 0);
	/* flattened exactly like libapparmor: sorted, "name {" content "}\n" */
	assert_string_equal(f.flattened, "caps {mask {chown kill\n}\n}\nstack {yes\n}\n");
	assert_true(features_list_contains(&f, "caps/mask", "kill"));
	assert_string_equal(features_value(&f, "stack"), "yes");
	arena_release(&a);
	snprintf(path, sizeof(path), "%s/caps/mask", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/caps", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/stack", dir);
	unlink(path);
	rmdir(dir);
}

static void file_mode_decoding(void **state)
{
	uint32_t perms;
	enum exec_mode exec;
	bool clean;
	const char *error;

	(void)state;
	assert_int_equal(parse_file_mode("rwlkm", false, &perms, &exec, &clean, &error), 0);
	assert_int_equal(perms, PERM_READ | PERM_WRITE | PERM_LINK | PERM_LOCK | PERM_MMAP);
	assert_int_equal(parse_file_mode("PUx", false, &perms, &exec, &clean, &error), 0);
	assert_int_equal(exec, EXEC_PROFILE_UNCONFINED);
	assert_true(clean);
	assert_int_equal(parse_file_mode("ixix", false, &perms, &exec, &clean, &error), 0);
	assert_int_not_equal(parse_file_mode("ixux", false, &perms, &exec, &clean, &error), 0);
	assert_int_equal(parse_file_mode("x", true, &perms, &exec, &clean, &error), 0);
	assert_int_equal(exec, EXEC_BARE);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* -p output, byte for byte as apparmor_parser 3.0.8 writes it. */
/* -p of refused text: up to the word in error; errors found after parsing do not count. */
static char *preprocess_refused(const char *text, unsigned *parse_errors, unsigned *errors)
{
	char path[] = "/tmp/vigil-ppr-XXXXXX";
	struct frontend fe;
	struct policy *pol;
	FILE *err = fopen("/dev/null", "w"), *out;
	char *buf = NULL;
	size_t len = 0;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	frontend_init(&fe, NULL, 0, err);
	(void)frontend_load(&fe, path, &pol);
	*parse_errors = fe.diag.parse_errors;
	*errors = fe.diag.errors;
	out = open_memstream(&buf, &len);
	(void)preprocess_file_until(&fe.sources, path, out,
				    fe.diag.first_error.src ? &fe.diag.first_error : NULL);
	fclose(out);
	fclose(err);
	frontend_release(&fe);
	unlink(path);
	return buf;
}

static void preprocess_stops_at_the_error(void **state)
{
	unsigned parse_errors, errors;
	char *out;

	(void)state;
	out = preprocess_refused("profile a {\n  /x r,\n  bogus rule here,\n  /y r,\n}\n",
				 &parse_errors, &errors);
	assert_int_equal(parse_errors, 1);
	assert_string_equal(out, "profile a {\n  /x r,\n  bogus rule");
	free(out);
	out = preprocess_refused("profile a {\n  capability foo,\n}\n", &parse_errors, &errors);
	assert_string_equal(out, "profile a {\n  capability foo");
	free(out);
	/* apparmor_parser expands variables after parsing: -p does not see this one */
	out = preprocess_refused("profile a {\n  @{NOPE}/x r,\n}\n", &parse_errors, &errors);
	assert_int_equal(errors, 1);
	assert_int_equal(parse_errors, 0);
	assert_string_equal(out, "profile a {\n  @{NOPE}/x r,\n}\n");
	free(out);
}

static void preprocess_matches_oracle_layout(void **state)
{
	char dir[] = "/tmp/vigil-pp-XXXXXX", path[256], main_path[256], text[1024];
	static const char *const names[] = {"a", "b", "x.dpkg-old", "README", "y.orig", "inc"};
	struct source_cache c = {0};
	struct arena a;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/d", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	for (size_t i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "%s/d/%s", dir, names[i]);
		snprintf(text, sizeof(text), "#%s\n", names[i]);
		write_file(path, text);
	}
	snprintf(path, sizeof(path), "%s/inc", dir);
	write_file(path, "/inc r,\n");
	snprintf(main_path, sizeof(main_path), "%s/main", dir);
	snprintf(text, sizeof(text),
		 "@{V}=x\n"
		 "include \"%s/d\"\n"
		 "/p {\n"
		 "  include \"%s/inc\"\n"
		 "  include \"%s/inc\"\n"
		 "  ^h {\n"
		 "    include \"%s/inc\"\n"
		 "  }\n"
		 "  /{a,b} r,\n"
		 "}\n",
		 dir, dir, dir, dir);
	write_file(main_path, text);

	arena_init(&a);
	c.arena = &a;
	f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(preprocess_file(&c, main_path, f), 0);
	fclose(f);
	snprintf(text, sizeof(text),
		 "@{V}=x\n\n"
		 " \n\n##included \"%s/d\"\n#b\n#a\n\n"
		 "/p {\n"
		 "   \n\n##included \"%s/inc\"\n/inc r,\n\n"
		 "   \n\n##skipped duplicate include <%s/inc>\n\n"
		 "  ^h {\n"
		 "     \n\n##included \"%s/inc\"\n/inc r,\n\n"
		 "  }\n"
		 "  /{a,b} r,\n"
		 "}\n",
		 dir, dir, dir, dir);
	assert_string_equal(out, text);
	free(out);
	arena_release(&a);

	for (size_t i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "%s/d/%s", dir, names[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/d", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/inc", dir);
	unlink(path);
	unlink(main_path);
	rmdir(dir);
}

/* Rule classes missing from the features: apparmor_parser's words and order. */
/* Run text with --warn=cls; return the diagnostics (caller frees). */
static char *warnings_for(const char *cls, const char *text, int *r)
{
	struct run run;
	FILE *err;
	char *out;

	frontend_init(&run.fe, NULL, 0, NULL);
	err = open_memstream(&run.errors, &run.len);
	assert_non_null(err);
	run.fe.diag.out = err;
	if (cls)
		assert_true(diag_classes_option(&run.fe.diag.classes, cls, false));
	*r = frontend_load_text(&run.fe, "t.aa", text, &run.pol);
	fclose(err);
	out = run.errors;
	frontend_release(&run.fe);
	return out;
}

/* Upper-case R W L M I X are accepted; --warn=deprecated and dangerous say what 3.0.8 says. */
static void deprecated_and_dangerous_modes_warn(void **state)
{
	static const char text[] =
	    "profile a {\n  /c RW,\n  /d LM,\n  /bin/x ux,\n  /bin/y Ux,\n}\n";
	char *out;
	int r;

	(void)state;
	/* every class apparmor_parser knows is taken, others are not */
	{
		struct diag_classes c = {};

		assert_true(diag_classes_option(&c, "no-format", false));
		assert_true(diag_classes_option(&c, "jobs", true));
		assert_false(diag_classes_option(&c, "bogus", false));
		assert_false(diag_classes_option(&c, "rule-not-enforced,dangerous", false));
	}
	out = warnings_for(NULL, text, &r);
	assert_int_equal(r, 0);
	assert_string_equal(out, "");
	free(out);
	out = warnings_for("deprecated", text, &r);
	assert_int_equal(r, 0);
	assert_string_equal(out,
			    "Warning from t.aa (t.aa line 2): Uppercase qualifiers \"RWLIMX\" are "
			    "deprecated, please convert to lowercase\n"
			    "See the apparmor.d(5) manpage for details.\n"
			    "Warning from t.aa (t.aa line 3): Uppercase qualifiers \"RWLIMX\" are "
			    "deprecated, please convert to lowercase\n"
			    "See the apparmor.d(5) manpage for details.\n");
	free(out);
	out = warnings_for("dangerous", text, &r);
	assert_int_equal(r, 0);
	assert_string_equal(out, "Warning from t.aa (t.aa line 4): Unconfined exec qualifier (ux) "
				 "allows some dangerous environment variables to be passed to the "
				 "unconfined process; 'man 5 apparmor.d' for details.\n");
	free(out);
	/* a lone upper-case X is still no mode: it needs a qualifier */
	assert_refuses("profile a { /c X, }", "exec qualifier");
}

static void unenforced_rules_are_reported(void **state)
{
	struct features feat;
	struct run run;
	FILE *err;

	(void)state;
	frontend_init(&run.fe, NULL, 0, NULL);
	assert_int_equal(features_parse_flat(&run.fe.arena, "file {mask {read\n}\n}\n", &feat), 0);
	err = open_memstream(&run.errors, &run.len);
	assert_non_null(err);
	run.fe.diag.out = err;
	run.fe.features = &feat;
	diag_classes_option(&run.fe.diag.classes, "rule-not-enforced", false);
	run.r = frontend_load_text(&run.fe, "t.aa",
				   "profile b {\n  ^h { dbus, }\n  mount,\n  network,\n}\n"
				   "profile a { signal, network packet, }\n",
				   &run.pol);
	fclose(err);
	assert_int_equal(run.r, 0);
	assert_string_equal(
	    run.errors, "Warning from profile a (t.aa): signal rules not enforced\n"
			"Warning from profile b (t.aa): mount rules not enforce\n"
			"Warning from profile b (t.aa): extended network unix socket rules "
			"not enforced\n"
			"Warning from profile h (t.aa): dbus rules not enforced\n"
			"Warning from t.aa (t.aa line 7): profile a network rules not enforced\n"
			"Warning from t.aa (t.aa line 7): profile b network rules not enforced\n");
	run_done(&run);

	/* --Werror turns the first one into an error, shown or not */
	frontend_init(&run.fe, NULL, 0, NULL);
	assert_int_equal(features_parse_flat(&run.fe.arena, "file {mask {read\n}\n}\n", &feat), 0);
	err = open_memstream(&run.errors, &run.len);
	assert_non_null(err);
	run.fe.diag.out = err;
	run.fe.features = &feat;
	diag_classes_option(&run.fe.diag.classes, "rule-not-enforced", true);
	run.r = frontend_load_text(&run.fe, "t.aa", "profile a { signal, ptrace, }\n", &run.pol);
	fclose(err);
	assert_int_not_equal(run.r, 0);
	assert_string_equal(run.errors, "");
	run_done(&run);
}

/* No features directory: apparmor_parser's fallback set names the cache. */
static void cache_dir_without_kernel_features(void **state)
{
	struct arena a;
	struct features f;
	char path[256];

	(void)state;
	arena_init(&a);
	assert_int_equal(features_load_fallback(&a, &f), 0);
	assert_true(features_has(&f, "domain/change_hat"));
	assert_false(features_has(&f, "network"));
	assert_int_equal(cache_dir_path(&f, "/var/cache/apparmor", path, sizeof(path)), 0);
	assert_string_equal(path, "/var/cache/apparmor/733692a5.0");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(accepts_every_rule_type),
	    cmocka_unit_test(refuses_bad_file_modes),
	    cmocka_unit_test(refuses_bad_names),
	    cmocka_unit_test(names_the_bad_conditional_value),
	    cmocka_unit_test(refuses_bad_qualifiers),
	    cmocka_unit_test(refuses_bad_flags),
	    cmocka_unit_test(checks_variables),
	    cmocka_unit_test(checks_conditionals),
	    cmocka_unit_test(checks_globs),
	    cmocka_unit_test(checks_profiles),
	    cmocka_unit_test(refuses_malformed_input),
	    cmocka_unit_test(refuses_deep_nesting),
	    cmocka_unit_test(refuses_huge_tokens),
	    cmocka_unit_test(bounds_variable_blowup),
	    cmocka_unit_test(diagnostics_show_caret_and_include_chain),
	    cmocka_unit_test(include_cycles_terminate),
	    cmocka_unit_test(preprocess_matches_oracle_layout),
	    cmocka_unit_test(preprocess_stops_at_the_error),
	    cmocka_unit_test(unenforced_rules_are_reported),
	    cmocka_unit_test(deprecated_and_dangerous_modes_warn),
	    cmocka_unit_test(cache_dir_without_kernel_features),
	    cmocka_unit_test(names_are_listed_in_order),
	    cmocka_unit_test(policy_tree_is_built),
	    cmocka_unit_test(features_flat_and_lookup),
	    cmocka_unit_test(murmur3_matches_reference),
	    cmocka_unit_test(file_mode_decoding),
	    cmocka_unit_test(checks_exec_transitions),
	    cmocka_unit_test(checks_rule_shapes),
	    cmocka_unit_test(checks_untaken_branches),
	    cmocka_unit_test(features_directory_form),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
