# SPDX-License-Identifier: GPL-2.0-only
# Sourced by guest tests: small TAP helpers. A test is one TAP point for
# the harness; each check inside it is a subtest line.

_checks=0
_failed=0

# Every check returns non-zero when it fails, so that a test can add
# diagnostics: check_eq ... || dmesg | tail

# check DESCRIPTION COMMAND...: one subtest that passes when COMMAND does.
check()
{
	local desc=$1
	shift
	_checks=$((_checks + 1))
	if "$@" >/tmp/check.out 2>&1; then
		echo "ok $_checks - $desc"
	else
		echo "not ok $_checks - $desc"
		sed 's/^/# /' /tmp/check.out
		_failed=$((_failed + 1))
		return 1
	fi
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq()
{
	_checks=$((_checks + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $_checks - $1"
	else
		echo "not ok $_checks - $1"
		echo "# expected: $2"
		echo "# actual:   $3"
		_failed=$((_failed + 1))
		return 1
	fi
}

# check_files_eq DESCRIPTION EXPECTED_FILE ACTUAL_FILE
check_files_eq()
{
	_checks=$((_checks + 1))
	if cmp -s "$2" "$3"; then
		echo "ok $_checks - $1"
	else
		echo "not ok $_checks - $1"
		diff -u "$2" "$3" | sed 's/^/# /'
		_failed=$((_failed + 1))
		return 1
	fi
}

# done_testing: print the plan and exit with the overall verdict.
done_testing()
{
	echo "1..$_checks"
	[ $_failed -eq 0 ]
	exit
}

# Which AppArmor booted: "vigil", "stock" or "none".
apparmor_flavour()
{
	# The kernel log is a ring: once tests have logged enough audit
	# records the boot message is gone, so run-tests notes the answer
	# before the first test.
	if [ -s /run/vigil-flavour ]; then
		cat /run/vigil-flavour
	elif dmesg | grep -q 'Vigil AppArmor initialized'; then
		echo vigil
	elif dmesg | grep -q 'AppArmor: AppArmor initialized'; then
		echo stock
	else
		echo none
	fi
}

# Print the features tree flattened: one "path value" line per file,
# sorted, so two kernels' trees compare with diff.
dump_features()
{
	local root=${1:-/sys/kernel/security/apparmor/features}
	(cd "$root" && find . -type f | sed 's|^\./||' | sort | while read -r f; do
		printf '%s %s\n' "$f" "$(tr '\n' ' ' <"$f" | sed 's/ $//')"
	done)
}

# Remove every loaded profile, so that a test starts from no policy
# whatever the tests before it in the same boot loaded.
remove_all_profiles()
{
	local fs=/sys/kernel/security/apparmor p
	[ -r $fs/profiles ] || return 0
	for p in $(sed 's/ (.*//' $fs/profiles | grep -v //); do
		printf '%s' "$p" >$fs/.remove
	done
	[ -z "$(cat $fs/profiles)" ]
}
