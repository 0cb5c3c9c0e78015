# Boot-time policy and initramfs integration.
#
# init-profile/init replaces the kernel's boot profile when the policy in
# /etc/apparmor.d is loaded; compile-policy and load-policy put that policy
# into an initramfs and load it before switch_root, driven by the
# initramfs-tools hook and the dracut module.
apparmordir = $(sysconfdir)/apparmor.d
dist_apparmor_DATA = init-profile/init

pkglibexec_SCRIPTS += init-profile/compile-policy
dist_pkglibexec_SCRIPTS = init-profile/load-policy

initramfstoolsdir = $(datadir)/initramfs-tools
initramfshooksdir = $(initramfstoolsdir)/hooks
initramfshooks_SCRIPTS = init-profile/initramfs-tools/hooks/vigil-apparmor
initramfsbottomdir = $(initramfstoolsdir)/scripts/init-bottom
dist_initramfsbottom_SCRIPTS = init-profile/initramfs-tools/scripts/init-bottom/vigil-apparmor

dracutmoduledir = $(prefix)/lib/dracut/modules.d/90vigil-apparmor
dracutmodule_SCRIPTS = init-profile/dracut/90vigil-apparmor/module-setup.sh
dist_dracutmodule_SCRIPTS = init-profile/dracut/90vigil-apparmor/vigil-load-policy.sh

init_profile_generated = init-profile/compile-policy \
	init-profile/initramfs-tools/hooks/vigil-apparmor \
	init-profile/dracut/90vigil-apparmor/module-setup.sh
$(init_profile_generated): %: %.in Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(vigil_subst) $(srcdir)/$@.in >$@.tmp && \
	chmod +x $@.tmp && mv $@.tmp $@
EXTRA_DIST += $(init_profile_generated:=.in)
CLEANFILES += $(init_profile_generated)
