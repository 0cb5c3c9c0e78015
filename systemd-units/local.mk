# systemd units; installed into the directory systemd.pc names.
systemdunit_DATA =
systemdunitdir = $(systemdsystemunitdir)
