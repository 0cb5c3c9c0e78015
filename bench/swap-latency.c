// SPDX-License-Identifier: GPL-2.0-only
/*
 * swap-latency: how long a policy swap takes to reach every task.
 *
 *   swap-latency TASKS EXPECT LOADER [ARG...]
 *
 * Starts TASKS idle tasks, then runs LOADER (a policy load) and measures
 * two intervals from its start: until the loader exits, and until every
 * task on the system reads EXPECT in /proc/<pid>/attr/apparmor/current
 * (kernel threads included). EXPECT "-" skips the second (a kernel where
 * loading does not move running tasks). Prints
 *   load_ns N
 *   confined_ns N
 *   tasks N
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Whether every task's label reads @expect; *count gets the number seen. */
static bool all_tasks_read(const char *expect, int *count)
{
	DIR *proc = opendir("/proc");
	struct dirent *entry;
	bool all = true;

	*count = 0;
	if (!proc)
		return false;
	while (all && (entry = readdir(proc))) {
		char path[320], label[256];
		ssize_t n;
		int fd;

		if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/attr/apparmor/current", entry->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue; /* the task exited */
		n = read(fd, label, sizeof(label) - 1);
		close(fd);
		if (n <= 0)
			continue;
		label[n] = '\0';
		label[strcspn(label, "\n")] = '\0';
		(*count)++;
		all = strcmp(label, expect) == 0;
	}
	closedir(proc);
	return all;
}

int main(int argc, char **argv)
{
	int tasks, seen = 0, status;
	int64_t start, loaded, confined = -1;
	pid_t *idle, loader;

	if (argc < 4) {
		fprintf(stderr, "usage: swap-latency TASKS EXPECT LOADER [ARG...]\n");
		return 2;
	}
	tasks = atoi(argv[1]);
	if (tasks < 0 || tasks > 10000) {
		fprintf(stderr, "swap-latency: TASKS must be 0..10000\n");
		return 2;
	}
	idle = calloc((size_t)tasks + 1, sizeof(*idle));
	if (!idle)
		return 1;
	for (int i = 0; i < tasks; i++) {
		idle[i] = fork();
		if (idle[i] == 0) {
			for (;;)
				pause();
		}
		if (idle[i] < 0) {
			perror("swap-latency: fork");
			return 1;
		}
	}

	start = now_ns();
	loader = fork();
	if (loader == 0) {
		execv(argv[3], argv + 3);
		perror("swap-latency: exec");
		_exit(127);
	}
	if (loader < 0 || waitpid(loader, &status, 0) < 0) {
		perror("swap-latency: loader");
		return 1;
	}
	loaded = now_ns();
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "swap-latency: the loader failed (status %d)\n", status);
		return 1;
	}
	if (strcmp(argv[2], "-") != 0) {
		while (!all_tasks_read(argv[2], &seen)) {
			if (now_ns() - start > 10 * (int64_t)1000000000) {
				fprintf(stderr,
					"swap-latency: not every task reads \"%s\" after 10 s\n",
					argv[2]);
				return 1;
			}
		}
		confined = now_ns() - start;
	}
	for (int i = 0; i < tasks; i++)
		kill(idle[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	printf("load_ns %lld\nconfined_ns %lld\ntasks %d\n", (long long)(loaded - start),
	       (long long)confined, seen);
	return 0;
}
