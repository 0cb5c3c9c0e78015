# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the regression tier (tests/vm/tests/regress-*), after lib.sh.
#
# A regression test defines a function `scenario` that loads policy with
# `load` and runs the probe (tests/vm/probe/probe.c) with `as` (under a
# profile) or `unconfined`. Everything the scenario does becomes one
# transcript: each command, what the probe printed (decisions and
# errnos), and the AppArmor audit records the kernel logged meanwhile,
# with timestamps, serials and pids (also in /proc/PID/ names) removed. `regress_run` runs the
# scenario once per policy compiler (apparmor_parser 3.0.8's blob from
# the host, then Vigil's parser in the guest) and compares each
# transcript with tests/vm/data/expected/<test>, recorded on the stock
# kernel (tests/vm/record-expected). So a test passes on stock by
# construction and on Vigil only if Vigil decides and audits the same.
#
# With vigil.record=1 on the kernel command line the oracle transcript
# is printed as "#><test>| <line>" lines for the host to collect.

regress_fs=/sys/kernel/security/apparmor
regress_bin=/regress/bin
regress_features=/vigil/data/shared/features-6.12
regress_out=/tmp/regress.transcript

# Audit records reach the log through kauditd and printk_ratelimit();
# without this a burst of denials would lose records on either kernel.
echo 0 >/proc/sys/kernel/printk_ratelimit

# note TEXT: a line of the transcript
note()
{
	printf '%s\n' "$*" >>"$regress_out"
}

# The kernel log is never cleared (other tests in the same boot read
# it); records are told apart by their audit serial instead.
regress_serial=0

# The AppArmor records after $regress_serial: "SERIAL audit type=T ...".
regress_new_records()
{
	dmesg | sed -n \
		's/^.*audit: type=\([0-9]*\) audit([0-9.]*:\([0-9]*\)): \(apparmor=.*\)$/\2 audit type=\1 \3/p' |
		awk -v last="$regress_serial" '$1 + 0 > last + 0'
}

# Skip the records logged so far. kauditd prints asynchronously; a
# short sleep lets it catch up with the probe.
regress_skip()
{
	local last
	usleep 100000
	last=$(regress_new_records | tail -n 1 | cut -d' ' -f1)
	[ -n "$last" ] && regress_serial=$last
	return 0
}

# Append the records logged since the last call, normalised.
regress_audit()
{
	usleep 100000
	regress_new_records >/tmp/regress.new
	[ -s /tmp/regress.new ] || return 0
	regress_serial=$(tail -n 1 /tmp/regress.new | cut -d' ' -f1)
	cut -d' ' -f2- /tmp/regress.new |
		sed 's/ pid=[0-9]*/ pid=N/g; s/ ppid=[0-9]*/ ppid=N/g' |
		sed 's|name="/proc/[0-9]*/|name="/proc/N/|' >>"$regress_out"
}

# fixture NAME...: probe binaries /regress/bin/NAME that profiles attach to
fixture()
{
	local name
	mkdir -p $regress_bin
	for name in "$@"; do
		ln -f /vigil/bin/probe $regress_bin/"$name"
	done
}

# load NAME: replace policy with the blob of tests/vm/data/policy/NAME
# from the compiler under test. Its STATUS records are skipped here
# (regress-status compares them).
load()
{
	local blob=/vigil/data/$1.bin
	[ "$regress_parser" = oracle ] || blob=/tmp/regress-$1.vigil
	if cat "$blob" >$regress_fs/.replace 2>/dev/null; then
		note "load $1: ok"
	else
		note "load $1: failed"
	fi
	regress_skip
}

# as NAME OP...: run /regress/bin/NAME (attaching its profile) with OP...
# Output and input are pipes, so no inherited file needs a rule. (A
# closed stdin would not do: a secure exec makes libc open /dev/full.) A probe killed by a signal is noted with its number.
as()
{
	local name=$1 out rc
	shift
	note "\$ $name $*"
	out=$(: | $regress_bin/"$name" "$@" 2>&1)
	rc=$?
	[ -n "$out" ] && note "$out"
	[ $rc -gt 128 ] && note "killed by signal $((rc - 128))"
	regress_audit
}

# unconfined OP...: the probe from an unconfined task
unconfined()
{
	local out rc
	note "\$ probe $*"
	out=$(: | /vigil/bin/probe "$@" 2>&1)
	rc=$?
	[ -n "$out" ] && note "$out"
	[ $rc -gt 128 ] && note "killed by signal $((rc - 128))"
	regress_audit
}

# regress_run POLICY...: run `scenario` once per compiler of POLICY and
# compare each transcript with the recorded one.
regress_run()
{
	local expected=/vigil/data/expected/$VIGIL_TEST policy parsers
	local record=0
	grep -qw 'vigil.record=1' /proc/cmdline && record=1
	parsers=${REGRESS_PARSERS:-oracle vigil}
	[ $record -eq 1 ] && parsers=oracle
	for regress_parser in $parsers; do
		if [ "$regress_parser" = vigil ]; then
			for policy in "$@"; do
				check "vigil parser compiles $policy" \
					apparmor_parser -Q -K -M "$regress_features" \
					-o /tmp/regress-"$policy".vigil \
					/vigil/data/policy/"$policy"
			done
		fi
		remove_all_profiles
		regress_skip
		: >"$regress_out"
		scenario
		remove_all_profiles
		if [ $record -eq 1 ]; then
			sed "s/^/#>$VIGIL_TEST| /" "$regress_out"
		else
			check_files_eq "transcript with $regress_parser's policy" \
				"$expected" "$regress_out"
		fi
	done
}
