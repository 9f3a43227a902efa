/*
 * Test: the store service, built twice (os/module.mk): STORE_RUN 1 writes, crashes
 * mid-write, restarts and reads; STORE_RUN 2 reads again in a second run on the same
 * disk (storecli.c's argument).
 */
#include "images.h"
#include "manifest.h"

#ifndef STORE_RUN
#error "build with -DSTORE_RUN=1 or 2"
#endif

OS_IMAGE_DEFINE(names);
OS_IMAGE_DEFINE(store);
OS_IMAGE_DEFINE(storecli);

static const sup_spec services[] = {
	{ .name = "names", .img = &image_names, .restart = RESTART_PERMANENT,
	  .grants = GRANT_CONSOLE | GRANT_ALL },
	{ .name = "store", .img = &image_store, .restart = RESTART_PERMANENT,
	  .grants = GRANT_CONSOLE | GRANT_ALL | GRANT_BLOCK },
	{ .img = &image_storecli, .restart = RESTART_TRANSIENT,
	  .grants = GRANT_CONSOLE | GRANT_NAMES | GRANT_SUPER, .arg = STORE_RUN },
};

const os_manifest boot_manifest = {
	.title = "store test",
	.strategy = SUP_ONE_FOR_ONE, .intensity = 5, .period = 1000000,
	.services = services, .nservices = 3, .reports = 1,
};
