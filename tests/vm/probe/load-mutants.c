// SPDX-License-Identifier: GPL-2.0-only
/*
 * load-mutants - feed the kernel deterministic mutants of policy blobs
 *
 * Usage: load-mutants APPARMORFS SEED COUNT BLOB...
 *
 * Makes COUNT mutants of the given blobs (compiled by apparmor_parser),
 * each with one of a few byte-level mutations chosen by a generator
 * seeded with SEED, writes each to APPARMORFS/.load in one write and
 * prints one line per mutant: its number, blob, mutation and the
 * outcome ("ok" or the errno name). After an accepted load it prints
 * the profiles the kernel lists, and removes every profile again, so
 * each mutant meets an empty policy.
 *
 * The same SEED gives the same mutants on every machine, so the stock
 * kernel's transcript is the oracle for Vigil's (tests/vm/tests/
 * load-verdicts): the unpacker must accept and refuse exactly what the
 * stock kernel does, with the same errno.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct blob {
	const char *name;
	unsigned char *bytes;
	size_t len;
};

/* xorshift64*: small, and the same sequence everywhere */
static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static size_t below(size_t n)
{
	return n ? (size_t)(rng() % n) : 0;
}

static int read_blob(const char *path, struct blob *b)
{
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size <= 0)
		return -1;
	b->len = (size_t)st.st_size;
	b->bytes = malloc(b->len);
	if (!b->bytes)
		return -1;
	n = read(fd, b->bytes, b->len);
	close(fd);
	if (n != (ssize_t)b->len)
		return -1;
	b->name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	return 0;
}

/* Values that sit on the edges of lengths, counts and offsets. */
static const uint32_t edge_values[] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xffff};

/*
 * Mutate a copy of src into out (room for src->len + 16 bytes); return
 * the new length and describe the mutation in what.
 */
static size_t mutate(const struct blob *src, unsigned char *out, char *what, size_t what_len)
{
	size_t len = src->len, at = below(len), span;
	uint32_t v;

	memcpy(out, src->bytes, len);
	switch (below(6)) {
	case 0:
		out[at] ^= (unsigned char)(1u << below(8));
		snprintf(what, what_len, "bit@%zu", at);
		break;
	case 1:
		out[at] = (unsigned char)rng();
		snprintf(what, what_len, "byte@%zu=%u", at, out[at]);
		break;
	case 2:
		len = at;
		snprintf(what, what_len, "truncate@%zu", at);
		break;
	case 3:
		at = below(len - 3);
		v = edge_values[below(sizeof(edge_values) / sizeof(edge_values[0]))];
		memcpy(out + at, &v, sizeof(v));
		snprintf(what, what_len, "u32@%zu=%#x", at, v);
		break;
	case 4:
		span = 1 + below(16);
		if (at + span > len)
			span = len - at;
		memmove(out + at, out + at + span, len - at - span);
		len -= span;
		snprintf(what, what_len, "delete@%zu+%zu", at, span);
		break;
	default:
		span = 1 + below(16);
		if (at + span > len)
			span = len - at;
		memmove(out + at + span, out + at, len - at);
		len += span;
		snprintf(what, what_len, "repeat@%zu+%zu", at, span);
		break;
	}
	return len;
}

static const char *errno_name(int e)
{
	static char unknown[32];

	switch (e) {
	case EPROTO:
		return "EPROTO";
	case EINVAL:
		return "EINVAL";
	case ENOMEM:
		return "ENOMEM";
	case EEXIST:
		return "EEXIST";
	case ENOENT:
		return "ENOENT";
	case EACCES:
		return "EACCES";
	case EPERM:
		return "EPERM";
	case EFAULT:
		return "EFAULT";
	case E2BIG:
		return "E2BIG";
	case EOVERFLOW:
		return "EOVERFLOW";
	case EMSGSIZE:
		return "EMSGSIZE";
	case ENOSPC:
		return "ENOSPC";
	case ENOTDIR:
		return "ENOTDIR";
	case EBADMSG:
		return "EBADMSG";
	case EPROTONOSUPPORT:
		return "EPROTONOSUPPORT";
	default:
		snprintf(unknown, sizeof(unknown), "errno %d", e);
		return unknown;
	}
}

static int write_file(const char *path, const void *bytes, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int saved;

	if (fd < 0)
		return -errno;
	n = write(fd, bytes, len);
	saved = errno;
	close(fd);
	if (n < 0)
		return -saved;
	return n == (ssize_t)len ? 0 : -EIO;
}

/* Print what the "profiles" file lists, on one line. */
static void print_profiles(const char *fs)
{
	char path[256], line[4096];
	const char *sep = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/profiles", fs);
	f = fopen(path, "re");
	if (!f)
		return;
	printf("  loaded:");
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		printf("%s %s", sep, line);
		sep = ",";
	}
	printf("\n");
	fclose(f);
}

/* Remove every loaded profile; names are the "profiles" lines less " (mode)". */
static void remove_all(const char *fs)
{
	char path[256], line[4096];
	FILE *f;

	for (int pass = 0; pass < 8; pass++) {
		int removed = 0;

		snprintf(path, sizeof(path), "%s/profiles", fs);
		f = fopen(path, "re");
		if (!f)
			return;
		snprintf(path, sizeof(path), "%s/.remove", fs);
		while (fgets(line, sizeof(line), f)) {
			char *mode = strrchr(line, '(');

			if (mode && mode > line)
				mode[-1] = '\0';
			if (write_file(path, line, strlen(line)) == 0)
				removed++;
		}
		fclose(f);
		if (!removed)
			return;
	}
}

int main(int argc, char **argv)
{
	struct blob *blobs;
	unsigned char *buf;
	size_t nblobs, maxlen = 0, i, len;
	unsigned long count, n;
	char load[256], what[64];
	int r;

	if (argc < 5) {
		fprintf(stderr, "usage: load-mutants APPARMORFS SEED COUNT BLOB...\n");
		return 2;
	}
	rng_state = strtoull(argv[2], NULL, 0) | 1;
	count = strtoul(argv[3], NULL, 0);
	nblobs = (size_t)(argc - 4);
	blobs = calloc(nblobs, sizeof(*blobs));
	if (!blobs)
		return 1;
	for (i = 0; i < nblobs; i++) {
		if (read_blob(argv[4 + i], &blobs[i]) < 0 || blobs[i].len < 8) {
			fprintf(stderr, "load-mutants: cannot read %s\n", argv[4 + i]);
			return 1;
		}
		if (blobs[i].len > maxlen)
			maxlen = blobs[i].len;
	}
	buf = malloc(maxlen + 16);
	if (!buf)
		return 1;
	snprintf(load, sizeof(load), "%s/.load", argv[1]);
	for (n = 0; n < count; n++) {
		const struct blob *b = &blobs[below(nblobs)];

		len = mutate(b, buf, what, sizeof(what));
		r = write_file(load, buf, len);
		printf("mutant %lu %s %s: %s\n", n, b->name, what, r ? errno_name(-r) : "ok");
		fflush(stdout);
		if (!r) {
			print_profiles(argv[1]);
			remove_all(argv[1]);
		}
	}
	return 0;
}
