# systemd units; installed into the directory systemd.pc names.
systemdunitdir = $(systemdsystemunitdir)
systemdunit_DATA = systemd-units/apparmor.service
pkglibexec_SCRIPTS += systemd-units/apparmor-load

systemd_units_generated = systemd-units/apparmor.service systemd-units/apparmor-load
$(systemd_units_generated): %: %.in Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(vigil_subst) $(srcdir)/$@.in >$@.tmp && \
	{ test $@ = systemd-units/apparmor.service || chmod +x $@.tmp; } && mv $@.tmp $@
EXTRA_DIST += $(systemd_units_generated:=.in)
CLEANFILES += $(systemd_units_generated)
