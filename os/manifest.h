/*
 * The boot manifest built into a root image: which services the root starts, in order,
 * how it supervises them, and when the run is over. One manifest_*.c per configuration
 * (the demo, each OS test); each links with root.c into its own root image.
 */
#ifndef OS_MANIFEST_H
#define OS_MANIFEST_H

#include "sup.h"

typedef struct {
	const char *title;
	uint8_t strategy;
	uint32_t intensity;
	uint64_t period;
	const sup_spec *services;
	uint32_t nservices;
	uint32_t reports;        /* end after this many clients' final REPORTs (0: never)  */
	uint8_t end_when_done;   /* end when no child runs or waits for a restart          */
	const char *stats_from;  /* at the end, ask this service for its REPORT            */
	uint64_t stats_delay;    /* ... after this many idle cycles                       */
	const char *kill_name;   /* kill this child at kill_at cycles, then check its tiles */
	uint64_t kill_at;
} os_manifest;

extern const os_manifest boot_manifest;

#endif
