/*
 * The behavioural devices of the chip (rtl/tess_dev_console.sv, tess_dev_block.sv,
 * Verilated as tests/rtl/ctl/dev_top.sv) beside the RTL tiles of cosim --mesh: the
 * console at the west port of tile (0,0), the block store at the east port of tile
 * (W-1,0). Their host side (output, input, the disk) is sim/cosim/ctl_dev_host.cpp.
 * Per cycle: rtl_devs_in with what the tiles show toward them, then rtl_devs_out for what
 * they show toward the tiles, then rtl_devs_clock with the tiles' clock.
 */
#ifndef TESS_COSIM_RTL_DEVS_H
#define TESS_COSIM_RTL_DEVS_H

#include <stdint.h>

#include "rtl.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rtl_devs rtl_devs;

enum { RTL_DEV_CONSOLE, RTL_DEV_BLOCK, RTL_NDEVS };

rtl_devs *rtl_devs_new(unsigned mesh_w);
void rtl_devs_free(rtl_devs *d);
/* Cycle `now` (the chip cycle): the flit leaving toward device `dev` and the credits
 * (bit per vnet) its attachment router returns. */
void rtl_devs_in(rtl_devs *d, uint64_t now, int dev, const rtl_flit *req, unsigned credit);
/* After both devices' inputs: the reply flit device `dev` writes into its router. */
void rtl_devs_out(rtl_devs *d, int dev, rtl_flit *rep);
void rtl_devs_clock(rtl_devs *d);

#ifdef __cplusplus
}
#endif
#endif
