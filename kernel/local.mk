# kernel/ is not built by automake: it replaces security/apparmor/ in a
# Linux 6.12 tree and is built by tests/vm/build-kernel. Ship it in the
# tarball so a release carries the whole product.
EXTRA_DIST += kernel
