// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - file and path mediation
 *
 * A request on a file or path is decided by matching the object's
 * absolute path name against the profile's file rules, picking the
 * owner or other record by whether the task's fsuid owns the object.
 * Open files remember the label that opened them and what it was
 * granted, so reads and writes through them are checked again only
 * when the task's label changed or it asks for more.
 */

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/namei.h>
#include <linux/sched.h>

#include "include/audit.h"
#include "include/file.h"
#include "include/lsm.h"
#include "include/pdb_lookup.h"
#include "include/task.h"

static struct vigil_file_ctx *vigil_file_ctx(const struct file *file)
{
	return file->f_security + vigil_blob_sizes.lbs_file;
}

/**
 * vigil_current_confined - the calling task's profile if it is confined
 *
 * Return: a new reference to the newest version of the task's profile,
 * or NULL when the task is unconfined.
 */
struct vigil_profile *vigil_current_confined(void)
{
	struct vigil_label *label = vigil_current_label();

	if (label->flags & VIGIL_LABEL_UNCONFINED) {
		vigil_label_put(label);
		return NULL;
	}
	return vigil_label_profile(label);
}

/*
 * Objects without a name userspace can see (pipes, sockets, anonymous
 * inodes) are not mediated by path.
 */
static bool vigil_path_mediated(const struct dentry *dentry)
{
	return !(dentry->d_sb->s_flags & SB_NOUSER);
}

/**
 * vigil_path_name - the absolute name of a path, as file rules match it
 * @path: the path
 * @is_dir: append a "/" (directories are named with one)
 * @buf: set to the buffer to release with __putname()
 *
 * Return: the name inside *@buf, or an ERR_PTR().
 */
char *vigil_path_name(const struct path *path, bool is_dir, char **buf)
{
	char *name, *end;

	*buf = __getname();
	if (!*buf)
		return ERR_PTR(-ENOMEM);
	/* One byte spare at the end for the directory's "/". */
	name = d_absolute_path(path, *buf, PATH_MAX - 1);
	if (IS_ERR(name))
		return name;
	end = *buf + PATH_MAX - 2;
	if (is_dir && end > name && end[-1] != '/') {
		end[0] = '/';
		end[1] = '\0';
	}
	return name;
}

/**
 * vigil_profile_file_perms - the file record a name selects
 * @profile: confined profile
 * @name: absolute path name
 * @cond: owner and mode of the object
 * @state: set to the state the name led to, for pair lookups
 *
 * Return: the record (not yet adjusted for the profile's mode).
 */
const struct vigil_perms *vigil_profile_file_perms(struct vigil_profile *profile,
						   const char *name,
						   const struct vigil_path_cond *cond,
						   u32 *state)
{
	const struct vigil_profile_record *record = &profile->record;
	const struct vigil_pdb *db = record->file_uses_policy ?
				     &record->policy : &record->file;
	bool owner = uid_eq(current_fsuid(), cond->ouid);

	return vigil_pdb_match_file(db, name, owner, state);
}

static enum vigil_audit_mode vigil_profile_audit_mode(struct vigil_profile *profile)
{
	return profile->record.audit_all ? VIGIL_AUDIT_ALL : VIGIL_AUDIT_NORMAL;
}

/*
 * Decide @request on the record @perms and log it. A denial reports
 * only the requested bits the record does not allow; @info, when set,
 * says why.
 */
static int vigil_file_decide(struct vigil_profile *profile, const char *op,
			     const char *name, const char *target,
			     const char *info, struct vigil_perms *perms,
			     u32 request, const struct vigil_path_cond *cond)
{
	struct vigil_decision decision;
	struct vigil_audit ad = {
		.op = op,
		.class = "file",
		.info = info,
		.profile = profile,
		.name = name,
		.file = true,
		.ouid = cond->ouid,
		.target = target,
	};

	vigil_perms_apply_modes(perms, profile->mode,
				vigil_profile_audit_mode(profile));
	vigil_perms_decide(perms, request, &decision);
	ad.type = decision.type;
	ad.denied = decision.denied;
	ad.request = decision.denied ? request & ~perms->allow :
				       decision.request;
	return vigil_audit_finish(&ad, decision.error);
}

