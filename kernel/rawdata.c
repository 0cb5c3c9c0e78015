// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - the raw data of a policy load, kept for userspace
 *
 * Every successful load keeps the bytes userspace wrote, compressed as
 * stock 6.12 keeps them (zstd, level 3), and shows them in
 * policy/raw_data/<n>/ next to their sha256, ABI, compressed size and
 * the revision of the load that last used them. <n> is the namespace
 * revision the first load of these bytes started from. A load of
 * bytes identical to live raw data reuses that directory. The
 * directory goes away when the last profile made from it is freed.
 *
 * Two counts: @users counts profiles, whose last put unpublishes the
 * directory; @count counts memory references (users, the published
 * directory, every inode of it, the loader).
 */

#define pr_fmt(fmt) "AppArmor: " fmt

#include <crypto/sha2.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include <linux/zstd.h>

#include "include/policy.h"
#include "include/policyfs.h"
#include "include/pseudofs.h"
#include "include/rawdata.h"

/* The stock kernel's default apparmor.rawdata_compression_level. */
#define VIGIL_RAWDATA_ZSTD_LEVEL 3

static void vigil_rawdata_release(struct kref *kref)
{
	struct vigil_rawdata *rd = container_of(kref, struct vigil_rawdata,
						count);

	kvfree(rd->data);
	kfree(rd);
}

/**
 * vigil_rawdata_put - drop a memory reference
 * @rd: raw data, may be NULL
 */
void vigil_rawdata_put(struct vigil_rawdata *rd)
{
	if (rd)
		kref_put(&rd->count, vigil_rawdata_release);
}

static void vigil_rawdata_put_obj(void *obj)
{
	vigil_rawdata_put(obj);
}

static struct vigil_rawdata *vigil_rawdata_get(struct vigil_rawdata *rd)
{
	kref_get(&rd->count);
	return rd;
}

/* Take the directory away; @ns->lock held. Drops the directory's ref. */
static void vigil_rawdata_unpublish_locked(struct vigil_rawdata *rd)
{
	lockdep_assert_held(&rd->ns->lock);
	if (!rd->dir)
		return;
	vigil_fs_remove(rd->dir);
	rd->dir = NULL;
	list_del_init(&rd->list);
	vigil_rawdata_put(rd);
}

/* The last profile is gone; directory removal needs the ns mutex. */
static void vigil_rawdata_unpublish_work(struct work_struct *work)
{
	struct vigil_rawdata *rd = container_of(work, struct vigil_rawdata,
						unpublish);
	struct vigil_ns *ns = rd->ns;

	if (ns) {
		mutex_lock(&ns->lock);
		vigil_rawdata_unpublish_locked(rd);
		mutex_unlock(&ns->lock);
	}
	/* The reference of the last user. */
	vigil_rawdata_put(rd);
}

/**
 * vigil_rawdata_get_user - count one more profile made from @rd
 * @rd: raw data the caller holds
 *
 * Return: @rd.
 */
struct vigil_rawdata *vigil_rawdata_get_user(struct vigil_rawdata *rd)
{
	atomic_inc(&rd->users);
	return vigil_rawdata_get(rd);
}

/**
 * vigil_rawdata_put_user - a profile made from @rd is freed
 * @rd: raw data, may be NULL
 *
 * May run in RCU callback context: the directory is removed later, by
 * a work item.
 */
void vigil_rawdata_put_user(struct vigil_rawdata *rd)
{
	if (!rd)
		return;
	if (atomic_dec_and_test(&rd->users))
		schedule_work(&rd->unpublish);
	else
		vigil_rawdata_put(rd);
}

/* Stock refuses a load whose bytes zstd cannot shrink; Vigil keeps them. */
static int vigil_rawdata_compress(struct vigil_rawdata *rd, const void *src,
				  size_t size)
{
	zstd_parameters params = zstd_get_params(VIGIL_RAWDATA_ZSTD_LEVEL,
						 size);
	/* The same compression parameters, for the workspace size. */
	zstd_compression_parameters cparams =
		zstd_get_cparams(VIGIL_RAWDATA_ZSTD_LEVEL, size, 0);
	size_t bound = zstd_compress_bound(size), out_len;
	size_t work_size = zstd_cctx_workspace_bound(&cparams);
	void *work, *out;
	zstd_cctx *cctx;
	int err = -ENOMEM;

	out = kvmalloc(bound, GFP_KERNEL);
	work = kvzalloc(work_size, GFP_KERNEL);
	if (!out || !work)
		goto out;
	cctx = zstd_init_cctx(work, work_size);
	out_len = cctx ? zstd_compress_cctx(cctx, out, bound, src, size,
					    &params) : size;
	if (!cctx || zstd_is_error(out_len) || out_len >= size) {
		memcpy(out, src, size);
		out_len = size;
	}
	rd->data = kvmalloc(out_len, GFP_KERNEL);
	if (!rd->data)
		goto out;
	memcpy(rd->data, out, out_len);
	rd->stored_size = out_len;
	err = 0;
out:
	kvfree(work);
	kvfree(out);
	return err;
}

