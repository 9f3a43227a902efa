/*
 * The host side of the behavioural devices (rtl/tess_dev_console.sv, tess_dev_block.sv):
 * the DPI-C functions they call, backed by what the harness gives here: console input
 * bytes, an output callback (cycle, source tile, bytes: the harness orders and prints
 * them as the C model's console does), and the block store's sectors (a copy of the
 * --disk image, so that the RTL and the C model do not write one file).
 */
#ifndef TESS_CTL_DEV_HOST_H
#define TESS_CTL_DEV_HOST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*dev_host_out_fn)(void *ctx, uint64_t cycle, uint32_t src, const char *b,
				uint32_t n);
void dev_host_on_output(dev_host_out_fn fn, void *ctx);
/* Console input (CON_READ): the bytes, consumed in order; then end of input. */
void dev_host_set_input(const char *b, size_t n);
/* Disk: a copy of `bytes` (whole 32-byte sectors); the image after the run. */
int dev_host_set_disk(const uint8_t *img, size_t bytes);
const uint8_t *dev_host_disk(size_t *bytes);

#ifdef __cplusplus
}
#endif
#endif