/**
 * vigil_path_perm - decide a file request on a path and log it
 * @profile: confined profile
 * @op: operation name for the audit record
 * @path: the object
 * @request: VIGIL_MAY_* bits
 * @cond: owner and mode of the object
 *
 * Return: 0, -EACCES, -ENOENT (hidden), or the error of naming the path.
 */
int vigil_path_perm(struct vigil_profile *profile, const char *op,
		    const struct path *path, u32 request,
		    const struct vigil_path_cond *cond)
{
	struct vigil_perms perms;
	char *buf, *name;
	u32 state;
	int error;

	name = vigil_path_name(path, S_ISDIR(cond->mode), &buf);
	if (IS_ERR(name)) {
		error = PTR_ERR(name);
		goto out;
	}
	perms = *vigil_profile_file_perms(profile, name, cond, &state);
	error = vigil_file_decide(profile, op, name, NULL, NULL, &perms,
				  request, cond);
out:
	if (buf)
		__putname(buf);
	return error;
}

/* Decide a request on an existing object, from its inode. */
static int vigil_path_cond_perm(const char *op, const struct path *path,
				u32 request)
{
	struct inode *inode = d_backing_inode(path->dentry);
	struct vigil_path_cond cond;
	struct vigil_profile *profile;
	int error;

	if (!inode || !vigil_path_mediated(path->dentry))
		return 0;
	profile = vigil_current_confined();
	if (!profile)
		return 0;
	cond = vigil_inode_cond(inode);
	error = vigil_path_perm(profile, op, path, request, &cond);
	vigil_profile_put(profile);
	return error;
}

/* Decide a request on @dentry in @dir, creating it or removing it. */
static int vigil_dentry_perm(const char *op, const struct path *dir,
			     struct dentry *dentry, u32 request,
			     umode_t create_mode)
{
	struct path path = { .mnt = dir->mnt, .dentry = dentry };
	struct inode *inode = d_backing_inode(dentry);
	struct vigil_path_cond cond;
	struct vigil_profile *profile;
	int error;

	if (!vigil_path_mediated(dir->dentry))
		return 0;
	if (create_mode) {
		cond.ouid = current_fsuid();
		cond.mode = create_mode;
	} else {
		if (!inode)
			return 0;
		cond = vigil_inode_cond(inode);
	}
	profile = vigil_current_confined();
	if (!profile)
		return 0;
	error = vigil_path_perm(profile, op, &path, request, &cond);
	vigil_profile_put(profile);
	return error;
}

static int vigil_path_unlink(const struct path *dir, struct dentry *dentry)
{
	return vigil_dentry_perm("unlink", dir, dentry, VIGIL_MAY_DELETE, 0);
}

static int vigil_path_rmdir(const struct path *dir, struct dentry *dentry)
{
	return vigil_dentry_perm("rmdir", dir, dentry, VIGIL_MAY_DELETE, 0);
}

static int vigil_path_mkdir(const struct path *dir, struct dentry *dentry,
			    umode_t mode)
{
	return vigil_dentry_perm("mkdir", dir, dentry, VIGIL_MAY_CREATE,
				 S_IFDIR);
}

static int vigil_path_mknod(const struct path *dir, struct dentry *dentry,
			    umode_t mode, unsigned int dev)
{
	return vigil_dentry_perm("mknod", dir, dentry, VIGIL_MAY_CREATE,
				 mode ? mode : S_IFREG);
}

static int vigil_path_symlink(const struct path *dir, struct dentry *dentry,
			      const char *old_name)
{
	return vigil_dentry_perm("symlink", dir, dentry, VIGIL_MAY_CREATE,
				 S_IFLNK);
}

static int vigil_path_truncate(const struct path *path)
{
	return vigil_path_cond_perm("truncate", path,
				    VIGIL_MAY_WRITE | VIGIL_MAY_SETATTR);
}

static int vigil_path_chmod(const struct path *path, umode_t mode)
{
	return vigil_path_cond_perm("chmod", path, VIGIL_MAY_CHMOD);
}

static int vigil_path_chown(const struct path *path, kuid_t uid, kgid_t gid)
{
	return vigil_path_cond_perm("chown", path, VIGIL_MAY_CHOWN);
}

/* In the second record of a link pair, the lock bit asks for a subset test. */
#define VIGIL_LINK_SUBSET	VIGIL_MAY_LOCK

