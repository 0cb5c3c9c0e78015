/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VIGIL_PARSER_STREAM_CHECK_H
#define VIGIL_PARSER_STREAM_CHECK_H

#include <stddef.h>
#include <stdint.h>

/*
 * Is data a complete policy stream (ABI spec §1.1) whose first record
 * has the given version word? Every element must fit in the buffer and
 * every struct and array must be closed: a cache file cut short by a
 * crash or a full disk fails this, so it is recompiled instead of being
 * handed to the kernel. Returns 0, or -EBADMSG naming nothing more: the
 * caller only needs to know the file is unusable.
 */
int stream_check(const uint8_t *data, size_t size, uint32_t version);

#endif
