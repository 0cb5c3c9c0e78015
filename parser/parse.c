// SPDX-License-Identifier: GPL-2.0-only
/*
 * Recursive-descent parser for the AppArmor 3.0 policy language.
 *
 * Includes are followed as they are met: the included file is parsed in
 * the same context as the directive (file scope or a profile body), with
 * its own lexer whose locations remember the include site.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <strings.h>
#include <sys/stat.h>

#include "parser/lexer.h"
#include "parser/parse.h"

/* Deeper nesting than this is surely garbage; refuse it before the stack does. */
#define MAX_NESTING 64
/* Each nested include costs about 1 KiB of stack: 4096 stay well inside 8 MiB. */
#define MAX_INCLUDE_DEPTH 4096u

struct parser {
	struct arena *arena;
	bool in_mount; /* mount conditions may wrap after '=' */
	struct diag *diag;
	struct source_cache *sources;
	struct policy *pol;
	struct lexer *lx;
	bool seen_profile;
	unsigned depth;
	unsigned include_depth;
};

static int syntax_error_at(struct parser *ps, const struct loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int syntax_error_at(struct parser *ps, const struct loc *loc, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(ps->diag, loc, "%s", msg);
	return -EINVAL;
}

/* Describe what the lexer is looking at, for "expected X, found Y" errors. */
static const char *describe_next(struct parser *ps)
{
	struct lexer save = *ps->lx;
	struct word w;
	const char *what;

	if (lexer_at_end(ps->lx))
		return "end of file";
	if (lexer_word(ps->lx, ps->arena, WORD_ID, &w) < 0)
		what = arena_printf(ps->arena, "'%c'", lexer_peek(ps->lx));
	else
		what = arena_printf(ps->arena, "'%.40s'", w.text);
	*ps->lx = save;
	return what;
}

static int expected(struct parser *ps, const char *what)
{
	struct loc loc;

	lexer_skip_blank(ps->lx);
	loc = lexer_loc(ps->lx);
	return syntax_error_at(ps, &loc, "syntax error: expected %s, found %s", what,
			       describe_next(ps));
}

static int expect(struct parser *ps, const char *tok, const char *what)
{
	if (lexer_accept(ps->lx, tok))
		return 0;
	return expected(ps, what);
}

static int read_word(struct parser *ps, enum word_kind kind, const char *what, struct word *w)
{
	int r = lexer_word(ps->lx, ps->arena, kind, w);

	if (r == -EINVAL)
		return syntax_error_at(ps, &w->loc, "unterminated quoted string");
	if (r == -E2BIG)
		return syntax_error_at(ps, &w->loc, "token longer than %d characters",
				       LEXER_MAX_TOKEN);
	if (r < 0)
		return expected(ps, what);
	return 0;
}

static struct value *value_new(struct parser *ps, const struct word *w)
{
	struct value *v = arena_new(ps->arena, struct value);

	v->text = w->text;
	v->quoted = w->quoted;
	v->loc = w->loc;
	return v;
}

static bool is_mode_char(char c)
{
	/* R W L M (like I and X) are deprecated upper-case spellings */
	return strchr("rwalkmxXiIuUpPcCRWLM", c) != NULL;
}

/*
 * A word of mode letters is a file mode to apparmor_parser's scanner,
 * never a name, wherever it stands (quoted words excepted).
 */
static bool is_mode_text(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!is_mode_char(*s))
			return false;
	return true;
}

static bool is_mode_word(const struct word *w)
{
	if (w->quoted || w->len == 0)
		return false;
	for (size_t i = 0; i < w->len; i++)
		if (!is_mode_char(w->text[i]))
			return false;
	return true;
}

/* Words apparmor_parser's scanner always takes as keywords, never as names. */
static bool is_reserved_word(const char *s)
{
	static const char *const reserved[] = {
	    "abi",     "alias", "allow",  "audit",	"capability", "change_profile", "dbus",
	    "deny",    "file",	"hat",	  "if",		"include",    "link",		"mount",
	    "network", "other", "owner",  "pivot_root", "profile",    "ptrace",		"remount",
	    "rlimit",  "set",	"signal", "subset",	"umount",     "unix",		NULL,
	};

	for (const char *const *r = reserved; *r; r++)
		if (strcmp(s, *r) == 0)
			return true;
	return false;
}

/* An unquoted name that is neither a path nor a variable: [A-Za-z_][A-Za-z0-9_]* */
static bool is_plain_id(const struct word *w)
{
	if (is_reserved_word(w->text))
		return false;
	if (w->quoted || !((w->text[0] >= 'a' && w->text[0] <= 'z') ||
			   (w->text[0] >= 'A' && w->text[0] <= 'Z') || w->text[0] == '_'))
		return false;
	for (const char *p = w->text; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

/* What may stand where a file rule wants its path. ('!' is no AARE operator.) */
static bool is_file_path_word(const struct word *w)
{
	if (w->quoted)
		return w->text[0] == '/' || w->text[0] == '@';
	if (strchr(w->text, '!'))
		return false;
	return w->text[0] == '/' || w->text[0] == '@' || is_plain_id(w);
}

/* Is the next token on the current line? (Some constructs may not wrap.) */
static bool next_on_same_line(struct parser *ps)
{
	for (const char *p = ps->lx->p; p < ps->lx->end && lexer_is_space(*p); p++)
		if (*p == '\n')
			return false;
	return true;
}

/* The next significant character without consuming anything. */
static char lexer_peek_raw(struct parser *ps)
{
	struct lexer save = *ps->lx;
	char c = lexer_peek(ps->lx);

	*ps->lx = save;
	return c;
}

static int require_same_line(struct parser *ps, const char *what)
{
	struct loc here;

	if (next_on_same_line(ps))
		return 0;
	here = lexer_loc(ps->lx);
	return syntax_error_at(ps, &here, "syntax error: %s must be on the same line", what);
}

static bool enter_nesting(struct parser *ps)
{
	if (ps->depth >= MAX_NESTING) {
		struct loc loc = lexer_loc(ps->lx);

		syntax_error_at(ps, &loc, "nesting deeper than %d levels", MAX_NESTING);
		return false;
	}
	ps->depth++;
	return true;
}

/* ---- file modes --------------------------------------------------------- */

/* Map one exec qualifier spelling ("i", "Pu", "cI"...) to its transition. */
static int exec_from_qualifier(const char *q, enum exec_mode *mode, bool *clean)
{
	static const struct {
		const char *q;
		enum exec_mode mode;
	} table[] = {
	    {"i", EXEC_INHERIT},
	    {"u", EXEC_UNCONFINED},
	    {"p", EXEC_PROFILE},
	    {"c", EXEC_CHILD},
	    {"pi", EXEC_PROFILE_INHERIT},
	    {"ci", EXEC_CHILD_INHERIT},
	    {"pu", EXEC_PROFILE_UNCONFINED},
	    {"cu", EXEC_CHILD_UNCONFINED},
	};
	char lower[3] = "";

	for (size_t i = 0; q[i] && i < 2; i++)
		lower[i] = (char)(q[i] | 0x20);
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (strcmp(table[i].q, lower) == 0) {
			*mode = table[i].mode;
			/* An upper-case leading letter asks for a scrubbed environment. */
			*clean = q[0] >= 'A' && q[0] <= 'Z';
			return 0;
		}
	}
	return -EINVAL;
}

int parse_file_mode(const char *text, bool deny, uint32_t *perms, enum exec_mode *exec, bool *clean,
		    const char **error)
{
	static const char conflict[] =
	    "exec qualifier invalid, conflicting qualifier already specified";
	char qual[3] = "";
	size_t nqual = 0;
	bool saw_x = false, decided = false;

	*perms = 0;
	*exec = EXEC_NONE;
	*clean = false;
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case 'r':
		case 'R':
			*perms |= PERM_READ;
			break;
		case 'w':
		case 'W':
			*perms |= PERM_WRITE;
			break;
		case 'a':
			*perms |= PERM_APPEND;
			break;
		case 'l':
		case 'L':
			*perms |= PERM_LINK;
			break;
		case 'k':
			*perms |= PERM_LOCK;
			break;
		case 'm':
		case 'M':
			*perms |= PERM_MMAP;
			break;
		case 'i':
		case 'I':
		case 'u':
		case 'U':
		case 'p':
		case 'P':
		case 'c':
		case 'C':
			if (nqual >= 2) {
				*error = conflict;
				return -EINVAL;
			}
			qual[nqual++] = *p;
			qual[nqual] = '\0';
			break;
		case 'x':
		case 'X': {
			enum exec_mode mode;
			bool cl;

			saw_x = true;
			*perms |= PERM_EXEC;
			if (nqual == 0)
				break;
			if (exec_from_qualifier(qual, &mode, &cl) < 0) {
				*error = conflict;
				return -EINVAL;
			}
			/* Repeating the same transition is harmless; a different one is not. */
			if (decided && (mode != *exec || cl != *clean)) {
				*error = conflict;
				return -EINVAL;
			}
			*exec = mode;
			*clean = cl;
			decided = true;
			nqual = 0;
			qual[0] = '\0';
			break;
		}
		default:
			*error = "invalid file mode letter";
			return -EINVAL;
		}
	}
	if (nqual > 0) {
		*error = "exec qualifier must be followed by 'x'";
		return -EINVAL;
	}
	if ((*perms & PERM_WRITE) && (*perms & PERM_APPEND)) {
		*error = "conflict: 'a' and 'w' perms are mutually exclusive";
		return -EINVAL;
	}
	if (!saw_x)
		return 0;
	if (deny) {
		if (decided) {
			*error = "invalid mode: in deny rules 'x' must not be preceded by an exec "
				 "qualifier";
			return -EINVAL;
		}
		*exec = EXEC_BARE;
		return 0;
	}
	if (!decided) {
		*exec = EXEC_BARE;
		*error = "invalid mode: 'x' must be preceded by exec qualifier 'i', 'p', 'c', or "
			 "'u'";
		return -EINVAL;
	}
	return 0;
}