/* A link's exec transition may not be less safe than the target's. */
static bool vigil_xindex_subset(u32 link, u32 target)
{
	if ((link & ~VIGIL_X_UNSAFE) != (target & ~VIGIL_X_UNSAFE))
		return false;
	return !(link & VIGIL_X_UNSAFE) || (target & VIGIL_X_UNSAFE);
}

/*
 * A link pair rule that asks for it ("l" without "link ... ->") lets a
 * link be made only if the new name grants nothing the target does
 * not. Narrows @perms to what the target allows and returns the
 * request to decide; *@info says why an exec transition fails it.
 */
static u32 vigil_link_subset(struct vigil_profile *profile,
			     struct vigil_perms *perms, const char *tname,
			     const struct vigil_path_cond *cond,
			     const char **info)
{
	const struct vigil_perms *target;
	u32 request, state;

	target = vigil_profile_file_perms(profile, tname, cond, &state);
	request = perms->allow & ~VIGIL_MAY_LINK;
	perms->allow &= target->allow | VIGIL_MAY_LINK;
	request |= VIGIL_FILE_AUDIT_MASK & perms->allow & ~target->allow;
	if (!(request & ~perms->allow) && (perms->allow & VIGIL_MAY_EXEC) &&
	    !vigil_xindex_subset(perms->xindex, target->xindex)) {
		perms->allow &= ~VIGIL_MAY_EXEC;
		request |= VIGIL_MAY_EXEC;
		*info = "link not subset";
	}
	return request;
}

/*
 * A hard link needs "l" on the new name, and the link rule that
 * granted it must also match the existing name (a link pair: the
 * target is matched on from the new name's state after a NUL). The
 * pair's second record holds the audit, quiet and kill bits.
 */
static int vigil_link_perm(struct vigil_profile *profile,
			   const struct path *link, const struct path *target,
			   const struct vigil_path_cond *cond)
{
	const struct vigil_profile_record *record = &profile->record;
	const struct vigil_pdb *db = record->file_uses_policy ?
				     &record->policy : &record->file;
	bool owner = uid_eq(current_fsuid(), cond->ouid);
	char *lbuf, *tbuf = NULL, *lname, *tname;
	u32 request = VIGIL_MAY_LINK, state;
	struct vigil_perms perms, pair;
	const char *info = NULL;
	int error;

	lname = vigil_path_name(link, false, &lbuf);
	tname = IS_ERR(lname) ? lname : vigil_path_name(target, false, &tbuf);
	if (IS_ERR(tname)) {
		error = PTR_ERR(tname);
		goto out;
	}
	perms = *vigil_profile_file_perms(profile, lname, cond, &state);
	if (perms.allow & VIGIL_MAY_LINK) {
		state = vigil_dfa_null_transition(db->dfa, state);
		state = vigil_dfa_match(db->dfa, state, tname);
		pair = *vigil_pdb_file_perms(db, state, owner);
		perms.audit = pair.audit;
		perms.quiet = pair.quiet;
		perms.kill = pair.kill;
		if (!(pair.allow & VIGIL_MAY_LINK)) {
			perms = pair;
			info = "target restricted";
		} else if (pair.allow & VIGIL_LINK_SUBSET) {
			request = vigil_link_subset(profile, &perms, tname,
						    cond, &info);
		}
	}
	error = vigil_file_decide(profile, "link", lname, tname, info, &perms,
				  request, cond);
out:
	if (lbuf)
		__putname(lbuf);
	if (tbuf)
		__putname(tbuf);
	return error;
}

static int vigil_path_link(struct dentry *old_dentry,
			   const struct path *new_dir,
			   struct dentry *new_dentry)
{
	struct inode *inode = d_backing_inode(old_dentry);
	/* Both names live on the mount the new link is made in. */
	struct path new_link = { .mnt = new_dir->mnt, .dentry = new_dentry };
	struct path existing = { .mnt = new_dir->mnt, .dentry = old_dentry };
	struct vigil_path_cond cond;
	struct vigil_profile *profile;
	int error;

	if (!inode || !vigil_path_mediated(old_dentry))
		return 0;
	profile = vigil_current_confined();
	if (!profile)
		return 0;
	cond = vigil_inode_cond(inode);
	error = vigil_link_perm(profile, &new_link, &existing, &cond);
	vigil_profile_put(profile);
	return error;
}

