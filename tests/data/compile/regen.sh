#!/bin/sh
# Regenerate the oracle outputs: each NAME.prof compiled by Debian's
# apparmor_parser 3.0.8 for the 6.12 feature set, stored as NAME.bin.
# Run by hand when cases are added; "make check" only reads the results.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
features="$here/../features-6.12"
for prof in "$here"/*.prof; do
	apparmor_parser -Q -K -S -M "$features" -I /etc/apparmor.d "$prof" >"${prof%.prof}.bin"
done
