// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe - perform mediated operations and print one stable line each
 *
 * Usage: probe OP ARGS... [OP ARGS...]...
 *
 * Every operation prints "OP OBJECT: RESULT", RESULT being "ok" or the
 * errno name (EACCES, ENOENT, ...); "current", "attr FILE" and
 * "secure" print what they read. Operations run in order in one
 * process, so "onexec NAME exec PATH ..." changes the profile of the
 * exec; "nnp" sets no_new_privs for every operation after it. exec
 * replaces the process with the rest of the command line. The exit
 * status is 0 when every operation ran (whatever its result), 2 on a
 * usage error.
 *
 * Built static on the host and copied into the VM test initramfs; the
 * regression tier (tests/vm/tests/regress-*) runs it under profiles on
 * the stock and the Vigil kernel and compares what it prints.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <unistd.h>

/* Print the outcome of one operation: 0 or -1 with errno set. */
static void report(const char *op, const char *object, int rc)
{
	if (rc == 0)
		printf("%s %s: ok\n", op, object);
	else
		printf("%s %s: %s\n", op, object, strerrorname_np(errno));
	fflush(stdout);
}

static int open_flags(const char *spec, int *flags)
{
	int access = 0;

	*flags = O_CLOEXEC;
	for (; *spec; spec++) {
		switch (*spec) {
		case 'r':
			access |= 1;
			break;
		case 'w':
			access |= 2;
			break;
		case 'a':
			access |= 2;
			*flags |= O_APPEND;
			break;
		case 'c':
			*flags |= O_CREAT;
			break;
		case 'x':
			*flags |= O_EXCL;
			break;
		case 't':
			*flags |= O_TRUNC;
			break;
		default:
			return -1;
		}
	}
	if (access == 3)
		*flags |= O_RDWR;
	else if (access == 2)
		*flags |= O_WRONLY;
	else
		*flags |= O_RDONLY;
	return 0;
}

/* open PATH FLAGS: FLAGS from r w a(ppend) c(reat) x(cl) t(runc). */
static int op_open(const char *path, const char *spec)
{
	int flags, fd;

	if (open_flags(spec, &flags)) {
		fprintf(stderr, "probe: bad open flags: %s\n", spec);
		exit(2);
	}
	fd = open(path, flags, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int op_read(const char *path)
{
	char buf[64];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n < 0 ? -1 : 0;
}

static int op_write(const char *path, int extra)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | extra);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, "x", 1);
	close(fd);
	return n < 0 ? -1 : 0;
}

/* mmap PATH PROT: map the file with PROT from r, x. */
static int op_mmap(const char *path, const char *spec)
{
	int prot = (strchr(spec, 'r') ? PROT_READ : 0) |
		   (strchr(spec, 'x') ? PROT_EXEC : 0);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	void *map;

	if (fd < 0)
		return -1;
	map = mmap(NULL, 4096, prot, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -1;
	munmap(map, 4096);
	return 0;
}

/* mprotect PATH: map readable, then ask for execute. */
static int op_mprotect(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	void *map;
	int rc;

	if (fd < 0)
		return -1;
	map = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -1;
	rc = mprotect(map, 4096, PROT_READ | PROT_EXEC);
	munmap(map, 4096);
	return rc;
}

static int op_lock(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = flock(fd, LOCK_EX);
	close(fd);
	return rc;
}

/* Write TEXT to /proc/self/attr/FILE in one write, as libapparmor does. */
static int op_attr_write(const char *file, const char *text)
{
	char path[128];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/attr/%s", file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n < 0 ? -1 : 0;
}

/* Print /proc/self/attr/FILE (its first line) and report the read. */
static void op_attr_read(const char *file)
{
	char path[128], buf[512];
	ssize_t n = -1;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/attr/%s", file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	if (n < 0) {
		report("attr", file, -1);
		return;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	printf("attr %s: \"%s\"\n", file, buf);
	fflush(stdout);
}

static const struct {
	const char *name;
	int resource;
} resources[] = {
	{ "nofile", RLIMIT_NOFILE }, { "stack", RLIMIT_STACK },
	{ "core", RLIMIT_CORE },     { "fsize", RLIMIT_FSIZE },
	{ "nproc", RLIMIT_NPROC },   { "cpu", RLIMIT_CPU },
};

static int resource_of(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(resources) / sizeof(resources[0]); i++)
		if (!strcmp(resources[i].name, name))
			return resources[i].resource;
	fprintf(stderr, "probe: unknown resource: %s\n", name);
	exit(2);
}

