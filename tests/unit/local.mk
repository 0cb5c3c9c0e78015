# Tier 1: cmocka unit tests for the userspace. "make check" runs them.

if HAVE_CMOCKA
UNIT_TEST_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
UNIT_TEST_LDADD = parser/libvigilparser.a $(CMOCKA_LIBS) $(LIBCAP_LIBS) $(LIBAUDIT_LIBS)

check_PROGRAMS += tests/unit/test_version
tests_unit_test_version_SOURCES = tests/unit/test_version.c
tests_unit_test_version_CFLAGS = $(UNIT_TEST_CFLAGS)
tests_unit_test_version_LDADD = $(UNIT_TEST_LDADD)

TESTS += tests/unit/test_version

check_PROGRAMS += tests/unit/test_parser
tests_unit_test_parser_SOURCES = tests/unit/test_parser.c
tests_unit_test_parser_CFLAGS = $(UNIT_TEST_CFLAGS)
tests_unit_test_parser_LDADD = $(UNIT_TEST_LDADD)

TESTS += tests/unit/test_parser
else
# Refuse to pass "make check" without the unit-test tier.
TESTS += tests/unit/missing-cmocka
endif
EXTRA_DIST += tests/unit/missing-cmocka

# Tier scripts comparing our parser's verdicts with Debian's apparmor_parser
# (run by hand or from tests/all; they need the apparmor packages installed):
# tests/parser/corpus-verdicts and tests/parser/oracle-cases with its
# cases*.txt files. The whole directory ships in the tarball.
EXTRA_DIST += tests/parser

# apparmor_parser -S against stored oracle output (tests/data/emit, regen.sh).
TESTS += tests/unit/test-emit
EXTRA_DIST += tests/unit/test-emit tests/data/emit

# The cache and the kernel interface, each against a scratch directory.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_cache tests/unit/test_load
tests_unit_test_cache_CFLAGS = $(UNIT_TEST_CFLAGS)
tests_unit_test_cache_LDADD = $(UNIT_TEST_LDADD)
tests_unit_test_load_CFLAGS = $(UNIT_TEST_CFLAGS)
tests_unit_test_load_LDADD = $(UNIT_TEST_LDADD)
# every write() the loader makes is seen by the test (see test_load.c)
tests_unit_test_load_LDFLAGS = -Wl,--wrap=write
TESTS += tests/unit/test_cache tests/unit/test_load
endif
