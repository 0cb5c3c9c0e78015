// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "parser/stream_check.h"

enum {
	CODE_U8,
	CODE_U16,
	CODE_U32,
	CODE_U64,
	CODE_NAME,
	CODE_STRING,
	CODE_BLOB,
	CODE_STRUCT,
	CODE_STRUCTEND,
	CODE_LIST,
	CODE_LISTEND,
	CODE_ARRAY,
	CODE_ARRAYEND,
};

/* 04 | 08 00 | "version\0" | 02: the named u32 every record starts with */
static const uint8_t version_tag[] = {CODE_NAME, 8,   0,   'v', 'e', 'r',
				      's',	 'i', 'o', 'n', 0,   CODE_U32};

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Length of the payload after the code byte at p, or -1 if it overruns end. */
static long payload_size(const uint8_t *p, const uint8_t *end)
{
	size_t left = (size_t)(end - p) - 1;
	size_t n;

	switch (*p) {
	case CODE_U8:
		n = 1;
		break;
	case CODE_U16:
	case CODE_ARRAY:
		n = 2;
		break;
	case CODE_U32:
		n = 4;
		break;
	case CODE_U64:
		n = 8;
		break;
	case CODE_NAME:
	case CODE_STRING:
		if (left < 2)
			return -1;
		n = 2 + ((size_t)p[1] | (size_t)p[2] << 8);
		break;
	case CODE_BLOB:
		if (left < 4)
			return -1;
		n = 4 + (size_t)le32(p + 1);
		break;
	case CODE_STRUCT:
	case CODE_STRUCTEND:
	case CODE_LIST:
	case CODE_LISTEND:
	case CODE_ARRAYEND:
		n = 0;
		break;
	default:
		return -1;
	}
	return n <= left ? (long)n : -1;
}

int stream_check(const uint8_t *data, size_t size, uint32_t version)
{
	const uint8_t *p = data, *end = data + size;
	long depth = 0;
	/* a whole stream ends by closing a profile record's struct */
	bool closed_record = false;

	if (size < sizeof(version_tag) + 4 || memcmp(data, version_tag, sizeof(version_tag)) != 0 ||
	    le32(data + sizeof(version_tag)) != version)
		return -EBADMSG;
	while (p < end) {
		long n = payload_size(p, end);

		if (n < 0)
			return -EBADMSG;
		if (*p == CODE_STRUCT || *p == CODE_LIST || *p == CODE_ARRAY)
			depth++;
		else if (*p == CODE_STRUCTEND || *p == CODE_LISTEND || *p == CODE_ARRAYEND)
			depth--;
		if (depth < 0)
			return -EBADMSG;
		closed_record = depth == 0 && *p == CODE_STRUCTEND;
		p += 1 + n;
	}
	return depth == 0 && closed_record ? 0 : -EBADMSG;
}