/* ---- includes ----------------------------------------------------------- */

enum scope { SCOPE_FILE, SCOPE_PROFILE };

static int parse_top_items(struct parser *ps);
static int parse_abi(struct parser *ps);
static int parse_flag_words(struct parser *ps, struct profile *prof, struct value **tail);
static int parse_body(struct parser *ps, struct profile *prof, unsigned qual, bool until_eof);

static bool already_included(const struct source ***list, size_t *n, size_t *cap,
			     const struct source *src, struct arena *a)
{
	for (size_t i = 0; i < *n; i++)
		if ((*list)[i] == src)
			return true;
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		const struct source **bigger = arena_alloc(a, ncap * sizeof(*bigger));

		if (*n)
			memcpy(bigger, *list, *n * sizeof(*bigger));
		*list = bigger;
		*cap = ncap;
	}
	(*list)[(*n)++] = src;
	return false;
}

/* How many descriptors are open now: those we inherited, as we hold none. */
static unsigned open_descriptors(unsigned below)
{
	unsigned fd, n = 0;

	for (fd = 0; fd < below; fd++)
		if (fcntl((int)fd, F_GETFD) >= 0)
			n++;
	return n;
}

/*
 * apparmor_parser keeps every file of an include chain open, so its depth
 * limit is what the descriptor limit leaves after the descriptors the
 * process inherited and the profile file itself: 1020 under the usual
 * 1024 with only stdin, stdout and stderr open. Ours follows it, within
 * what our stack allows; we read each file whole and hold no descriptor,
 * so counting them at the first include counts the inherited ones.
 */
static unsigned include_depth_limit(void)
{
	static unsigned limit;
	struct rlimit rl;
	unsigned used;

	if (limit)
		return limit;
	limit = MAX_INCLUDE_DEPTH;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur <= MAX_INCLUDE_DEPTH) {
		used = open_descriptors((unsigned)rl.rlim_cur) + 1;
		limit = rl.rlim_cur > used ? (unsigned)rl.rlim_cur - used : 1;
	}
	return limit;
}

static int parse_included_source(struct parser *ps, const struct source *src,
				 const struct loc *site, struct profile *prof)
{
	struct lexer sub, *saved = ps->lx;
	struct loc *site_copy = arena_new(ps->arena, struct loc);
	int r;

	if (prof) {
		if (already_included(&prof->included, &prof->n_included, &prof->cap_included, src,
				     ps->arena))
			return 0;
	} else if (already_included(&ps->pol->included, &ps->pol->n_included,
				    &ps->pol->cap_included, src, ps->arena)) {
		return 0;
	}
	if (ps->include_depth >= include_depth_limit())
		return syntax_error_at(ps, site, "includes nested deeper than %u levels",
				       include_depth_limit());
	*site_copy = *site;
	lexer_init(&sub, src, site_copy);
	ps->lx = &sub;
	ps->include_depth++;
	r = prof ? parse_body(ps, prof, 0, true) : parse_top_items(ps);
	ps->include_depth--;
	ps->lx = saved;
	return r;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* An included directory contributes each regular file in it, in name order. */
static int include_directory(struct parser *ps, const char *dir, const struct loc *site,
			     struct profile *prof)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int r = 0;

	if (!d)
		return syntax_error_at(ps, site, "could not open directory '%s': %s", dir,
				       strerror(errno));
	while ((de = readdir(d))) {
		if (source_dir_entry_skip(de->d_name) == SOURCE_SKIP_SILENT)
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			char **bigger = arena_alloc(ps->arena, ncap * sizeof(*bigger));

			if (n)
				memcpy(bigger, names, n * sizeof(*bigger));
			names = bigger;
			cap = ncap;
		}
		names[n++] = arena_strdup(ps->arena, de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), compare_names);
	for (size_t i = 0; i < n && r >= 0; i++) {
		char *path = arena_printf(ps->arena, "%s/%s", dir, names[i]);
		struct source *src;
		struct stat st;

		if (source_dir_entry_skip(names[i]) == SOURCE_SKIP_NOTE) {
			fprintf(stderr, "Ignoring: '%s'\n", path);
			continue;
		}
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		r = source_load_file(ps->sources, path, &src);
		if (r < 0)
			return syntax_error_at(ps, site, "could not open '%s': %s", path,
					       strerror(-r));
		r = parse_included_source(ps, src, site, prof);
	}
	return r;
}

/*
 * After "include" or "#include": [if exists] ( <magic> | "quoted" | bare ).
 * The directive is line oriented, so the name must be on the same line.
 */
