/* Test: the store service, first run: write, crash mid-write, restart, read  (storecli.c, arg 1). */
#include "images.h"
#include "manifest.h"

OS_IMAGE_DEFINE(names);
OS_IMAGE_DEFINE(store);
OS_IMAGE_DEFINE(storecli);

static const sup_spec services[] = {
	{ .name = "names", .img = &image_names, .restart = RESTART_PERMANENT,
	  .grants = GRANT_CONSOLE | GRANT_ALL },
	{ .name = "store", .img = &image_store, .restart = RESTART_PERMANENT,
	  .grants = GRANT_CONSOLE | GRANT_ALL | GRANT_BLOCK },
	{ .img = &image_storecli, .restart = RESTART_TRANSIENT,
	  .grants = GRANT_CONSOLE | GRANT_NAMES | GRANT_SUPER, .arg = 1 },
};

const os_manifest boot_manifest = {
	.title = "store test",
	.strategy = SUP_ONE_FOR_ONE, .intensity = 5, .period = 1000000,
	.services = services, .nservices = 3, .reports = 1,
};
