# Boot-time policy and initramfs integration (boot profile issue).
