# systemd units; installed into the directory systemd.pc names.
systemdunitdir = $(systemdsystemunitdir)
systemdunit_DATA = systemd-units/apparmor.service
pkglibexec_SCRIPTS = systemd-units/apparmor-load

# Paths in the unit and the loader follow ./configure's choices.
systemd_units_subst = sed -e 's|@pkglibexecdir[@]|$(pkglibexecdir)|g' \
	-e 's|@sbindir[@]|$(sbindir)|g'
systemd-units/apparmor.service: systemd-units/apparmor.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) systemd-units && \
	$(systemd_units_subst) $(srcdir)/systemd-units/apparmor.service.in >$@.tmp && mv $@.tmp $@
systemd-units/apparmor-load: systemd-units/apparmor-load.in Makefile
	$(AM_V_GEN)$(MKDIR_P) systemd-units && \
	$(systemd_units_subst) $(srcdir)/systemd-units/apparmor-load.in >$@.tmp && \
	chmod +x $@.tmp && mv $@.tmp $@
EXTRA_DIST += systemd-units/apparmor.service.in systemd-units/apparmor-load.in
CLEANFILES += systemd-units/apparmor.service systemd-units/apparmor-load
