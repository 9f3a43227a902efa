/*
 * Test: the name service is killed and restarted (the root tells it what runs); then a
 * service crashes, restarts, and its client reconnects through the new name service. */
#include "images.h"
#include "manifest.h"

OS_IMAGE_DEFINE(names);
OS_IMAGE_DEFINE(echo);
OS_IMAGE_DEFINE(echocli);

static const sup_spec services[] = {
	{ .name = "names", .img = &image_names, .restart = RESTART_PERMANENT,
	  .grants = GRANT_CONSOLE | GRANT_ALL },
	{ .name = "echo", .img = &image_echo, .restart = RESTART_PERMANENT,
	  .grants = GRANT_CONSOLE | GRANT_ALL | GRANT_SUPER },
	{ .img = &image_echocli, .restart = RESTART_TRANSIENT,
	  .grants = GRANT_CONSOLE | GRANT_NAMES | GRANT_SUPER, .arg = 60000 },
};

const os_manifest boot_manifest = {
	.title = "name service restart test",
	.strategy = SUP_ONE_FOR_ONE, .intensity = 5, .period = 1000000,
	.services = services, .nservices = 3, .reports = 1,
	.kill_name = "names", .kill_at = 30000,
};
