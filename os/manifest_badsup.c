/* Test: a supervisor that never acknowledges its child's EXIT notice. */
#include "images.h"
#include "manifest.h"

OS_IMAGE_DEFINE(badsup);

static const sup_spec services[] = {
	{ .name = "badsup", .img = &image_badsup, .restart = RESTART_TEMPORARY,
	  .grants = GRANT_CONSOLE, .region = 4 },
};

const os_manifest boot_manifest = {
	.title = "unacknowledged notice test",
	.strategy = SUP_ONE_FOR_ONE, .intensity = 5, .period = 1000000,
	.services = services, .nservices = 1, .end_when_done = 1,
};
