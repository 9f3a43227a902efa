/*
 * Devices on the mesh edge (isa/SPEC.md §9): they receive messages from the router
 * port they are attached to and reply through the same port on the data network.
 */
#ifndef TESS_DEVICES_H
#define TESS_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "noc.h"

struct mesh;

/* A request reached a device at cycle `at` (the device owns m from here). */
void con_arrive(net_t *n, msg_t *m, uint64_t at);
void blk_arrive(net_t *n, msg_t *m, uint64_t at);

/* --disk FILE: open (creating it with BLK_DEFAULT_SECTORS when missing). */
bool blk_open(struct mesh *m, const char *path, char *err, size_t errlen);
bool blk_busy(const net_t *n);
void blk_cycle(net_t *n, uint64_t s);
void blk_close(net_t *n);

/* Send a reply from device `dev` to endpoint dst, its flits written from cycle at. */
void dev_reply(net_t *n, int dev, uint32_t dst, uint8_t tag, const uint32_t *w,
	       unsigned len, uint64_t at);

#endif
