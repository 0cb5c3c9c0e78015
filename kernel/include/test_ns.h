/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil AppArmor - a private namespace for KUnit tests of the profile tree
 */

#ifndef _VIGIL_TEST_NS_H
#define _VIGIL_TEST_NS_H

#include <kunit/test.h>

#include "policy.h"

int vigil_test_ns_init(struct kunit *test);
void vigil_test_ns_exit(struct kunit *test);
struct vigil_profile *vigil_test_ns_add(struct kunit *test, const char *hname,
					enum vigil_profile_mode mode);

#endif /* _VIGIL_TEST_NS_H */