#define VIGIL_RENAME_SRC (VIGIL_MAY_READ | VIGIL_MAY_GETATTR | \
			  VIGIL_MAY_WRITE | VIGIL_MAY_SETATTR | \
			  VIGIL_MAY_DELETE)
#define VIGIL_RENAME_DEST (VIGIL_MAY_WRITE | VIGIL_MAY_SETATTR | \
			   VIGIL_MAY_CREATE)

/* One direction of a rename: @from's object moves to @to's name. */
static int vigil_rename_one(struct vigil_profile *profile,
			    const struct path *from, const struct path *to,
			    struct inode *inode)
{
	struct vigil_path_cond cond = vigil_inode_cond(inode);
	int error;

	error = vigil_path_perm(profile, "rename_src", from, VIGIL_RENAME_SRC,
				&cond);
	if (!error)
		error = vigil_path_perm(profile, "rename_dest", to,
					VIGIL_RENAME_DEST, &cond);
	return error;
}

static int vigil_path_rename(const struct path *old_dir,
			     struct dentry *old_dentry,
			     const struct path *new_dir,
			     struct dentry *new_dentry, unsigned int flags)
{
	struct path old_path = { .mnt = old_dir->mnt, .dentry = old_dentry };
	struct path new_path = { .mnt = new_dir->mnt, .dentry = new_dentry };
	struct inode *inode = d_backing_inode(old_dentry);
	struct vigil_profile *profile;
	int error = 0;

	if (!inode || !vigil_path_mediated(old_dentry))
		return 0;
	profile = vigil_current_confined();
	if (!profile)
		return 0;
	if (flags & RENAME_EXCHANGE)
		error = vigil_rename_one(profile, &new_path, &old_path,
					 d_backing_inode(new_dentry));
	if (!error)
		error = vigil_rename_one(profile, &old_path, &new_path, inode);
	vigil_profile_put(profile);
	return error;
}

/* What opening @file asks for, from its mode and flags. */
static u32 vigil_open_request(const struct file *file)
{
	u32 request = 0;

	if (file->f_mode & FMODE_WRITE)
		request |= VIGIL_MAY_WRITE;
	if (file->f_mode & FMODE_READ)
		request |= VIGIL_MAY_READ;
	if ((file->f_flags & O_APPEND) && (request & VIGIL_MAY_WRITE))
		request = (request & ~VIGIL_MAY_WRITE) | VIGIL_MAY_APPEND;
	if (file->f_flags & O_TRUNC)
		request |= VIGIL_MAY_WRITE;
	if (file->f_flags & O_CREAT)
		request |= VIGIL_MAY_CREATE;
	return request;
}

static int vigil_file_alloc(struct file *file)
{
	struct vigil_file_ctx *ctx = vigil_file_ctx(file);

	spin_lock_init(&ctx->lock);
	ctx->label = vigil_current_label();
	ctx->checked = NULL;
	ctx->allow = 0;
	return 0;
}

static void vigil_file_free(struct file *file)
{
	struct vigil_file_ctx *ctx = vigil_file_ctx(file);

	vigil_label_put(ctx->label);
	vigil_label_put(ctx->checked);
	ctx->label = NULL;
	ctx->checked = NULL;
}

static int vigil_file_open(struct file *file)
{
	struct vigil_file_ctx *ctx = vigil_file_ctx(file);
	struct inode *inode = file_inode(file);
	struct vigil_path_cond cond;
	struct vigil_profile *profile;
	int error;

	if (!vigil_path_mediated(file->f_path.dentry))
		return 0;
	/* The image of an exec: the exec itself was decided at bprm time. */
	if (file->f_flags & __FMODE_EXEC) {
		ctx->allow = VIGIL_MAY_EXEC | VIGIL_MAY_READ |
			     VIGIL_MAY_EXEC_MMAP;
		return 0;
	}
	profile = vigil_current_confined();
	if (!profile)
		return 0;
	cond = vigil_inode_cond(inode);
	ctx->allow = vigil_open_request(file);
	error = vigil_path_perm(profile, "open", &file->f_path, ctx->allow,
				&cond);
	vigil_profile_put(profile);
	return error;
}

/* Whether @label is, in its newest version, @profile's label. */
static bool vigil_label_is(struct vigil_label *label,
			   struct vigil_profile *profile)
{
	struct vigil_label *newest;
	bool same;

