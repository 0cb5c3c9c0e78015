# vigil-policy-diff: the semantic diff of two compiled policies or profile
# texts (README.md in this directory). Installed into bindir.

noinst_LIBRARIES += tools/policy-diff/libpolicydiff.a
tools_policy_diff_libpolicydiff_a_SOURCES = \
	tools/policy-diff/compile-text.c \
	tools/policy-diff/compile-text.h \
	tools/policy-diff/decode.c \
	tools/policy-diff/decode.h \
	tools/policy-diff/describe.c \
	tools/policy-diff/describe.h \
	tools/policy-diff/diff.c \
	tools/policy-diff/diff.h
tools_policy_diff_libpolicydiff_a_CFLAGS = $(AM_CFLAGS) $(LIBCAP_CFLAGS)

POLICY_DIFF_LIBS = tools/policy-diff/libpolicydiff.a parser/libvigilparser.a \
	parser/compile/libvigilcompile.a $(LIBCAP_LIBS)

bin_PROGRAMS += tools/policy-diff/vigil-policy-diff
tools_policy_diff_vigil_policy_diff_SOURCES = tools/policy-diff/main.c
tools_policy_diff_vigil_policy_diff_LDADD = $(POLICY_DIFF_LIBS)

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_policy_diff
TESTS += tests/unit/test_policy_diff
tests_unit_test_policy_diff_SOURCES = tests/unit/test_policy_diff.c
tests_unit_test_policy_diff_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) \
	-DPD_TEST_FEATURES='"$(abs_top_srcdir)/tests/data/features-6.12"'
tests_unit_test_policy_diff_LDADD = $(POLICY_DIFF_LIBS) $(CMOCKA_LIBS)
endif

# libFuzzer harness for the decoder; built only by "make policy-diff-fuzz".
EXTRA_DIST += tools/policy-diff/README.md tools/policy-diff/fuzz/fuzz-decode.c \
	tools/policy-diff/fuzz/corpus/two-profiles.bin
CLEANFILES += tools/policy-diff/fuzz/fuzz-decode

tools/policy-diff/fuzz/fuzz-decode: tools/policy-diff/fuzz/fuzz-decode.c \
		tools/policy-diff/decode.c $(parser_compile_libvigilcompile_a_SOURCES)
	@$(MKDIR_P) tools/policy-diff/fuzz
	srcs=; for f in $^; do case $$f in *.c) srcs="$$srcs $$f";; esac; done; \
	$(FUZZ_CC) $(FUZZ_CFLAGS) -I$(top_srcdir) -I$(top_builddir) $$srcs -o $@

policy-diff-fuzz: tools/policy-diff/fuzz/fuzz-decode
.PHONY: policy-diff-fuzz
