# The policy compiler core: globs to regex trees, DFA construction and
# minimisation, table compression, the DFA blob format, its decoder and the
# semantic equivalence check. No dependency on the parser front end.

noinst_LIBRARIES += parser/compile/libvigilcompile.a
parser_compile_libvigilcompile_a_SOURCES = \
	parser/compile/compile.c \
	parser/compile/compile.h \
	parser/compile/dfa.c \
	parser/compile/dfa.h \
	parser/compile/equiv.c \
	parser/compile/equiv.h \
	parser/compile/perms.c \
	parser/compile/perms.h \
	parser/compile/regex.c \
	parser/compile/regex.h \
	parser/compile/stream.h \
	parser/compile/table.c \
	parser/compile/table.h \
	parser/compile/util.h

EXTRA_DIST += parser/compile/README.md

if HAVE_CMOCKA
COMPILE_TEST_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) \
	-DVC_TEST_DATA_DIR='"$(abs_top_srcdir)/tests/data/compile"'
COMPILE_TEST_LDADD = parser/compile/libvigilcompile.a $(CMOCKA_LIBS)

check_PROGRAMS += \
	tests/unit/test_compile_glob \
	tests/unit/test_compile_dfa \
	tests/unit/test_compile_oracle
TESTS += \
	tests/unit/test_compile_glob \
	tests/unit/test_compile_dfa \
	tests/unit/test_compile_oracle

tests_unit_test_compile_glob_SOURCES = tests/unit/test_compile_glob.c
tests_unit_test_compile_glob_CFLAGS = $(COMPILE_TEST_CFLAGS)
tests_unit_test_compile_glob_LDADD = $(COMPILE_TEST_LDADD)

tests_unit_test_compile_dfa_SOURCES = tests/unit/test_compile_dfa.c
tests_unit_test_compile_dfa_CFLAGS = $(COMPILE_TEST_CFLAGS)
tests_unit_test_compile_dfa_LDADD = $(COMPILE_TEST_LDADD)

check_PROGRAMS += tests/unit/test_compile_limits
TESTS += tests/unit/test_compile_limits
tests_unit_test_compile_limits_SOURCES = tests/unit/test_compile_limits.c
tests_unit_test_compile_limits_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(LIBCAP_CFLAGS) \
	-DVC_TEST_FEATURES='"$(abs_top_srcdir)/tests/data/features-6.12"'
tests_unit_test_compile_limits_LDADD = tools/policy-diff/libpolicydiff.a parser/libvigilparser.a \
	parser/compile/libvigilcompile.a $(CMOCKA_LIBS) $(LIBCAP_LIBS)

tests_unit_test_compile_oracle_SOURCES = tests/unit/test_compile_oracle.c
tests_unit_test_compile_oracle_CFLAGS = $(COMPILE_TEST_CFLAGS)
tests_unit_test_compile_oracle_LDADD = $(COMPILE_TEST_LDADD)
endif

