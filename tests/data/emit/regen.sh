#!/bin/sh
# Regenerate the oracle outputs: Debian's apparmor_parser 3.0.8, 6.12 features.
set -e
cd "$(dirname "$0")"
for p in *.prof; do
	features=$(sed -n 's/^# features: //p' "$p")
	apparmor_parser -Q -K -S -M "../${features:-features-6.12}" "$p" >"${p%.prof}.bin"
done