static int parse_include(struct parser *ps, const struct loc *site, struct profile *prof)
{
	bool if_exists = false, magic = false;
	const char *name;
	struct loc name_loc;
	char *path;
	bool is_dir;
	struct source *src;
	int r;

	if (lexer_accept_keyword(ps->lx, "if")) {
		if (!lexer_accept_keyword(ps->lx, "exists"))
			return expected(ps, "'exists' after 'include if'");
		if_exists = true;
		/* the name must follow on the same line */
		for (const char *p = ps->lx->p; p < ps->lx->end && lexer_is_space(*p); p++) {
			if (*p == '\n') {
				struct loc here = lexer_loc(ps->lx);

				return syntax_error_at(
				    ps, &here,
				    "syntax error: include name expected on the same "
				    "line");
			}
		}
	}
	lexer_skip_blank(ps->lx);
	name_loc = lexer_loc(ps->lx);
	if (lexer_peek(ps->lx) == '<') {
		const char *start, *gt;
		size_t len;

		lexer_accept(ps->lx, "<");
		lexer_rest_of_line(ps->lx, &start, &len);
		gt = memchr(start, '>', len);
		if (!gt)
			return syntax_error_at(ps, &name_loc,
					       "unterminated include name, missing '>'");
		name = arena_strndup(ps->arena, start, (size_t)(gt - start));
		/* Give back what follows the '>' on the line. */
		ps->lx->p = gt + 1;
		magic = true;
	} else {
		struct word w;

		r = read_word(ps, WORD_PATH, "include file name", &w);
		if (r < 0)
			return r;
		name = w.text;
	}
	if (name[0] == '\0')
		return syntax_error_at(ps, &name_loc, "empty include file name");

	r = source_resolve_include_cached(ps->sources, name, magic, &path, &is_dir);
	if (r < 0) {
		if (if_exists)
			return 0;
		return syntax_error_at(ps, &name_loc, "could not open '%s'", name);
	}
	if (is_dir)
		return include_directory(ps, path, site, prof);
	r = source_load_file(ps->sources, path, &src);
	if (r < 0) {
		if (if_exists && r == -ENOENT)
			return 0;
		return syntax_error_at(ps, &name_loc, "could not open '%s': %s", name,
				       strerror(-r));
	}
	return parse_included_source(ps, src, site, prof);
}

/* Is an include directive next? Consumes the keyword if so. */
static bool accept_include_keyword(struct parser *ps)
{
	/* "#include<x>" is fine: the directive needs no blank before its name */
	lexer_skip_blank(ps->lx);
	if (ps->lx->end - ps->lx->p > 8 && memcmp(ps->lx->p, "#include", 8) == 0 &&
	    (ps->lx->p[8] == '<' || ps->lx->p[8] == '"'))
		return lexer_accept(ps->lx, "#include");
	return lexer_accept_keyword(ps->lx, "#include") || lexer_accept_keyword(ps->lx, "include");
}

/* ---- conditions --------------------------------------------------------- */

static int parse_value_list(struct parser *ps, struct value **ret)
{
	struct value **tail = ret;

	/* '(' already consumed */
	for (;;) {
		struct word w;
		int r;

		if (lexer_accept(ps->lx, ")"))
			return 0;
		if (lexer_accept(ps->lx, ","))
			continue;
		r = read_word(ps, WORD_VALUE, "a value or ')'", &w);
		if (r < 0)
			return r;
		*tail = value_new(ps, &w);
		tail = &(*tail)->next;
	}
}

static int parse_cond_list(struct parser *ps, struct cond **ret);

/*
 * name=value, name=(v1 v2), name in (v1 v2); for "peer" a parenthesised
 * list of further conditions. The name has already been read.
 */
static int parse_cond_value(struct parser *ps, struct cond *c, bool allow_in, enum word_kind kind)
{
	struct word w;
	int r;

	if (allow_in && lexer_accept_keyword(ps->lx, "in")) {
		c->in = true;
		r = require_same_line(ps, "the list after 'in'");
		if (r < 0)
			return r;
	} else if (!lexer_accept(ps->lx, "=")) {
		return expected(ps, "'='");
	} else if (!ps->in_mount && lexer_peek_raw(ps) != '(') {
		/* a single value may not wrap; a "(list)" may */
		r = require_same_line(ps, "a condition's value");
		if (r < 0)
			return r;
	}
	if (lexer_peek(ps->lx) == '(') {
		lexer_accept(ps->lx, "(");
		c->list = true;
		r = parse_value_list(ps, &c->values);
		if (r >= 0 && !c->values)
			return syntax_error_at(ps, &c->loc,
					       "syntax error: empty value list for '%s'", c->name);
		return r;
	}
	if (c->in)
		return expected(ps, "'(' after 'in'");
	r = read_word(ps, kind, "a value", &w);
	if (r < 0)
		return r;
	c->values = value_new(ps, &w);
	return 0;
}

/* Does "name=" or "name in" follow? (Without consuming anything.) */
static bool cond_follows(struct parser *ps, bool allow_in)
{
	struct lexer save = *ps->lx;
	struct word w;
	bool yes = false;

	if (lexer_word(ps->lx, ps->arena, WORD_ID, &w) == 0 && !w.quoted) {
		const char *p = ps->lx->p;

		/* a condition name and its '=' share a line */
		while (p < ps->lx->end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < ps->lx->end && *p == '\n')
			yes = false;
		else if (lexer_peek(ps->lx) == '=')
			yes = true;
		else if (allow_in && lexer_accept_keyword(ps->lx, "in"))
			yes = lexer_peek(ps->lx) == '(';
	}
	*ps->lx = save;
	return yes;
}

static int parse_one_cond(struct parser *ps, bool allow_in, struct cond **ret)
{
	struct cond *c = arena_new(ps->arena, struct cond);
	struct word w;
	int r;

	r = read_word(ps, WORD_ID, "a condition", &w);
	if (r < 0)
		return r;
	c->name = w.text;
	c->loc = w.loc;
	*ret = c;
	/* inside "( ... )" a value must stop at ')' */
	return parse_cond_value(ps, c, allow_in, WORD_VALUE);
}

/* peer=(name=x label=y), xattrs=(a=b c=d) */
static int parse_cond_list(struct parser *ps, struct cond **ret)
{
	struct cond **tail = ret;

	for (;;) {
		int r;

		if (lexer_accept(ps->lx, ")"))
			return 0;
		if (lexer_accept(ps->lx, ","))
			continue;
		if (lexer_at_end(ps->lx))
			return expected(ps, "')'");
		r = parse_one_cond(ps, false, tail);
		if (r < 0)
			return r;
		tail = &(*tail)->next;
	}
}

/* Access word or "(list)" ahead of the conditions of signal, ptrace, unix, dbus. */
static int parse_access(struct parser *ps, struct rule *rule)
{
	struct value **tail = &rule->words;
	struct word w;
	int r;

	if (lexer_peek(ps->lx) == '(') {
		lexer_accept(ps->lx, "(");
		return parse_value_list(ps, &rule->words);
	}
	if (lexer_peek(ps->lx) == ',' || lexer_peek(ps->lx) == '-' || cond_follows(ps, false))
		return 0;
	r = read_word(ps, WORD_ID, "an access or a condition", &w);
	if (r < 0)
		return r;
	if (w.quoted)
		return syntax_error_at(ps, &w.loc, "syntax error: an access is not quoted");
	*tail = value_new(ps, &w);
	return 0;
}