# Oracle data: apparmor_parser 3.0.8 output for the 6.12 features (regen.sh).
EXTRA_DIST += \
	tests/data/features-6.12 \
	tests/data/features-6.12-nopermstable \
	tests/data/features-6.12-af_unix \
	tests/data/compile/abstractions.bin \
	tests/data/compile/abstractions.prof \
	tests/data/compile/alternation.bin \
	tests/data/compile/alternation.prof \
	tests/data/compile/audit.bin \
	tests/data/compile/audit.prof \
	tests/data/compile/audit_exec.bin \
	tests/data/compile/audit_exec.prof \
	tests/data/compile/brace_exact.bin \
	tests/data/compile/brace_exact.prof \
	tests/data/compile/change_profile.bin \
	tests/data/compile/change_profile.prof \
	tests/data/compile/change_profile_any.bin \
	tests/data/compile/change_profile_any.prof \
	tests/data/compile/classes.bin \
	tests/data/compile/classes.prof \
	tests/data/compile/deny.bin \
	tests/data/compile/deny.prof \
	tests/data/compile/deny_exec.bin \
	tests/data/compile/deny_exec.prof \
	tests/data/compile/escapes.bin \
	tests/data/compile/escapes.prof \
	tests/data/compile/exec.bin \
	tests/data/compile/exec.prof \
	tests/data/compile/exec_precedence.bin \
	tests/data/compile/exec_precedence.prof \
	tests/data/compile/exec_targets.bin \
	tests/data/compile/exec_targets.prof \
	tests/data/compile/file_rule.bin \
	tests/data/compile/file_rule.prof \
	tests/data/compile/fuzz-oracle.py \
	tests/data/compile/fuzz11_1.bin \
	tests/data/compile/fuzz11_1.prof \
	tests/data/compile/fuzz11_10.bin \
	tests/data/compile/fuzz11_10.prof \
	tests/data/compile/fuzz11_11.bin \
	tests/data/compile/fuzz11_11.prof \
	tests/data/compile/fuzz11_12.bin \
	tests/data/compile/fuzz11_12.prof \
	tests/data/compile/fuzz11_13.bin \
	tests/data/compile/fuzz11_13.prof \
	tests/data/compile/fuzz11_14.bin \
	tests/data/compile/fuzz11_14.prof \
	tests/data/compile/fuzz11_15.bin \
	tests/data/compile/fuzz11_15.prof \
	tests/data/compile/fuzz11_4.bin \
	tests/data/compile/fuzz11_4.prof \
	tests/data/compile/fuzz11_5.bin \
	tests/data/compile/fuzz11_5.prof \
	tests/data/compile/fuzz11_6.bin \
	tests/data/compile/fuzz11_6.prof \
	tests/data/compile/fuzz11_7.bin \
	tests/data/compile/fuzz11_7.prof \
	tests/data/compile/fuzz11_8.bin \
	tests/data/compile/fuzz11_8.prof \
	tests/data/compile/fuzz11_9.bin \
	tests/data/compile/fuzz11_9.prof \
	tests/data/compile/fuzz41_12.bin \
	tests/data/compile/fuzz41_12.prof \
	tests/data/compile/fuzz41_140.bin \
	tests/data/compile/fuzz41_140.prof \
	tests/data/compile/fuzz42_151.bin \
	tests/data/compile/fuzz42_151.prof \
	tests/data/compile/fuzz43_205.bin \
	tests/data/compile/fuzz43_205.prof \
	tests/data/compile/fuzz51_119.bin \
	tests/data/compile/fuzz51_119.prof \
	tests/data/compile/fuzz51_6.bin \
	tests/data/compile/fuzz51_6.prof \
	tests/data/compile/link.bin \
	tests/data/compile/link.prof \
	tests/data/compile/literal.bin \
	tests/data/compile/literal.prof \
	tests/data/compile/lock_append.bin \
	tests/data/compile/lock_append.prof \
	tests/data/compile/make-abstractions.py \
	tests/data/compile/mixed.bin \
	tests/data/compile/mixed.prof \
	tests/data/compile/owner.bin \
	tests/data/compile/owner.prof \
	tests/data/compile/question.bin \
	tests/data/compile/question.prof \
	tests/data/compile/regen.sh \
	tests/data/compile/slashes.bin \
	tests/data/compile/slashes.prof \
	tests/data/compile/star.bin \
	tests/data/compile/star.prof \
	tests/data/compile/starstar.bin \
	tests/data/compile/starstar.prof \
	tests/data/compile/wildcards.bin \
	tests/data/compile/wildcards.prof \
	tests/data/compile/xmatch1.bin \
	tests/data/compile/xmatch1.prof \
	tests/data/compile/xmatch10.bin \
	tests/data/compile/xmatch10.prof \
	tests/data/compile/xmatch11.bin \
	tests/data/compile/xmatch11.prof \
	tests/data/compile/xmatch12.bin \
	tests/data/compile/xmatch12.prof \
	tests/data/compile/xmatch2.bin \
	tests/data/compile/xmatch2.prof \
	tests/data/compile/xmatch3.bin \
	tests/data/compile/xmatch3.prof \
	tests/data/compile/xmatch4.bin \
	tests/data/compile/xmatch4.prof \
	tests/data/compile/xmatch5.bin \
	tests/data/compile/xmatch5.prof \
	tests/data/compile/xmatch6.bin \
	tests/data/compile/xmatch6.prof \
	tests/data/compile/xmatch7.bin \
	tests/data/compile/xmatch7.prof \
	tests/data/compile/xmatch8.bin \
	tests/data/compile/xmatch8.prof \
	tests/data/compile/xmatch9.bin \
	tests/data/compile/xmatch9.prof