	if (!label)
		return false;
	newest = vigil_label_newest(label);
	same = newest == &profile->label;
	vigil_label_put(newest);
	return same;
}

/*
 * Decide a request through an open file for @profile. Files opened by
 * an unconfined task, and requests already granted to the opening
 * label or to the last label checked, when @profile is one of them,
 * need no lookup. A label allowed by a full check joins the file's
 * cache, so that it is not checked (and logged) again for the same
 * request.
 */
static int vigil_file_perm_as(struct vigil_profile *profile, const char *op,
			      struct file *file, u32 request)
{
	struct vigil_file_ctx *ctx = vigil_file_ctx(file);
	struct vigil_label *opener, *checked, *drop = NULL;
	struct vigil_path_cond cond;
	bool cached;
	int error;

	if (!request || !ctx->label ||
	    !vigil_path_mediated(file->f_path.dentry))
		return 0;
	opener = vigil_label_newest(ctx->label);
	if (opener->flags & VIGIL_LABEL_UNCONFINED) {
		vigil_label_put(opener);
		return 0;
	}
	vigil_label_put(opener);
	spin_lock(&ctx->lock);
	checked = vigil_label_get(ctx->checked);
	cached = !(request & ~ctx->allow);
	spin_unlock(&ctx->lock);
	cached = cached && (vigil_label_is(ctx->label, profile) ||
			    vigil_label_is(checked, profile));
	vigil_label_put(checked);
	if (cached)
		return 0;
	cond = vigil_inode_cond(file_inode(file));
	error = vigil_path_perm(profile, op, &file->f_path, request, &cond);
	if (error)
		return error;
	spin_lock(&ctx->lock);
	if (!vigil_label_is(ctx->label, profile) &&
	    !vigil_label_is(ctx->checked, profile)) {
		drop = ctx->checked;
		ctx->checked = vigil_label_get(&profile->label);
	}
	ctx->allow |= request;
	spin_unlock(&ctx->lock);
	vigil_label_put(drop);
	return 0;
}

/**
 * vigil_file_perm - decide a request of the current task through a file
 * @op: operation name
 * @file: the open file
 * @request: VIGIL_MAY_* bits
 *
 * Return: 0 or the denial's error.
 */
static int vigil_file_perm(const char *op, struct file *file, u32 request)
{
	struct vigil_profile *profile = vigil_current_confined();
	int error;

	if (!profile)
		return 0;
	error = vigil_file_perm_as(profile, op, file, request);
	vigil_profile_put(profile);
	return error;
}

static int vigil_file_permission(struct file *file, int mask)
{
	u32 request = 0;

	if (mask & MAY_READ)
		request |= VIGIL_MAY_READ;
	if (mask & MAY_WRITE)
		request |= VIGIL_MAY_WRITE;
	if (mask & MAY_APPEND)
		request |= VIGIL_MAY_APPEND;
	if (mask & MAY_EXEC)
		request |= VIGIL_MAY_EXEC;
	return vigil_file_perm("file_perm", file, request);
}

static int vigil_file_lock(struct file *file, unsigned int cmd)
{
	u32 request = VIGIL_MAY_LOCK;

	if (cmd == F_WRLCK)
		request |= VIGIL_MAY_WRITE;
	return vigil_file_perm("file_lock", file, request);
}

/* The request of mapping a file: shared writable maps need write. */
static u32 vigil_mmap_request(unsigned long prot, unsigned long flags)
{
	u32 request = 0;

	if (prot & PROT_READ)
		request |= VIGIL_MAY_READ;
	if ((prot & PROT_WRITE) && !(flags & MAP_PRIVATE))
		request |= VIGIL_MAY_WRITE;
	if (prot & PROT_EXEC)
		request |= VIGIL_MAY_EXEC_MMAP;
	return request;
}

static int vigil_mmap_file(struct file *file, unsigned long reqprot,
			   unsigned long prot, unsigned long flags)
{
	if (!file)
		return 0;
	return vigil_file_perm("file_mmap", file,
			       vigil_mmap_request(prot, flags));
}

static int vigil_file_mprotect(struct vm_area_struct *vma,
			       unsigned long reqprot, unsigned long prot)
{
	if (!vma->vm_file)
		return 0;
	return vigil_file_perm("file_mprotect", vma->vm_file,
			       vigil_mmap_request(prot, vma->vm_flags & VM_SHARED ?
						  MAP_SHARED : MAP_PRIVATE));
}