/**
 * vigil_rawdata_create - keep the bytes of a load
 * @data: the whole policy stream, kernel copy
 * @size: bytes in @data
 * @abi: interface version of the load (low bits of the version word)
 *
 * Return: raw data with one memory reference and no users, not yet
 * in any namespace, or NULL when out of memory.
 */
struct vigil_rawdata *vigil_rawdata_create(const void *data, size_t size,
					   u32 abi)
{
	struct vigil_rawdata *rd = kzalloc(sizeof(*rd), GFP_KERNEL);

	if (!rd)
		return NULL;
	kref_init(&rd->count);
	INIT_LIST_HEAD(&rd->list);
	INIT_WORK(&rd->unpublish, vigil_rawdata_unpublish_work);
	rd->abi = abi;
	rd->size = size;
	sha256(data, size, rd->hash);
	if (vigil_rawdata_compress(rd, data, size)) {
		kfree(rd);
		return NULL;
	}
	return rd;
}

/**
 * vigil_rawdata_find_same - live raw data of @ns with the same bytes
 * @ns: namespace, its lock held
 * @rd: raw data of the load being made
 *
 * Return: the live raw data with one more user, or NULL.
 */
struct vigil_rawdata *vigil_rawdata_find_same(struct vigil_ns *ns,
					      const struct vigil_rawdata *rd)
{
	struct vigil_rawdata *live;

	lockdep_assert_held(&ns->lock);
	list_for_each_entry(live, &ns->files.rawdata, list) {
		if (live->size != rd->size ||
		    live->stored_size != rd->stored_size ||
		    memcmp(live->data, rd->data, rd->stored_size))
			continue;
		/* Users at 0: it is on its way out, and cannot come back. */
		if (!atomic_inc_not_zero(&live->users))
			continue;
		return vigil_rawdata_get(live);
	}
	return NULL;
}

static int vigil_rawdata_abi_show(struct seq_file *seq, void *v)
{
	struct vigil_rawdata *rd = seq->private;

	seq_printf(seq, "v%u\n", rd->abi);
	return 0;
}

static int vigil_rawdata_revision_show(struct seq_file *seq, void *v)
{
	struct vigil_rawdata *rd = seq->private;

	seq_printf(seq, "%ld\n", READ_ONCE(rd->revision));
	return 0;
}

static int vigil_rawdata_sha256_show(struct seq_file *seq, void *v)
{
	struct vigil_rawdata *rd = seq->private;

	seq_printf(seq, "%*phN\n", (int)sizeof(rd->hash), rd->hash);
	return 0;
}

static int vigil_rawdata_size_show(struct seq_file *seq, void *v)
{
	struct vigil_rawdata *rd = seq->private;

	seq_printf(seq, "%zu\n", rd->stored_size);
	return 0;
}

#define VIGIL_RAWDATA_SEQ_FOPS(field)					\
static int vigil_rawdata_##field##_open(struct inode *inode,		\
					struct file *file)		\
{									\
	return single_open(file, vigil_rawdata_##field##_show,		\
			   vigil_fs_object(inode));			\
}									\
static const struct file_operations vigil_rawdata_##field##_fops = {	\
	.open = vigil_rawdata_##field##_open,				\
	.read = seq_read,						\
	.llseek = seq_lseek,						\
	.release = single_release,					\
}

VIGIL_RAWDATA_SEQ_FOPS(abi);
VIGIL_RAWDATA_SEQ_FOPS(revision);
VIGIL_RAWDATA_SEQ_FOPS(sha256);
VIGIL_RAWDATA_SEQ_FOPS(size);

