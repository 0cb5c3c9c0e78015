# SPDX-License-Identifier: GPL-2.0-only
# Shared helpers for the VM harness scripts. Sourced, not executed.

: "${VIGIL_BUILD:=$repo/build}"
export VIGIL_BUILD

log()
{
	printf '%s: %s\n' "${0##*/}" "$*" >&2
}

die()
{
	printf '%s: error: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

# Install the Debian packages that are missing. A missing package that
# cannot be installed is a hard error, never a skipped test.
ensure_packages()
{
	local missing=() pkg
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
			missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing missing packages: ${missing[*]}"
	local sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y \
		--no-install-recommends "${missing[@]}" >&2; then
		$sudo apt-get update >&2 || true
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y \
			--no-install-recommends "${missing[@]}" >&2 ||
			die "could not install: ${missing[*]}"
	fi
}