/* Conditions up to the end of the rule; "peer=(...)" goes to peer_conds. */
static int parse_rule_conds(struct parser *ps, struct rule *rule, bool allow_in)
{
	struct cond **tail = &rule->conds;

	while (cond_follows(ps, allow_in)) {
		struct cond *c = arena_new(ps->arena, struct cond);
		struct word w;
		int r;

		r = read_word(ps, WORD_ID, "a condition", &w);
		if (r < 0)
			return r;
		c->name = w.text;
		c->loc = w.loc;
		if (strcmp(w.text, "peer") == 0 && lexer_accept(ps->lx, "=")) {
			struct lexer save = *ps->lx;

			r = require_same_line(ps, "a condition's value");
			if (r < 0)
				return r;
			if ((rule->kind == RULE_DBUS || rule->kind == RULE_UNIX) &&
			    lexer_accept(ps->lx, "(") && lexer_accept(ps->lx, ")")) {
				/* "peer=()" is an empty peer block: it still ends the rule */
				rule->n_peer_blocks++;
				return 0;
			}
			*ps->lx = save;
			if (lexer_accept(ps->lx, "(") && cond_follows(ps, false)) {
				struct cond **peer_tail = &rule->peer_conds;

				while (*peer_tail)
					peer_tail = &(*peer_tail)->next;
				rule->n_peer_blocks++;
				/* the peer block closes the rule: nothing may follow it */
				return parse_cond_list(ps, peer_tail);
			}
			*ps->lx = save;
			/* peer=label: keep it as an ordinary condition */
			if (lexer_peek(ps->lx) == '(') {
				lexer_accept(ps->lx, "(");
				c->list = true;
				r = parse_value_list(ps, &c->values);
				if (r >= 0 && !c->values)
					return syntax_error_at(ps, &c->loc,
							       "syntax error: empty value list");
			} else {
				r = read_word(ps, WORD_VALUE, "a value", &w);
				if (r >= 0)
					c->values = value_new(ps, &w);
			}
		} else {
			/* a rule-level value runs to white space, like a path */
			r = parse_cond_value(ps, c, allow_in, WORD_PATH);
		}
		if (r < 0)
			return r;
		*tail = c;
		tail = &c->next;
	}
	return 0;
}

/* ---- rules -------------------------------------------------------------- */

static struct rule *rule_new(struct parser *ps, enum rule_kind kind, unsigned qual,
			     const struct loc *loc)
{
	struct rule *r = arena_new(ps->arena, struct rule);

	r->kind = kind;
	r->qual = qual;
	r->loc = *loc;
	return r;
}

static int end_of_rule(struct parser *ps)
{
	return expect(ps, ",", "',' at the end of the rule");
}

/*
 * Read one word that must not be quoted and append it to the list whose
 * end is *tail; used by the rules whose words are names, not strings.
 */
static int append_unquoted_word(struct parser *ps, enum word_kind kind, const char *what,
				const char *quoted_error, struct value ***tail)
{
	struct word w;
	int r = read_word(ps, kind, what, &w);

	if (r < 0)
		return r;
	if (w.quoted)
		return syntax_error_at(ps, &w.loc, "%s", quoted_error);
	**tail = value_new(ps, &w);
	*tail = &(**tail)->next;
	return 0;
}

/*
 * capability NAME..., network WORDS...: plain words up to the comma. A
 * network word runs to white space like a path ("inet,network" is one
 * bad word), a capability name stops at a comma.
 */
static int parse_word_rule(struct parser *ps, struct rule *rule)
{
	enum word_kind kind = rule->kind == RULE_NETWORK ? WORD_PATH : WORD_ID;
	struct value **tail = &rule->words;

	while (lexer_peek(ps->lx) != ',') {
		int r = append_unquoted_word(ps, kind, "a name or ','",
					     "syntax error: unexpected quoted string", &tail);

		if (r < 0)
			return r;
	}
	return end_of_rule(ps);
}

static int parse_access_rule(struct parser *ps, struct rule *rule)
{
	int r = parse_access(ps, rule);

	if (r < 0)
		return r;
	r = parse_rule_conds(ps, rule, false);
	if (r < 0)
		return r;
	return end_of_rule(ps);
}

static bool rule_ends(struct parser *ps)
{
	char c = lexer_peek(ps->lx);

	return c == ',' || c == '\0';
}

static int read_path(struct parser *ps, const char *what, const char **text, struct loc *loc)
{
	struct word w;
	int r = read_word(ps, WORD_PATH, what, &w);

	if (r < 0)
		return r;
	*text = w.text;
	*loc = w.loc;
	return 0;
}

static int parse_mount_rule(struct parser *ps, struct rule *rule)
{
	int r;

	ps->in_mount = true;
	r = parse_rule_conds(ps, rule, true);
	ps->in_mount = false;
	if (r < 0)
		return r;
	if (rule->kind == RULE_MOUNT) {
		if (rule_ends(ps))
			return end_of_rule(ps);
		if (!lexer_accept(ps->lx, "->")) {
			r = read_path(ps, "a mount source", &rule->path, &rule->path_loc);
			if (r < 0)
				return r;
			if (!lexer_accept(ps->lx, "->"))
				return end_of_rule(ps);
		}
		/* "->" must name the mount point */
		if (rule_ends(ps))
			return expected(ps, "a mount point after '->'");
		r = read_path(ps, "a mount point", &rule->target, &rule->target_loc);
		if (r < 0)
			return r;
		return end_of_rule(ps);
	}
	if (!rule_ends(ps)) {
		r = read_path(ps, "a mount point", &rule->path, &rule->path_loc);
		if (r < 0)
			return r;
	}
	return end_of_rule(ps);
}

static int parse_pivot_root_rule(struct parser *ps, struct rule *rule)
{
	int r = parse_rule_conds(ps, rule, false);

	if (r < 0)
		return r;
	if (!rule_ends(ps) && lexer_peek(ps->lx) != '-') {
		r = read_path(ps, "a new root", &rule->path, &rule->path_loc);
		if (r < 0)
			return r;
		if (is_mode_text(rule->path))
			return syntax_error_at(ps, &rule->path_loc,
					       "syntax error: expected a new root, found a mode");
	}
	if (lexer_accept(ps->lx, "->")) {
		r = read_path(ps, "a profile name", &rule->target, &rule->target_loc);
		if (r < 0)
			return r;
	}
	return end_of_rule(ps);
}

static int parse_change_profile_rule(struct parser *ps, struct rule *rule)
{
	int r;

	if (lexer_accept_keyword(ps->lx, "safe"))
		rule->exec_safety = "safe";
	else if (lexer_accept_keyword(ps->lx, "unsafe"))
		rule->exec_safety = "unsafe";
	if (!rule_ends(ps) && lexer_peek(ps->lx) != '-') {
		r = read_path(ps, "an exec condition", &rule->path, &rule->path_loc);
		if (r < 0)
			return r;
		if (is_mode_text(rule->path))
			return syntax_error_at(ps, &rule->path_loc,
					       "syntax error: expected an exec condition, found a "
					       "mode");
	} else if (rule->exec_safety) {
		return expected(ps, "an exec condition after the exec mode");
	}
	if (lexer_accept(ps->lx, "->")) {
		r = read_path(ps, "a profile name", &rule->target, &rule->target_loc);
		if (r < 0)
			return r;
	}
	return end_of_rule(ps);
}

static int parse_link_rule(struct parser *ps, struct rule *rule)
{
	struct word w;
	int r;

	if (lexer_accept_keyword(ps->lx, "subset"))
		rule->subset = true;
	r = read_word(ps, WORD_VALUE, "a link name", &w);
	if (r < 0)
		return r;
	if (w.text[0] != '/' && w.text[0] != '@')
		return syntax_error_at(ps, &w.loc, "syntax error: link name '%.40s' is not a path",
				       w.text);
	rule->path = w.text;
	rule->path_loc = w.loc;
	if (!lexer_accept(ps->lx, "->"))
		return expected(ps, "'->' in link rule");
	r = read_word(ps, WORD_VALUE, "a link target", &w);
	if (r < 0)
		return r;
	if (w.text[0] != '/' && w.text[0] != '@')
		return syntax_error_at(ps, &w.loc,
				       "syntax error: link target '%.40s' is not a path", w.text);
	rule->target = w.text;
	rule->target_loc = w.loc;
	return end_of_rule(ps);
}

