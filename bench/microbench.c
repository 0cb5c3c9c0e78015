// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest half of bench/kernel: time the system calls AppArmor
 * mediates most often, as ns per operation, best of several rounds.
 *
 *   microbench ITERATIONS ROUNDS FILE   print "label <...>" and one
 *                                       "<op> <ns/op>" line per op
 *   microbench --exit                   exit 0 at once (the exec target)
 *
 * Built static, so fork+exec costs no dynamic loading and the binary
 * runs in a busybox initramfs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* fork+exec is ~100x dearer than a path lookup; run fewer of them. */
#define EXEC_DIVISOR 100

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "microbench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void open_close(const char *file, long n)
{
	for (long i = 0; i < n; i++) {
		int fd = open(file, O_RDONLY);

		if (fd < 0)
			die(file);
		close(fd);
	}
}

static void stat_file(const char *file, long n)
{
	struct stat st;

	for (long i = 0; i < n; i++)
		if (stat(file, &st))
			die(file);
}

static const char *self;

static void fork_exec(const char *file, long n)
{
	(void)file;
	for (long i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			execl(self, self, "--exit", (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
			die("exec");
	}
}

struct op {
	const char *name;
	void (*run)(const char *file, long n);
	long divisor;
};

static const struct op ops[] = {
    {"open_close", open_close, 1},
    {"stat", stat_file, 1},
    {"fork_exec", fork_exec, EXEC_DIVISOR},
};

static void print_label(void)
{
	char label[256] = "";
	FILE *f = fopen("/proc/self/attr/current", "r");

	if (f) {
		if (!fgets(label, sizeof(label), f))
			label[0] = '\0';
		fclose(f);
	}
	label[strcspn(label, "\n")] = '\0';
	printf("label %s\n", label[0] ? label : "none");
}

int main(int argc, char **argv)
{
	long iterations, rounds, n;
	long long best, t;

	if (argc == 2 && !strcmp(argv[1], "--exit"))
		return 0;
	if (argc != 4) {
		fprintf(stderr, "usage: microbench ITERATIONS ROUNDS FILE\n");
		return 2;
	}
	self = argv[0];
	iterations = strtol(argv[1], NULL, 10);
	rounds = strtol(argv[2], NULL, 10);
	if (iterations < EXEC_DIVISOR || rounds < 1) {
		fprintf(stderr, "microbench: ITERATIONS >= %d, ROUNDS >= 1\n", EXEC_DIVISOR);
		return 2;
	}
	print_label();
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		n = iterations / ops[i].divisor;
		best = -1;
		for (long r = 0; r < rounds; r++) {
			t = now_ns();
			ops[i].run(argv[3], n);
			t = now_ns() - t;
			if (best < 0 || t < best)
				best = t;
		}
		printf("%s %lld\n", ops[i].name, best / n);
	}
	return 0;
}
