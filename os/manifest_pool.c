/* Test: the dynamic pool one level below the root (subsup.c, arg 5). */
#include "images.h"
#include "manifest.h"

OS_IMAGE_DEFINE(subsup);

static const sup_spec services[] = {
	{ .name = "subsup", .img = &image_subsup, .restart = RESTART_TEMPORARY,
	  .grants = GRANT_CONSOLE | GRANT_ALL, .region = 8, .arg = 5 },
};

const os_manifest boot_manifest = {
	.title = "pool test",
	.strategy = SUP_ONE_FOR_ONE, .intensity = 5, .period = 1000000,
	.services = services, .nservices = 1, .end_when_done = 1,
};
