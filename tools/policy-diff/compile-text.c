// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "parser/emit.h"
#include "parser/features.h"
#include "parser/frontend.h"
#include "tools/policy-diff/compile-text.h"

int pd_compile_text(const char *path, const char *text, const char *features_path,
		    const char *const *include_dirs, size_t n_include_dirs, FILE *err,
		    uint8_t **ret_data, size_t *ret_size)
{
	struct emit_options eo = {};
	struct emit_buffer out = {};
	struct features features;
	struct frontend fe;
	struct policy *pol;
	int r;

	frontend_init(&fe, include_dirs, n_include_dirs, err);
	if (!features_path && access(KERNEL_FEATURES_DIR, F_OK) == 0)
		features_path = KERNEL_FEATURES_DIR;
	r = features_path ? features_load(&fe.arena, features_path, &features)
			  : features_load_fallback(&fe.arena, &features);
	if (r < 0) {
		fprintf(err, "%s: cannot load features: %s\n",
			features_path ? features_path : "(built-in)", strerror(-r));
		goto out;
	}
	fe.features = &features;
	r = text ? frontend_load_text(&fe, path, text, &pol) : frontend_load(&fe, path, &pol);
	if (r < 0) {
		if (fe.diag.errors == 0)
			fprintf(err, "%s: %s\n", path, strerror(-r));
		goto out;
	}
	r = emit_policy(pol, &features, &eo, &out, err);
	if (r >= 0) {
		*ret_data = out.data;
		*ret_size = out.size;
		out = (struct emit_buffer){};
	}
out:
	emit_buffer_release(&out);
	frontend_release(&fe);
	return r;
}