/* set rlimit NAME <= VALUE, */
static int parse_rlimit_rule(struct parser *ps, struct rule *rule)
{
	struct value **tail = &rule->words;
	struct word w;
	int r;

	if (!lexer_accept_keyword(ps->lx, "rlimit"))
		return expected(ps, "'rlimit' after 'set'");
	lexer_skip_blank(ps->lx);
	{
		const char *start = ps->lx->p;
		const char *le;

		r = read_word(ps, WORD_ID, "an rlimit name", &w);
		if (r < 0)
			return r;
		if (w.quoted)
			return syntax_error_at(ps, &w.loc,
					       "syntax error: rlimit names are not quoted");
		/* "as<=10M": the name ends where "<=" begins ('=' ends the word) */
		le = strchr(w.text, '<');
		if (le && le != w.text && !w.quoted) {
			ps->lx->p = start + (le - w.text);
			w.text = arena_strndup(ps->arena, w.text, (size_t)(le - w.text));
		}
	}
	*tail = value_new(ps, &w);
	tail = &(*tail)->next;
	if (!lexer_accept(ps->lx, "<="))
		return expected(ps, "'<='");
	while (!rule_ends(ps)) {
		r = append_unquoted_word(ps, WORD_ID, "an rlimit value",
					 "syntax error: rlimit values are not quoted", &tail);
		if (r < 0)
			return r;
	}
	return end_of_rule(ps);
}

/* --warn=deprecated and --warn=dangerous, in apparmor_parser's words. */
static void mode_warnings(struct parser *ps, const struct rule *rule)
{
	const struct loc *l = &rule->mode_loc;
	const struct loc *top = l;
	char where[512];

	if (!strpbrk(rule->mode_text, "RWLIMX") && rule->exec != EXEC_UNCONFINED)
		return;
	while (top->included_from)
		top = top->included_from;
	snprintf(where, sizeof(where), "%s (%s line %u)", top->src->name, l->src->name, l->line);
	if (strpbrk(rule->mode_text, "RWLIMX"))
		diag_class_warning(ps->diag, DIAG_W_DEPRECATED, where,
				   "Uppercase qualifiers \"RWLIMX\" are deprecated, please convert "
				   "to lowercase\nSee the apparmor.d(5) manpage for details.");
	/* "Ux" scrubs the environment; "pux" and "cux" are other modes */
	if (rule->exec == EXEC_UNCONFINED && !rule->exec_clean)
		diag_class_warning(
		    ps->diag, DIAG_W_DANGEROUS, where,
		    "Unconfined exec qualifier (ux) allows some dangerous environment "
		    "variables to be passed to the unconfined process; 'man 5 "
		    "apparmor.d' for details.");
}

static int decode_mode(struct parser *ps, struct rule *rule)
{
	const char *error = NULL;
	int r = parse_file_mode(rule->mode_text, rule->qual & QUAL_DENY, &rule->perms, &rule->exec,
				&rule->exec_clean, &error);

	/* apparmor_parser lets a bare 'x' through when a target names the transition */
	if (r < 0 && rule->target && !(rule->qual & QUAL_DENY) && rule->exec == EXEC_BARE)
		r = 0;
	if (r < 0)
		return syntax_error_at(ps, &rule->mode_loc, "%s", error);
	mode_warnings(ps, rule);
	if (!rule->exec_safety)
		return 0;
	/* "safe"/"unsafe" say whether the environment is scrubbed, overriding case */
	if (!(rule->perms & PERM_EXEC))
		return syntax_error_at(ps, &rule->mode_loc, "%s rule missing exec permissions",
				       rule->exec_safety);
	if ((rule->qual & QUAL_DENY) && strcmp(rule->exec_safety, "unsafe") == 0)
		return syntax_error_at(ps, &rule->loc, "deny rules cannot be unsafe");
	rule->exec_clean = strcmp(rule->exec_safety, "safe") == 0;
	return 0;
}

static int parse_exec_target(struct parser *ps, struct rule *rule)
{
	struct word w;
	int r;

	if (!lexer_accept(ps->lx, "->"))
		return 0;
	ps->lx->no_comments = true;
	r = read_word(ps, WORD_PATH, "an exec target", &w);
	ps->lx->no_comments = false;
	if (r < 0)
		return r;
	rule->target = w.text;
	rule->target_loc = w.loc;
	return 0;
}

/*
 * [file] PATH MODE [-> TARGET],  [file] MODE PATH [-> TARGET],  file,
 * "first" is the word already read when the parser had to look at it.
 */
static int parse_file_rule(struct parser *ps, struct rule *rule, const struct word *first)
{
	struct word w;
	int r;

	if (!first) {
		if (rule->has_file && lexer_peek(ps->lx) == ',')
			return end_of_rule(ps);
		if (!rule->exec_safety) {
			if (lexer_accept_keyword(ps->lx, "safe"))
				rule->exec_safety = "safe";
			else if (lexer_accept_keyword(ps->lx, "unsafe"))
				rule->exec_safety = "unsafe";
		}
		r = read_word(ps, WORD_PATH, "a path or a file mode", &w);
		if (r < 0)
			return r;
		first = &w;
	}
	if (is_mode_word(first)) {
		rule->mode_text = first->text;
		rule->mode_loc = first->loc;
		r = read_word(ps, WORD_PATH, "a path", &w);
		if (r < 0)
			return r;
		if (!is_file_path_word(&w))
			return syntax_error_at(ps, &w.loc, "syntax error: '%.40s' is not a path",
					       w.text);
		rule->path = w.text;
		rule->path_loc = w.loc;
	} else {
		struct word m;

		if (!is_file_path_word(first))
			return syntax_error_at(ps, &first->loc,
					       "syntax error: '%.40s' is not a path or a file mode",
					       first->text);
		rule->path = first->text;
		rule->path_loc = first->loc;
		r = lexer_word(ps->lx, ps->arena, WORD_ID, &m);
		if (r < 0 || !is_mode_word(&m)) {
			if (r >= 0)
				return syntax_error_at(ps, &m.loc,
						       "syntax error: expected a file mode, found "
						       "'%.40s'",
						       m.text);
			return expected(ps, "a file mode");
		}
		rule->mode_text = m.text;
		rule->mode_loc = m.loc;
	}
	r = parse_exec_target(ps, rule);
	if (r < 0)
		return r;
	r = decode_mode(ps, rule);
	if (r < 0)
		return r;
	return end_of_rule(ps);
}

/* ---- profiles ----------------------------------------------------------- */

static int parse_flags(struct parser *ps, struct profile *prof)
{
	struct value **tail = &prof->flag_words;
	int r;

	ps->lx->no_comments = true;
	r = parse_flag_words(ps, prof, tail);
	ps->lx->no_comments = false;
	return r;
}

static int parse_flag_words(struct parser *ps, struct profile *prof, struct value **tail)
{
	/* '(' already consumed */
	for (;;) {
		struct word w;
		int r;

		if (lexer_accept(ps->lx, ")"))
			break;
		if (lexer_accept(ps->lx, ","))
			continue;
		r = read_word(ps, WORD_ID, "a profile flag", &w);
		if (r < 0)
			return r;
		*tail = value_new(ps, &w);
		tail = &(*tail)->next;
	}
	if (!prof->flag_words)
		return syntax_error_at(ps, &prof->loc, "syntax error: empty flags list");
	return 0;
}

/* xattrs=(name=value name ...): the value is optional */
static int parse_xattrs(struct parser *ps, struct cond **ret)
{
	struct cond **tail = ret;

	for (;;) {
		struct cond *c;
		struct word w;
		int r;

		if (lexer_accept(ps->lx, ")"))
			return 0;
		if (lexer_accept(ps->lx, ","))
			continue;
		r = read_word(ps, WORD_ID, "an extended attribute name or ')'", &w);
		if (r < 0)
			return r;
		if (w.quoted)
			return syntax_error_at(ps, &w.loc,
					       "syntax error: attribute names are not quoted");
		c = arena_new(ps->arena, struct cond);
		c->name = w.text;
		c->loc = w.loc;
		if (lexer_peek(ps->lx) == '=') {
			r = parse_cond_value(ps, c, false, WORD_VALUE);
			if (r < 0)
				return r;
		}
		*tail = c;
		tail = &c->next;
	}
}

