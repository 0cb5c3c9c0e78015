# apparmor_parser: the policy compiler.
# Installs into sbindir like AppArmor's; after "make" it is parser/apparmor_parser.

noinst_LIBRARIES += parser/libvigilparser.a
parser_libvigilparser_a_SOURCES = \
	parser/version.c \
	parser/version.h

sbin_PROGRAMS += parser/apparmor_parser
parser_apparmor_parser_SOURCES = parser/main.c
parser_apparmor_parser_CFLAGS = $(AM_CFLAGS) $(LIBCAP_CFLAGS) $(LIBAUDIT_CFLAGS)
parser_apparmor_parser_LDADD = parser/libvigilparser.a $(LIBCAP_LIBS) $(LIBAUDIT_LIBS)