static int vigil_rawdata_expand(const struct vigil_rawdata *rd, void *dst)
{
	size_t work_size, out_len;
	zstd_dctx *dctx;
	void *work;
	int err = 0;

	if (rd->stored_size == rd->size) {
		memcpy(dst, rd->data, rd->size);
		return 0;
	}
	work_size = zstd_dctx_workspace_bound();
	work = kvzalloc(work_size, GFP_KERNEL);
	if (!work)
		return -ENOMEM;
	dctx = zstd_init_dctx(work, work_size);
	out_len = dctx ? zstd_decompress_dctx(dctx, dst, rd->size, rd->data,
					      rd->stored_size) : 0;
	if (!dctx || zstd_is_error(out_len) || out_len != rd->size)
		err = -EINVAL;
	kvfree(work);
	return err;
}

/**
 * struct vigil_rawdata_view - one open raw_data file
 * @rd: the raw data (the inode's reference covers it)
 * @bytes: the decompressed bytes
 */
struct vigil_rawdata_view {
	struct vigil_rawdata *rd;
	u8 bytes[];
};

static int vigil_rawdata_data_open(struct inode *inode, struct file *file)
{
	struct vigil_rawdata *rd = vigil_fs_object(inode);
	struct vigil_rawdata_view *view;
	int err;

	if (!vigil_may_view_policy())
		return -EACCES;
	view = kvmalloc(struct_size(view, bytes, rd->size), GFP_KERNEL);
	if (!view)
		return -ENOMEM;
	view->rd = rd;
	err = vigil_rawdata_expand(rd, view->bytes);
	if (err) {
		kvfree(view);
		return err;
	}
	file->private_data = view;
	return 0;
}

static ssize_t vigil_rawdata_data_read(struct file *file, char __user *ubuf,
				       size_t count, loff_t *ppos)
{
	struct vigil_rawdata_view *view = file->private_data;

	return simple_read_from_buffer(ubuf, count, ppos, view->bytes,
				       view->rd->size);
}

static int vigil_rawdata_data_release(struct inode *inode, struct file *file)
{
	kvfree(file->private_data);
	return 0;
}

static const struct file_operations vigil_rawdata_data_fops = {
	.open = vigil_rawdata_data_open,
	.read = vigil_rawdata_data_read,
	.llseek = generic_file_llseek,
	.release = vigil_rawdata_data_release,
};

static const struct {
	const char *name;
	const struct file_operations *fops;
} vigil_rawdata_files[] = {
	{ "abi", &vigil_rawdata_abi_fops },
	{ "revision", &vigil_rawdata_revision_fops },
	{ "sha256", &vigil_rawdata_sha256_fops },
	{ "compressed_size", &vigil_rawdata_size_fops },
	{ "raw_data", &vigil_rawdata_data_fops },
};

/**
 * vigil_rawdata_publish - make policy/raw_data/<revision>/ for @rd
 * @ns: namespace of the load, its lock held
 * @rd: new raw data; the directory takes a memory reference
 *
 * Return: 0, or a negative errno with nothing published.
 */
int vigil_rawdata_publish(struct vigil_ns *ns, struct vigil_rawdata *rd)
{
	struct dentry *dir, *dentry;
	size_t i;

	lockdep_assert_held(&ns->lock);
	snprintf(rd->name, sizeof(rd->name), "%ld", ns->revision);
	dir = vigil_fs_create(rd->name, S_IFDIR | 0755, ns->files.raw_data,
			      NULL, NULL, NULL, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	for (i = 0; i < ARRAY_SIZE(vigil_rawdata_files); i++) {
		dentry = vigil_fs_create(vigil_rawdata_files[i].name,
					 S_IFREG | 0444, dir,
					 vigil_rawdata_get(rd),
					 vigil_rawdata_put_obj,
					 vigil_rawdata_files[i].fops, NULL);
		if (IS_ERR(dentry)) {
			vigil_fs_remove(dir);
			return PTR_ERR(dentry);
		}
		/* As in stock, stat() shows the size of the bytes. */
		if (vigil_rawdata_files[i].fops == &vigil_rawdata_data_fops)
			d_inode(dentry)->i_size = rd->size;
	}
	rd->ns = ns;
	rd->dir = dir;
	list_add(&rd->list, &ns->files.rawdata);
	vigil_rawdata_get(rd);
	return 0;
}

/**
 * vigil_rawdata_unpublish - take a directory away after a failed load
 * @rd: raw data published by this load, @rd->ns->lock held
 */
void vigil_rawdata_unpublish(struct vigil_rawdata *rd)
{
	if (rd->ns)
		vigil_rawdata_unpublish_locked(rd);
}
