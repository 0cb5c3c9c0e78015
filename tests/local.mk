# The VM harness and test data ship in the tarball; "make check" runs only
# tier 1. tests/all runs every tier.
EXTRA_DIST += tests/vm tests/all tests/demo tests/setup-deps tests/kernel-lint tests/policy-scripts
