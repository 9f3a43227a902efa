/*
 * Test: a crash loop below a sub-supervisor trips its restart intensity; the failure
 * goes one level up to the root, which does not restart the (temporary) sub-supervisor.
 */
#include "images.h"
#include "manifest.h"

OS_IMAGE_DEFINE(subsup);

static const sup_spec services[] = {
	{ .name = "subsup", .img = &image_subsup, .restart = RESTART_TEMPORARY,
	  .grants = GRANT_CONSOLE, .region = 8, .arg = 1 },
};

const os_manifest boot_manifest = {
	.title = "crash loop test",
	.strategy = SUP_ONE_FOR_ONE, .intensity = 5, .period = 1000000,
	.services = services, .nservices = 1, .end_when_done = 1,
};