/* [ATTACHMENT] [xattrs=(...)] [flags=(...) | (...)] '{' body '}' */
static int parse_profile_rest(struct parser *ps, struct profile *prof)
{
	int r;

	{
		char c = lexer_peek(ps->lx);

		if (c == '/' || c == '@' || c == '"') {
			struct word w;

			r = read_word(ps, WORD_PATH, "an attachment", &w);
			if (r < 0)
				return r;
			prof->attachment = w.text;
			prof->attachment_loc = w.loc;
		}
		if (lexer_accept_keyword(ps->lx, "xattrs")) {
			if (!next_on_same_line(ps) || !lexer_accept(ps->lx, "=") ||
			    !next_on_same_line(ps) || !lexer_accept(ps->lx, "("))
				return expected(ps, "'=(' after 'xattrs' on the same line");
			r = parse_xattrs(ps, &prof->xattrs);
			if (r < 0)
				return r;
		}
	}
	if (lexer_accept_keyword(ps->lx, "flags")) {
		if (!next_on_same_line(ps) || !lexer_accept(ps->lx, "="))
			return expected(ps, "'=' after 'flags'");
		if (!lexer_accept(ps->lx, "("))
			return expected(ps, "'(' after 'flags='");
		r = parse_flags(ps, prof);
		if (r < 0)
			return r;
	} else if (lexer_accept(ps->lx, "(")) {
		r = parse_flags(ps, prof);
		if (r < 0)
			return r;
	}
	r = expect(ps, "{", "'{' to open the profile");
	if (r < 0)
		return r;
	if (!enter_nesting(ps))
		return -EINVAL;
	r = parse_body(ps, prof, 0, false);
	ps->depth--;
	return r;
}

static int parse_profile(struct parser *ps, struct profile *parent, bool keyword, bool hat,
			 bool is_caret, const struct loc *loc)
{
	struct profile *prof = profile_new(ps->pol, parent);
	struct word w;
	int r;

	prof->loc = *loc;
	prof->is_hat = hat;
	prof->has_profile_keyword = keyword;
	if (keyword || (hat && !is_caret)) {
		r = require_same_line(ps, "the profile name");
		if (r < 0)
			return r;
	}
	r = read_word(ps, WORD_PATH, "a profile name", &w);
	if (r < 0)
		return r;
	if (w.len == 0)
		return syntax_error_at(ps, &w.loc, "empty profile name");
	prof->name = w.text;
	if (!keyword && !hat && !parent) {
		char c = w.text[0];

		if (c != '/' && (w.quoted || c != ':'))
			return syntax_error_at(ps, &w.loc,
					       "profile names must begin with a '/', namespace or "
					       "keyword 'profile' or 'hat'");
	}
	if (!w.quoted && w.text[0] == ':') {
		const char *end = strchr(w.text + 1, ':');

		if (!end || end == w.text + 1 || end[1] == '\0')
			return syntax_error_at(
			    ps, &w.loc, "namespace names take the form ':namespace:profile'");
	}
	r = parse_profile_rest(ps, prof);
	if (r < 0)
		return r;
	if (parent) {
		*parent->children_tail = prof;
		parent->children_tail = &prof->next;
	} else {
		*ps->pol->profiles_tail = prof;
		ps->pol->profiles_tail = &prof->next;
	}
	return 0;
}

/* ---- conditionals ------------------------------------------------------- */

static int parse_bool_name(struct parser *ps, char sigil, const char **name, struct loc *loc)
{
	const char *start;

	lexer_skip_blank(ps->lx);
	*loc = lexer_loc(ps->lx);
	if (ps->lx->p + 2 > ps->lx->end || ps->lx->p[0] != sigil || ps->lx->p[1] != '{')
		return expected(ps,
				sigil == '$' ? "a boolean variable ${NAME}" : "a variable @{NAME}");
	ps->lx->p += 2;
	start = ps->lx->p;
	while (ps->lx->p < ps->lx->end && *ps->lx->p != '}' && !lexer_is_space(*ps->lx->p))
		ps->lx->p++;
	if (ps->lx->p >= ps->lx->end || *ps->lx->p != '}' || ps->lx->p == start)
		return syntax_error_at(ps, loc, "malformed variable name");
	*name = arena_strndup(ps->arena, start, (size_t)(ps->lx->p - start));
	ps->lx->p++;
	return 0;
}

/* if [not] ${B} | if defined ${B} | if defined @{V} */
static int parse_condition(struct parser *ps, bool *value)
{
	bool negate = false, defined = false;
	const char *name;
	struct loc loc;
	char sigil = '$';
	int r;

	while (lexer_accept_keyword(ps->lx, "not"))
		negate = !negate;
	if (lexer_accept_keyword(ps->lx, "defined")) {
		defined = true;
		if (lexer_peek(ps->lx) == '@')
			sigil = '@';
	}
	r = parse_bool_name(ps, sigil, &name, &loc);
	if (r < 0)
		return r;
	if (defined) {
		*value = policy_find_variable(ps->pol, name, sigil == '$') != NULL;
	} else {
		struct variable *v = policy_find_variable(ps->pol, name, true);

		if (!v)
			return syntax_error_at(
			    ps, &loc, "unset boolean variable ${%s} used in if-expression", name);
		*value = v->bool_value;
	}
	if (negate)
		*value = !*value;
	return 0;
}

/*
 * Both branches are parsed (so both must be valid), but only the taken
 * one contributes rules: the other goes into a scratch profile.
 */
static int parse_if(struct parser *ps, struct profile *prof, unsigned qual)
{
	bool value = false, taken = false;
	int r;

	for (;;) {
		struct profile *scratch;

		r = parse_condition(ps, &value);
		if (r < 0)
			return r;
		scratch = profile_new(ps->pol, prof->parent);
		scratch->name = prof->name;
		scratch->next = ps->pol->discarded;
		ps->pol->discarded = scratch;
		r = expect(ps, "{", "'{' after the condition");
		if (r < 0)
			return r;
		if (!enter_nesting(ps))
			return -EINVAL;
		r = parse_body(ps, value && !taken ? prof : scratch, qual, false);
		ps->depth--;
		if (r < 0)
			return r;
		taken = taken || value;
		if (!lexer_accept_keyword(ps->lx, "else"))
			return 0;
		if (lexer_accept_keyword(ps->lx, "if"))
			continue;
		r = expect(ps, "{", "'{' after 'else'");
		if (r < 0)
			return r;
		if (!enter_nesting(ps))
			return -EINVAL;
		if (taken) {
			struct profile *other = profile_new(ps->pol, prof->parent);

			other->name = prof->name;
			other->next = ps->pol->discarded;
			ps->pol->discarded = other;
			r = parse_body(ps, other, qual, false);
		} else {
			r = parse_body(ps, prof, qual, false);
		}
		ps->depth--;
		return r;
	}
}

/* ---- profile bodies ----------------------------------------------------- */

/* "abi<abi/3.0>," needs no blank after the keyword */
static bool accept_abi_keyword(struct parser *ps)
{
	lexer_skip_blank(ps->lx);
	if (ps->lx->end - ps->lx->p > 3 && memcmp(ps->lx->p, "abi", 3) == 0 &&
	    (ps->lx->p[3] == '<' || ps->lx->p[3] == '"'))
		return lexer_accept(ps->lx, "abi");
	return lexer_accept_keyword(ps->lx, "abi");
}

