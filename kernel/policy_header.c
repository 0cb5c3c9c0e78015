// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vigil AppArmor - load header and fully qualified profile names
 *
 * A load is a sequence of (header, profile record) pairs. The header
 * carries the interface version (required before the first profile)
 * and optionally the namespace the profiles go to.
 *
 * Pure code: it must also build outside the kernel (see portable.h).
 */

#include "include/profile_record.h"

/* The kernel's isspace(), which also counts Latin-1 NBSP (0xa0). */
static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (u8)c == 0xa0;
}

static const char *skip_spaces_in(const char *str, const char *end)
{
	while (str < end && is_space(*str))
		str++;
	return str;
}

/**
 * vigil_unpack_header - read the header in front of a profile record
 * @stream: reader positioned at the header
 * @first: this is the first profile of the load, the version is required
 * @version: in: version in force; out: version for this profile
 * @ns: in/out: namespace named by the first header that had one, as a
 *	pointer into the load buffer (NULL when none so far)
 * @ns_len: in/out: length of @ns
 * @info: set to a reason to audit; may be set even on success, when a
 *	later header names a different namespace (which is ignored)
 *
 * Return: 0, or -EPROTONOSUPPORT for a missing first version, a version
 * outside 5..9 or an empty namespace name, with @stream just past the
 * last element it could read (the offset the audit record reports).
 */
int vigil_unpack_header(struct vigil_stream *stream, bool first, u32 *version,
			const char **ns, size_t *ns_len, const char **info)
{
	const char *name;
	size_t len;
	u32 abi;

	*info = NULL;
	if (!vigil_stream_read_u32(stream, "version", version) && first) {
		*info = "invalid profile format";
		return -EPROTONOSUPPORT;
	}
	abi = *version & VIGIL_ABI_MASK;
	if (abi < VIGIL_ABI_MIN || abi > VIGIL_ABI_MAX) {
		*info = "unsupported interface version";
		return -EPROTONOSUPPORT;
	}

	if (vigil_stream_read_string(stream, "namespace", &name, &len)) {
		if (!len || strlen(name) != len) {
			*info = "invalid namespace name";
			return -EPROTONOSUPPORT;
		}
		if (!*ns) {
			*ns = name;
			*ns_len = len;
		} else if (*ns_len != len || memcmp(*ns, name, len)) {
			/* Audited only: the first namespace stays in force. */
			*info = "invalid ns change";
		}
	}
	return 0;
}

/**
 * vigil_split_fqname - split ":ns:name" into namespace and profile name
 * @fqname: NUL-terminated name as sent in a profile record
 * @ns: set to the namespace inside @fqname, or NULL when there is none
 * @ns_len: set to the length of @ns
 * @name: set to the profile name inside @fqname, or NULL when empty
 *
 * Leading white space is skipped before the name and the namespace,
 * and a "//" right after the namespace separator is dropped, as the
 * stock label parser does. ":ns" and ":ns:" give a namespace without a
 * profile name.
 *
 * Return: 0, or -EINVAL for an empty namespace ("::name", ":").
 */
int vigil_split_fqname(const char *fqname, const char **ns, size_t *ns_len,
		       const char **name)
{
	const char *end = fqname + strlen(fqname);
	const char *rest = skip_spaces_in(fqname, end);
	const char *split;

	*ns = NULL;
	*ns_len = 0;
	*name = rest;

	if (*rest == ':') {
		rest++;
		split = strchr(rest, ':');
		if (!split)
			split = end;
		*ns = skip_spaces_in(rest, split);
		if (*ns == split)
			return -EINVAL;
		*ns_len = split - *ns;

		*name = split < end ? split + 1 : end;
		if (end - *name >= 2 && !strncmp(*name, "//", 2))
			*name += 2;
		*name = skip_spaces_in(*name, end);
	}
	if (!**name)
		*name = NULL;
	return 0;
}
