# apparmor_parser: the policy compiler.
# Installs into sbindir like AppArmor's; after "make" it is parser/apparmor_parser.

noinst_LIBRARIES += parser/libvigilparser.a
parser_libvigilparser_a_SOURCES = \
	parser/arena.c \
	parser/arena.h \
	parser/cache.c \
	parser/cache.h \
	parser/check.c \
	parser/check.h \
	parser/diag.c \
	parser/diag.h \
	parser/emit.c \
	parser/emit.h \
	parser/emit_compiler.h \
	parser/emit_mount.c \
	parser/expand.c \
	parser/expand.h \
	parser/features.c \
	parser/features.h \
	parser/frontend.c \
	parser/frontend.h \
	parser/lexer.c \
	parser/lexer.h \
	parser/load.c \
	parser/load.h \
	parser/options.c \
	parser/options.h \
	parser/parse.c \
	parser/parse.h \
	parser/policy.c \
	parser/policy.h \
	parser/preprocess.c \
	parser/preprocess.h \
	parser/run.c \
	parser/run.h \
	parser/source.c \
	parser/source.h \
	parser/stream_check.c \
	parser/stream_check.h \
	parser/version.c \
	parser/version.h
parser_libvigilparser_a_CFLAGS = $(AM_CFLAGS) $(LIBCAP_CFLAGS)

sbin_PROGRAMS += parser/apparmor_parser
parser_apparmor_parser_SOURCES = parser/main.c
parser_apparmor_parser_CFLAGS = $(AM_CFLAGS) $(LIBCAP_CFLAGS) $(LIBAUDIT_CFLAGS)
parser_apparmor_parser_LDADD = parser/libvigilparser.a parser/compile/libvigilcompile.a $(LIBCAP_LIBS) $(LIBAUDIT_LIBS)

# libFuzzer harness for the front end; built only by "make parser-fuzz".
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -std=gnu11
EXTRA_DIST += parser/fuzz/fuzz-frontend.c parser/fuzz/fuzz-stream-check.c \
	parser/fuzz/corpus/bin.ping parser/fuzz/corpus/mixed.aa
CLEANFILES += parser/fuzz/fuzz-frontend parser/fuzz/fuzz-stream-check

parser/fuzz/fuzz-frontend: parser/fuzz/fuzz-frontend.c $(parser_libvigilparser_a_SOURCES) \
		$(parser_compile_libvigilcompile_a_SOURCES)
	@$(MKDIR_P) parser/fuzz
	srcs=; for f in $^; do case $$f in *.c) srcs="$$srcs $$f";; esac; done; \
	$(FUZZ_CC) $(FUZZ_CFLAGS) -I$(top_srcdir) -I$(top_builddir) $(LIBCAP_CFLAGS) \
		$$srcs -o $@ $(LIBCAP_LIBS)

# the cache's stream check alone: a corrupt cache file is any byte string
parser/fuzz/fuzz-stream-check: parser/fuzz/fuzz-stream-check.c parser/stream_check.c
	@$(MKDIR_P) parser/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -I$(top_srcdir) -I$(top_builddir) \
		$(srcdir)/parser/fuzz/fuzz-stream-check.c $(srcdir)/parser/stream_check.c -o $@

parser-fuzz: parser/fuzz/fuzz-frontend parser/fuzz/fuzz-stream-check
.PHONY: parser-fuzz

# tests/parser/binary-equivalence compares with vigil-policy-diff
# (tools/policy-diff); it needs Debian's apparmor_parser as the oracle, so
# it is a tests/all tier, not part of "make check".
EXTRA_DIST += tests/parser/binary-equivalence bench/compile