static void print_limit(rlim_t value)
{
	if (value == RLIM_INFINITY)
		printf("unlimited");
	else
		printf("%llu", (unsigned long long)value);
}

static void op_getrlimit(const char *name)
{
	struct rlimit lim;

	if (getrlimit(resource_of(name), &lim)) {
		report("getrlimit", name, -1);
		return;
	}
	printf("getrlimit %s: ", name);
	print_limit(lim.rlim_cur);
	putchar(' ');
	print_limit(lim.rlim_max);
	putchar('\n');
	fflush(stdout);
}

static rlim_t limit_value(const char *text)
{
	return strcmp(text, "unlimited") ? strtoull(text, NULL, 0) :
					   RLIM_INFINITY;
}

static int op_setrlimit(const char *name, const char *soft, const char *hard)
{
	struct rlimit lim = { limit_value(soft), limit_value(hard) };

	return setrlimit(resource_of(name), &lim);
}

struct op {
	const char *name;
	int args;
};

static const struct op ops[] = {
	{ "open", 2 },	   { "read", 1 },	 { "write", 1 },
	{ "append", 1 },   { "mkdir", 1 },	 { "rmdir", 1 },
	{ "unlink", 1 },   { "rename", 2 },	 { "link", 2 },
	{ "symlink", 2 },  { "chmod", 2 },	 { "chown", 3 },
	{ "truncate", 2 }, { "mkfifo", 1 },	 { "mknod-chr", 1 },
	{ "mmap", 2 },	   { "mprotect", 1 },	 { "lock", 1 },
	{ "stat", 1 },	   { "setuid", 1 },	 { "nice", 1 },
	{ "current", 0 },  { "attr", 1 },	 { "attr-write", 2 },
	{ "onexec", 1 },   { "changeprofile", 1 }, { "changehat", 2 },
	{ "getrlimit", 1 }, { "setrlimit", 3 },	 { "exec", 1 },
	{ "secure", 0 },   { "hold", 1 },	 { "writefd", 1 },
	{ "fdpath", 1 },   { "nnp", 0 },
};

static const struct op *find_op(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(ops[i].name, name))
			return &ops[i];
	return NULL;
}

static char text[512];

