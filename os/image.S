/*
 * One program image of the code store, kept as ready-made CTL_LOAD payloads so that
 * spawning sends straight from here with no copying: records of 16 words, [address,
 * 15 words of the image]. The image is the loadable bytes of IMG's ELF (objcopy -O
 * binary, from address 0), padded to a multiple of 60 bytes. Built with -DIMG=name
 * -DBIN="path/name.bin" -DSIZE=its size; images.h gives C its os_image.
 */
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
	.section .rodata.img, "a"
	.balign 4
	.globl CAT(img_start_, IMG)
	.globl CAT(img_end_, IMG)
CAT(img_start_, IMG):
	.set	off, 0
	.rept	SIZE / 60
	.word	off
	.incbin	BIN, off, 60
	.set	off, off + 60
	.endr
CAT(img_end_, IMG):
