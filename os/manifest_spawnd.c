/* Test: the spawn service, used by a client that holds no CONTROL capability. */
#include "images.h"
#include "manifest.h"

OS_IMAGE_DEFINE(names);
OS_IMAGE_DEFINE(spawnd);
OS_IMAGE_DEFINE(spawncli);

static const sup_spec services[] = {
	{ .name = "names", .img = &image_names, .restart = RESTART_PERMANENT,
	  .grants = GRANT_CONSOLE | GRANT_ALL },
	{ .name = "spawn", .img = &image_spawnd, .restart = RESTART_PERMANENT,
	  .grants = GRANT_CONSOLE | GRANT_ALL, .region = 8 },
	{ .img = &image_spawncli, .restart = RESTART_TRANSIENT,
	  .grants = GRANT_CONSOLE | GRANT_NAMES | GRANT_SUPER },
};

const os_manifest boot_manifest = {
	.title = "spawn service test",
	.strategy = SUP_ONE_FOR_ONE, .intensity = 5, .period = 1000000,
	.services = services, .nservices = 3, .reports = 1,
};