/* Run the operation at argv[0]; return how many words it consumed. */
static int run_op(char **argv, int left)
{
	const struct op *op = find_op(argv[0]);
	const char *o = argv[1];
	struct stat st;

	if (!op || left < 1 + op->args) {
		fprintf(stderr, "probe: bad operation or missing arguments: %s\n",
			argv[0]);
		exit(2);
	}
	if (!strcmp(op->name, "open")) {
		snprintf(text, sizeof(text), "%s %s", o, argv[2]);
		report("open", text, op_open(o, argv[2]));
	} else if (!strcmp(op->name, "read")) {
		report("read", o, op_read(o));
	} else if (!strcmp(op->name, "write")) {
		report("write", o, op_write(o, 0));
	} else if (!strcmp(op->name, "append")) {
		report("append", o, op_write(o, O_APPEND));
	} else if (!strcmp(op->name, "mkdir")) {
		report("mkdir", o, mkdir(o, 0755));
	} else if (!strcmp(op->name, "rmdir")) {
		report("rmdir", o, rmdir(o));
	} else if (!strcmp(op->name, "unlink")) {
		report("unlink", o, unlink(o));
	} else if (!strcmp(op->name, "rename")) {
		snprintf(text, sizeof(text), "%s -> %s", o, argv[2]);
		report("rename", text, rename(o, argv[2]));
	} else if (!strcmp(op->name, "link")) {
		snprintf(text, sizeof(text), "%s -> %s", o, argv[2]);
		report("link", text, link(o, argv[2]));
	} else if (!strcmp(op->name, "symlink")) {
		snprintf(text, sizeof(text), "%s -> %s", argv[2], o);
		report("symlink", text, symlink(o, argv[2]));
	} else if (!strcmp(op->name, "chmod")) {
		snprintf(text, sizeof(text), "%s %s", o, argv[2]);
		report("chmod", text, chmod(o, strtoul(argv[2], NULL, 8)));
	} else if (!strcmp(op->name, "chown")) {
		snprintf(text, sizeof(text), "%s %s:%s", o, argv[2], argv[3]);
		report("chown", text,
		       chown(o, atoi(argv[2]), atoi(argv[3])));
	} else if (!strcmp(op->name, "truncate")) {
		snprintf(text, sizeof(text), "%s %s", o, argv[2]);
		report("truncate", text, truncate(o, atol(argv[2])));
	} else if (!strcmp(op->name, "mkfifo")) {
		report("mkfifo", o, mknod(o, S_IFIFO | 0644, 0));
	} else if (!strcmp(op->name, "mknod-chr")) {
		report("mknod-chr", o, mknod(o, S_IFCHR | 0644, makedev(1, 3)));
	} else if (!strcmp(op->name, "mmap")) {
		snprintf(text, sizeof(text), "%s %s", o, argv[2]);
		report("mmap", text, op_mmap(o, argv[2]));
	} else if (!strcmp(op->name, "mprotect")) {
		report("mprotect", o, op_mprotect(o));
	} else if (!strcmp(op->name, "lock")) {
		report("lock", o, op_lock(o));
	} else if (!strcmp(op->name, "stat")) {
		report("stat", o, stat(o, &st));
	} else if (!strcmp(op->name, "setuid")) {
		report("setuid", o, setuid(atoi(o)));
	} else if (!strcmp(op->name, "nice")) {
		report("nice", o, setpriority(PRIO_PROCESS, 0, atoi(o)));
	} else if (!strcmp(op->name, "current")) {
		op_attr_read("current");
	} else if (!strcmp(op->name, "attr")) {
		op_attr_read(o);
	} else if (!strcmp(op->name, "attr-write")) {
		snprintf(text, sizeof(text), "%s \"%s\"", o, argv[2]);
		report("attr-write", text, op_attr_write(o, argv[2]));
	} else if (!strcmp(op->name, "onexec")) {
		snprintf(text, sizeof(text), "exec %s", o);
		report("onexec", o, op_attr_write("exec", text));
	} else if (!strcmp(op->name, "changeprofile")) {
		snprintf(text, sizeof(text), "changeprofile %s", o);
		report("changeprofile", o, op_attr_write("current", text));
	} else if (!strcmp(op->name, "changehat")) {
		/* changehat TOKEN HAT: "changehat 00000000000000TT^HAT" */
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "changehat %016lx^%s",
			 strtoul(o, NULL, 0), argv[2]);
		snprintf(text, sizeof(text), "%s^%s", o, argv[2]);
		report("changehat", text, op_attr_write("current", cmd));
	} else if (!strcmp(op->name, "getrlimit")) {
		op_getrlimit(o);
	} else if (!strcmp(op->name, "setrlimit")) {
		snprintf(text, sizeof(text), "%s %s %s", o, argv[2], argv[3]);
		report("setrlimit", text, op_setrlimit(o, argv[2], argv[3]));
	} else if (!strcmp(op->name, "hold")) {
		/* hold PATH: open for append as fd 9, kept across exec. */
		int fd = open(o, O_WRONLY | O_APPEND);

		if (fd >= 0 && fd != 9) {
			dup2(fd, 9);
			close(fd);
		}
		report("hold", o, fd < 0 ? -1 : 0);
	} else if (!strcmp(op->name, "writefd")) {
		report("writefd", o, write(atoi(o), "x", 1) < 0 ? -1 : 0);
	} else if (!strcmp(op->name, "fdpath")) {
		/* fdpath FD: whether FD is still open (its target varies). */
		char link[64], target[256];

		snprintf(link, sizeof(link), "/proc/self/fd/%s", o);
		report("fdpath", o,
		       readlink(link, target, sizeof(target)) < 0 ? -1 : 0);
	} else if (!strcmp(op->name, "nnp")) {
		/* nnp: set no_new_privs, for the changes and execs after it. */
		report("nnp", "on", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	} else if (!strcmp(op->name, "secure")) {
		/* Whether the kernel asked for a secure exec (AT_SECURE). */
		printf("secure: %lu\n", getauxval(AT_SECURE));
		fflush(stdout);
	} else if (!strcmp(op->name, "exec")) {
		/* exec PATH [OP ARGS...]: the new image is probe (or not). */
		execv(o, argv + 1);
		report("exec", o, -1);
		exit(0);
	}
	return 1 + op->args;
}

int main(int argc, char **argv)
{
	int i = 1;

	if (argc < 2) {
		fprintf(stderr, "usage: probe OP ARGS... [OP ARGS...]...\n");
		return 2;
	}
	while (i < argc)
		i += run_op(argv + i, argc - i);
	return 0;
}
