#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# dracut pre-pivot hook: load the policy module-setup.sh compiled.
/usr/lib/vigil/load-policy /usr/lib/vigil/policy