/* "if" may run straight into its variable: "if${B} {" */
static bool accept_if_keyword(struct parser *ps)
{
	lexer_skip_blank(ps->lx);
	if (ps->lx->end - ps->lx->p > 2 && memcmp(ps->lx->p, "if$", 3) == 0)
		return lexer_accept(ps->lx, "if");
	return lexer_accept_keyword(ps->lx, "if");
}

static const struct {
	const char *keyword;
	enum rule_kind kind;
} rule_keywords[] = {
    {"capability", RULE_CAPABILITY},
    {"network", RULE_NETWORK},
    {"signal", RULE_SIGNAL},
    {"ptrace", RULE_PTRACE},
    {"mount", RULE_MOUNT},
    {"remount", RULE_REMOUNT},
    {"umount", RULE_UMOUNT},
    {"pivot_root", RULE_PIVOT_ROOT},
    {"unix", RULE_UNIX},
    {"dbus", RULE_DBUS},
    {"change_profile", RULE_CHANGE_PROFILE},
    {"link", RULE_LINK},
    {"set", RULE_RLIMIT},
};

static int parse_keyword_rule_body(struct parser *ps, struct rule *rule)
{
	switch (rule->kind) {
	case RULE_CAPABILITY:
	case RULE_NETWORK:
		return parse_word_rule(ps, rule);
	case RULE_SIGNAL:
	case RULE_PTRACE:
	case RULE_UNIX:
	case RULE_DBUS:
		return parse_access_rule(ps, rule);
	case RULE_MOUNT:
	case RULE_REMOUNT:
	case RULE_UMOUNT:
		return parse_mount_rule(ps, rule);
	case RULE_PIVOT_ROOT:
		return parse_pivot_root_rule(ps, rule);
	case RULE_CHANGE_PROFILE:
		return parse_change_profile_rule(ps, rule);
	case RULE_LINK:
		return parse_link_rule(ps, rule);
	case RULE_RLIMIT:
		return parse_rlimit_rule(ps, rule);
	default:
		return parse_file_rule(ps, rule, NULL);
	}
}

static int parse_keyword_rule(struct parser *ps, struct rule *rule)
{
	/* only capability, pivot_root and link rules may carry comments inside */
	bool comments = rule->kind == RULE_CAPABILITY || rule->kind == RULE_PIVOT_ROOT ||
			rule->kind == RULE_LINK;
	bool saved = ps->lx->no_comments;
	int r;

	ps->lx->no_comments = !comments;
	r = parse_keyword_rule_body(ps, rule);
	ps->lx->no_comments = saved;
	return r;
}

static unsigned parse_qualifiers(struct parser *ps)
{
	unsigned qual = 0;
	char c = lexer_peek(ps->lx);

	/* every qualifier starts with one of these: skip the keyword tests otherwise */
	if (c != 'a' && c != 'd' && c != 'o')
		return 0;

	if (lexer_accept_keyword(ps->lx, "audit"))
		qual |= QUAL_AUDIT;
	if (lexer_accept_keyword(ps->lx, "allow"))
		qual |= QUAL_ALLOW;
	else if (lexer_accept_keyword(ps->lx, "deny"))
		qual |= QUAL_DENY;
	if (lexer_accept_keyword(ps->lx, "owner"))
		qual |= QUAL_OWNER;
	else if (lexer_accept_keyword(ps->lx, "other"))
		qual |= QUAL_OTHER;
	return qual;
}

static int parse_rule(struct parser *ps, struct profile *prof, unsigned outer_qual)
{
	struct loc loc;
	struct rule *rule;
	struct lexer save;
	struct word w;
	unsigned qual;
	char c;
	int r;

	lexer_skip_blank(ps->lx);
	loc = lexer_loc(ps->lx);
	qual = parse_qualifiers(ps);
	c = lexer_peek(ps->lx);
	if (qual && c == '{') {
		/* a qualifier block: "audit { ... }", "owner { ... }" */
		if (qual & QUAL_DENY)
			return syntax_error_at(ps, &loc, "deny prefix not allowed on a block");
		lexer_accept(ps->lx, "{");
		if (!enter_nesting(ps))
			return -EINVAL;
		r = parse_body(ps, prof, outer_qual | qual, false);
		ps->depth--;
		return r;
	}
	if (!qual) {
		if (c == '^') {
			lexer_accept(ps->lx, "^");
			if (ps->lx->p < ps->lx->end && lexer_is_space(*ps->lx->p))
				return syntax_error_at(ps, &loc,
						       "syntax error: no blank allowed after '^'");
			return parse_profile(ps, prof, false, true, true, &loc);
		}
		if (c == 'p' && lexer_accept_keyword(ps->lx, "profile"))
			return parse_profile(ps, prof, true, false, false, &loc);
		if (c == 'h' && lexer_accept_keyword(ps->lx, "hat"))
			return parse_profile(ps, prof, false, true, false, &loc);
	}

	rule = rule_new(ps, RULE_FILE, qual | outer_qual, &loc);
	rule->own_qual = qual;
	if (c == '/' || c == '@' || c == '"') {
		r = parse_file_rule(ps, rule, NULL);
		goto done;
	}
	save = *ps->lx;
	r = read_word(ps, WORD_ID, "a rule", &w);
	if (r < 0)
		return r;
	if (!w.quoted) {
		for (size_t i = 0; i < sizeof(rule_keywords) / sizeof(rule_keywords[0]); i++) {
			if (strcmp(w.text, rule_keywords[i].keyword) == 0) {
				rule->kind = rule_keywords[i].kind;
				r = parse_keyword_rule(ps, rule);
				goto done;
			}
		}
		if (strcmp(w.text, "file") == 0) {
			rule->has_file = true;
			r = parse_file_rule(ps, rule, NULL);
			goto done;
		}
		if (strcmp(w.text, "safe") == 0 || strcmp(w.text, "unsafe") == 0) {
			rule->exec_safety = w.text;
			r = parse_file_rule(ps, rule, NULL);
			goto done;
		}
	}
	/* A bare word: either a leading mode or a path-like name. */
	*ps->lx = save;
	r = read_word(ps, WORD_PATH, "a rule", &w);
	if (r < 0)
		return r;
	r = parse_file_rule(ps, rule, &w);
done:
	if (r < 0)
		return r;
	profile_add_rule(prof, rule);
	return 0;
}

static int parse_body(struct parser *ps, struct profile *prof, unsigned qual, bool until_eof)
{
	for (;;) {
		struct loc loc;
		char c;
		int r;

		lexer_skip_blank(ps->lx);
		loc = lexer_loc(ps->lx);
		if (lexer_at_end(ps->lx)) {
			if (until_eof)
				return 0;
			return syntax_error_at(
			    ps, &loc, "syntax error: unexpected end of file, expected '}'");
		}
		if (lexer_accept(ps->lx, "}")) {
			if (!until_eof)
				return 0;
			return syntax_error_at(ps, &loc, "syntax error: unexpected '}'");
		}
		/* the first character rules out most keywords cheaply */
		c = *ps->lx->p;
		if ((c == '#' || c == 'i') && accept_include_keyword(ps)) {
			r = parse_include(ps, &loc, prof);
		} else if (c == 'i' && accept_if_keyword(ps)) {
			r = parse_if(ps, prof, qual);
		} else if (c == 'a' && !qual && accept_abi_keyword(ps)) {
			r = parse_abi(ps);
		} else {
			r = parse_rule(ps, prof, qual);
		}
		if (r < 0)
			return r;
	}
}

/* ---- file scope --------------------------------------------------------- */

