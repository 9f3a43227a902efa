/* Test: the console service; two programs write lines in interleaved pieces. */
#include "images.h"
#include "manifest.h"

OS_IMAGE_DEFINE(conserv);
OS_IMAGE_DEFINE(chatter);

static const sup_spec services[] = {
	{ .name = "console", .img = &image_conserv, .restart = RESTART_PERMANENT,
	  .grants = GRANT_CONSOLE | GRANT_SUPER },
	{ .img = &image_chatter, .restart = RESTART_TRANSIENT,
	  .grants = GRANT_CONSOLE | GRANT_SUPER, .count = 2 },
};

const os_manifest boot_manifest = {
	.title = "console service test",
	.strategy = SUP_ONE_FOR_ONE, .intensity = 5, .period = 1000000,
	.services = services, .nservices = 2, .reports = 2,
};
