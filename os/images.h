/*
 * The code store seen from C: OS_IMAGE(name) is the os_image of program `name`, whose
 * bytes image.S put in this program's .rodata. Programs are linked at 0 with their entry
 * first (toolchain/tess.ld), so every image starts at pc 0.
 */
#ifndef OS_IMAGES_H
#define OS_IMAGES_H

#include "spawn.h"

#define OS_IMAGE_DECLARE(n) \
	extern const uint32_t img_start_##n[], img_end_##n[]
#define OS_IMAGE(n) \
	((os_image){ #n, img_start_##n, img_end_##n, 0 })

/* A named os_image object of the code store, for manifests. */
#define OS_IMAGE_DEFINE(n) \
	OS_IMAGE_DECLARE(n); \
	static const os_image image_##n = { #n, img_start_##n, img_end_##n, 0 }

#endif
