/*
 * The request-server demo (make run): 4 clients x 250 requests, a seeded 10% of them
 * runaway, through one dispatcher that owns 48 worker tiles of an 8x8 chip.
 */
#include "images.h"
#include "manifest.h"

OS_IMAGE_DEFINE(names);
OS_IMAGE_DEFINE(dispatch);
OS_IMAGE_DEFINE(client);

#ifndef DEMO_CLIENTS
#define DEMO_CLIENTS 4
#endif
#ifndef DEMO_REQUESTS
#define DEMO_REQUESTS 250
#endif
#ifndef DEMO_RUNAWAY_PCT
#define DEMO_RUNAWAY_PCT 10
#endif

static const sup_spec services[] = {
	{ .name = "names", .img = &image_names, .restart = RESTART_PERMANENT,
	  .grants = GRANT_CONSOLE | GRANT_ALL },
	{ .name = "dispatch", .img = &image_dispatch, .restart = RESTART_PERMANENT,
	  .grants = GRANT_CONSOLE | GRANT_ALL | GRANT_SUPER | GRANT_NAMES, .region = 48 },
	{ .img = &image_client, .restart = RESTART_TRANSIENT,
	  .grants = GRANT_CONSOLE | GRANT_NAMES | GRANT_SUPER,
	  .arg = DEMO_RUNAWAY_PCT << 24 | DEMO_REQUESTS << 8, .count = DEMO_CLIENTS },
};

const os_manifest boot_manifest = {
	.title = "request server demo",
	.strategy = SUP_ONE_FOR_ONE, .intensity = 5, .period = 1000000,
	.services = services, .nservices = 3,
	.reports = DEMO_CLIENTS, .stats_from = "dispatch", .stats_delay = 150000,
};
