// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the audit text of file permission masks.
 */

#include <kunit/test.h>

#include "include/audit_mask.h"
#include "include/perms.h"

static void expect_mask(struct kunit *test, u32 mask, const char *text)
{
	char buf[VIGIL_FILE_MASK_STR_SIZE];

	vigil_file_mask_str(buf, mask);
	KUNIT_EXPECT_STREQ(test, buf, text);
}

static void mask_letters_in_bit_order(struct kunit *test)
{
	expect_mask(test, 0, "");
	expect_mask(test, VIGIL_MAY_READ, "r");
	expect_mask(test, VIGIL_MAY_LOCK | VIGIL_MAY_WRITE, "wk");
	expect_mask(test, VIGIL_MAY_LINK | VIGIL_MAY_EXEC_MMAP |
		    VIGIL_MAY_EXEC, "xml");
	expect_mask(test, 0x5803f, "xwracdkml");
}

static void mask_metadata_folds_into_rw(struct kunit *test)
{
	expect_mask(test, VIGIL_MAY_GETATTR, "r");
	expect_mask(test, VIGIL_MAY_CHMOD, "w");
	expect_mask(test, VIGIL_MAY_CHOWN | VIGIL_MAY_SETATTR, "w");
	expect_mask(test, VIGIL_MAY_READ | VIGIL_MAY_GETATTR |
		    VIGIL_MAY_SETATTR | VIGIL_MAY_DELETE, "wrd");
	/* Bits without a letter print nothing at all. */
	expect_mask(test, VIGIL_MAY_OPEN | VIGIL_MAY_RENAME |
		    VIGIL_MAY_MPROT | VIGIL_MAY_CHGRP, "");
}

static struct kunit_case audit_test_cases[] = {
	KUNIT_CASE(mask_letters_in_bit_order),
	KUNIT_CASE(mask_metadata_folds_into_rw),
	{}
};

static struct kunit_suite audit_test_suite = {
	.name = "apparmor_audit_mask",
	.test_cases = audit_test_cases,
};

kunit_test_suite(audit_test_suite);