static int add_variable_values(struct parser *ps, struct variable *var)
{
	/* Values run to the end of the line. */
	for (;;) {
		struct word w;
		const char *p = ps->lx->p;
		int r;

		while (p < ps->lx->end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p >= ps->lx->end || *p == '\n' || *p == '#')
			break;
		r = read_word(ps, WORD_PATH, "a value", &w);
		if (r < 0)
			return r;
		if (!w.quoted && w.text[w.len - 1] == ',')
			return syntax_error_at(ps, &w.loc,
					       "variable declarations do not accept trailing "
					       "commas");
		if (!w.quoted && ps->lx->p < ps->lx->end && *ps->lx->p == ',')
			return syntax_error_at(ps, &w.loc,
					       "variable declarations do not accept trailing "
					       "commas");
		*var->values_tail = value_new(ps, &w);
		var->values_tail = &(*var->values_tail)->next;
	}
	if (!var->values)
		return expected(ps, "a value");
	return 0;
}

static bool valid_variable_name(const char *name)
{
	if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

/* @{NAME} = values  |  @{NAME} += values  |  ${NAME} = true|false */
static int parse_assignment(struct parser *ps, char sigil)
{
	struct variable *var;
	const char *name;
	struct loc loc;
	bool append = false;
	int r;

	r = parse_bool_name(ps, sigil, &name, &loc);
	if (r < 0)
		return r;
	if (!valid_variable_name(name))
		return syntax_error_at(ps, &loc, "invalid variable name '%s'", name);
	if (sigil == '@' && strcmp(name, "profile_name") == 0)
		return syntax_error_at(ps, &loc, "@{profile_name} is built in and cannot be set");
	if (sigil == '@' && lexer_accept(ps->lx, "+="))
		append = true;
	else if (!lexer_accept(ps->lx, "="))
		return expected(ps, "'=' or '+='");

	var = policy_find_variable(ps->pol, name, sigil == '$');
	if (sigil == '$') {
		struct word w;

		/* booleans and sets share one name space */
		if (var || policy_find_variable(ps->pol, name, false))
			return syntax_error_at(ps, &loc, "variable ${%s} was previously declared",
					       name);
		r = read_word(ps, WORD_ID, "true or false", &w);
		if (r < 0)
			return r;
		if (strcasecmp(w.text, "true") != 0 && strcasecmp(w.text, "false") != 0)
			return syntax_error_at(ps, &w.loc,
					       "invalid boolean assignment for ${%s}: %s is not "
					       "true or false",
					       name, w.text);
		var = arena_new(ps->arena, struct variable);
		var->name = name;
		var->loc = loc;
		var->is_bool = true;
		var->bool_value = strcasecmp(w.text, "true") == 0;
		var->values_tail = &var->values;
		var->next = ps->pol->variables;
		ps->pol->variables = var;
		return 0;
	}
	if (append && !var)
		return syntax_error_at(ps, &loc,
				       "variable @{%s} was not previously declared, but is being "
				       "assigned additional values",
				       name);
	if (!append && (var || policy_find_variable(ps->pol, name, true)))
		return syntax_error_at(ps, &loc, "variable @{%s} was previously declared", name);
	if (!var) {
		var = arena_new(ps->arena, struct variable);
		var->name = name;
		var->loc = loc;
		var->values_tail = &var->values;
		var->next = ps->pol->variables;
		ps->pol->variables = var;
	}
	return add_variable_values(ps, var);
}

/* alias /from -> /to, */
static int parse_alias(struct parser *ps, const struct loc *loc)
{
	struct alias *al = arena_new(ps->arena, struct alias);
	struct word w;
	int r;

	al->loc = *loc;
	r = read_word(ps, WORD_VALUE, "an alias source path", &w);
	if (r < 0)
		return r;
	if (!w.quoted && w.text[0] != '/')
		return syntax_error_at(ps, &w.loc, "alias source must be an absolute path");
	al->from = w.text;
	if (!lexer_accept(ps->lx, "->"))
		return expected(ps, "'->' in alias rule");
	r = read_word(ps, WORD_VALUE, "an alias target path", &w);
	if (r < 0)
		return r;
	al->to = w.text;
	r = end_of_rule(ps);
	if (r < 0)
		return r;
	al->next = ps->pol->aliases;
	ps->pol->aliases = al;
	return 0;
}

/* abi <name>, | abi "name", */
static int parse_abi(struct parser *ps)
{
	struct loc loc;
	const char *name;
	bool magic = false;
	char *path;
	int r;

	lexer_skip_blank(ps->lx);
	loc = lexer_loc(ps->lx);
	if (lexer_accept(ps->lx, "<")) {
		const char *start = ps->lx->p;

		while (ps->lx->p < ps->lx->end && *ps->lx->p != '>' && *ps->lx->p != '\n')
			ps->lx->p++;
		if (ps->lx->p >= ps->lx->end || *ps->lx->p != '>')
			return syntax_error_at(ps, &loc, "unterminated abi name, missing '>'");
		name = arena_strndup(ps->arena, start, (size_t)(ps->lx->p - start));
		ps->lx->p++;
		magic = true;
	} else {
		struct word w;

		r = read_word(ps, WORD_VALUE, "an abi name", &w);
		if (r < 0)
			return r;
		name = w.text;
	}
	r = end_of_rule(ps);
	if (r < 0)
		return r;
	/* apparmor_parser's scanner wants a blank after the abi rule's comma */
	if (ps->lx->p < ps->lx->end && !lexer_is_space(*ps->lx->p)) {
		struct loc here = lexer_loc(ps->lx);

		return syntax_error_at(ps, &here,
				       "syntax error: expected a blank after the abi rule");
	}
	if (source_resolve_include(ps->sources, name, magic, &path) < 0)
		return syntax_error_at(ps, &loc, "could not open abi '%s'", name);
	ps->pol->abi = name;
	return 0;
}

static int parse_top_items(struct parser *ps)
{
	for (;;) {
		struct loc loc;
		char c;
		int r;

		lexer_skip_blank(ps->lx);
		loc = lexer_loc(ps->lx);
		if (lexer_at_end(ps->lx))
			return 0;
		c = lexer_peek(ps->lx);
		if (accept_include_keyword(ps)) {
			r = parse_include(ps, &loc, NULL);
		} else if ((c == '@' || c == '$') && ps->lx->p + 1 < ps->lx->end &&
			   ps->lx->p[1] == '{' && lexer_is_assignment(ps->lx)) {
			if (ps->seen_profile)
				return syntax_error_at(ps, &loc,
						       "variable assignments must come before the "
						       "first profile");
			r = parse_assignment(ps, c);
		} else if (lexer_accept_keyword(ps->lx, "alias")) {
			if (ps->seen_profile)
				return syntax_error_at(ps, &loc,
						       "alias rules must come before the first "
						       "profile");
			r = parse_alias(ps, &loc);
		} else if (accept_abi_keyword(ps)) {
			if (ps->seen_profile)
				return syntax_error_at(
				    ps, &loc, "abi rules must come before the first profile");
			r = parse_abi(ps);
		} else {
			bool keyword = false, hat = false, caret = false;

			if (lexer_accept_keyword(ps->lx, "profile"))
				keyword = true;
			else if (lexer_accept_keyword(ps->lx, "hat"))
				hat = true;
			else if (lexer_accept(ps->lx, "^"))
				hat = caret = true;
			ps->seen_profile = true;
			r = parse_profile(ps, NULL, keyword, hat, caret, &loc);
		}
		if (r < 0)
			return r;
	}
}

int parse_policy_source(struct policy *pol, struct source_cache *sources, struct diag *diag,
			const struct source *src)
{
	struct lexer lx;
	struct parser ps = {
	    .arena = pol->arena,
	    .diag = diag,
	    .sources = sources,
	    .pol = pol,
	    .lx = &lx,
	};

	lexer_init(&lx, src, NULL);
	return parse_top_items(&ps);
}
