/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - the raw data of a policy load, kept for userspace
 */

#ifndef _VIGIL_RAWDATA_H
#define _VIGIL_RAWDATA_H

#include <crypto/sha2.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct dentry;
struct vigil_ns;

/**
 * struct vigil_rawdata - the bytes of one load
 * @count: memory references
 * @users: profiles made from these bytes
 * @ns: namespace it is published in, NULL before
 * @list: entry in the namespace's published raw data, under its lock
 * @dir: policy/raw_data/<name>/, NULL when not published
 * @unpublish: removes @dir once @users drops to 0
 * @name: directory name, the revision the first load started from
 * @abi: interface version of the load
 * @revision: namespace revision after the last load that used it
 * @hash: sha256 of the uncompressed bytes
 * @size: uncompressed size
 * @stored_size: size of @data (compressed_size)
 * @data: zstd-compressed bytes, or the bytes when that is not smaller
 */
struct vigil_rawdata {
	struct kref count;
	atomic_t users;
	struct vigil_ns *ns;
	struct list_head list;
	struct dentry *dir;
	struct work_struct unpublish;
	char name[24];
	u32 abi;
	long revision;
	u8 hash[SHA256_DIGEST_SIZE];
	size_t size;
	size_t stored_size;
	void *data;
};

struct vigil_rawdata *vigil_rawdata_create(const void *data, size_t size,
					   u32 abi);
void vigil_rawdata_put(struct vigil_rawdata *rd);
struct vigil_rawdata *vigil_rawdata_get_user(struct vigil_rawdata *rd);
void vigil_rawdata_put_user(struct vigil_rawdata *rd);
struct vigil_rawdata *vigil_rawdata_find_same(struct vigil_ns *ns,
					      const struct vigil_rawdata *rd);
int vigil_rawdata_publish(struct vigil_ns *ns, struct vigil_rawdata *rd);
void vigil_rawdata_unpublish(struct vigil_rawdata *rd);

#endif /* _VIGIL_RAWDATA_H */