static int vigil_file_truncate(struct file *file)
{
	return vigil_path_cond_perm("truncate", &file->f_path,
				    VIGIL_MAY_WRITE | VIGIL_MAY_SETATTR);
}

/* A file passed over a socket is checked for what it was opened for. */
static int vigil_file_receive(struct file *file)
{
	return vigil_file_perm("file_receive", file,
			       vigil_open_request(file) & ~VIGIL_MAY_CREATE);
}

/* iterate_fd() callback: stop at the first open descriptor. */
static int vigil_any_fd(const void *unused, struct file *file, unsigned int fd)
{
	return fd + 1;
}

/*
 * Stock AppArmor replaces a revoked descriptor with its own null file,
 * but opening that file is itself denied to the new profile, so the
 * descriptor ends up closed and the log shows this record. Log it the
 * same way so log readers see identical records.
 */
static void vigil_audit_null_open(struct vigil_profile *profile)
{
	struct vigil_audit ad = {
		.type = VIGIL_RECORD_DENIED,
		.op = "open",
		.class = "file",
		.info = "Failed name lookup - disconnected path",
		.error = -EACCES,
		.profile = profile,
		.name = "apparmor/.null",
		.request = VIGIL_MAY_READ | VIGIL_MAY_WRITE,
		.denied = VIGIL_MAY_READ | VIGIL_MAY_WRITE,
		.file = true,
		.ouid = GLOBAL_ROOT_UID,
	};

	vigil_audit_log(&ad);
}

/**
 * vigil_revalidate_inherited - close files the new label may not use
 * @new: the label the current task is about to run in
 *
 * Called at exec, before the new credentials are committed. Every open
 * descriptor is checked for what it was opened for; denied ones are
 * closed (and logged as file_inherit).
 */
void vigil_revalidate_inherited(struct vigil_label *new)
{
	struct vigil_profile *profile = vigil_label_profile(new);
	bool revoked = false;
	struct file *file;
	unsigned int fd = 0;
	int n, error;

	if ((new->flags & VIGIL_LABEL_UNCONFINED) || !current->files)
		return;
	while ((n = iterate_fd(current->files, fd, vigil_any_fd, NULL))) {
		fd = n;
		file = fget_raw(n - 1);
		if (!file)
			continue;
		error = vigil_file_perm_as(profile, "file_inherit", file,
					   vigil_open_request(file));
		fput(file);
		if (!error)
			continue;
		if (!revoked)
			vigil_audit_null_open(profile);
		revoked = true;
		replace_fd(n - 1, NULL, 0);
	}
}

static struct security_hook_list vigil_file_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_alloc_security, vigil_file_alloc),
	LSM_HOOK_INIT(file_free_security, vigil_file_free),
	LSM_HOOK_INIT(file_open, vigil_file_open),
	LSM_HOOK_INIT(file_permission, vigil_file_permission),
	LSM_HOOK_INIT(file_lock, vigil_file_lock),
	LSM_HOOK_INIT(mmap_file, vigil_mmap_file),
	LSM_HOOK_INIT(file_mprotect, vigil_file_mprotect),
	LSM_HOOK_INIT(file_truncate, vigil_file_truncate),
	LSM_HOOK_INIT(file_receive, vigil_file_receive),
	LSM_HOOK_INIT(path_unlink, vigil_path_unlink),
	LSM_HOOK_INIT(path_rmdir, vigil_path_rmdir),
	LSM_HOOK_INIT(path_mkdir, vigil_path_mkdir),
	LSM_HOOK_INIT(path_mknod, vigil_path_mknod),
	LSM_HOOK_INIT(path_symlink, vigil_path_symlink),
	LSM_HOOK_INIT(path_link, vigil_path_link),
	LSM_HOOK_INIT(path_rename, vigil_path_rename),
	LSM_HOOK_INIT(path_truncate, vigil_path_truncate),
	LSM_HOOK_INIT(path_chmod, vigil_path_chmod),
	LSM_HOOK_INIT(path_chown, vigil_path_chown),
};

/**
 * vigil_file_init - install the file and path hooks
 */
void __init vigil_file_init(void)
{
	security_add_hooks(vigil_file_hooks, ARRAY_SIZE(vigil_file_hooks),
			   &vigil_lsmid);
}
