/*
 * Messages as the OS sees them: the OS's tags and capability slots, and receive with a
 * small deferral queue so a program waiting for one reply does not lose other messages.
 * The record (tess_msg), send and the spec's tags and slots are toolchain/tess.h's.
 */
#ifndef OS_MSG_H
#define OS_MSG_H

#include <stdint.h>

#include "tess.h"

enum {
#define OSTAG(name, value, doc) TAG_##name = value,
#include "ostags.def"
#undef OSTAG
};

/*
 * Capability slots of a program started by the OS beyond SPEC §10's table (isa/params.h
 * SLOT_*). The spawner grants only what the manifest asks for.
 */
#define OS_SLOT_NAMES    9                /* SEND to the name service               */
#define OS_SLOT_SCRATCH  31               /* narrowed copies made before passing    */

/* The next message, deferred ones first; blocks. */
void os_recv(tess_msg *m);

/*
 * msg.wait that also sees the deferral queue: 1 at once when a deferred message is
 * there, else sleeps until the mailbox is non-empty (1) or `cycles` pass (0; 0 cycles:
 * forever). Use it, not msg_wait, before os_recv.
 */
uint32_t os_wait(uint32_t cycles);

/* The next message if there is one (1), else 0; never blocks. */
int os_poll(tess_msg *m);

/*
 * The next message with this tag (and this source unless src is ~0u), others deferred;
 * waits at most `cycles` (0: forever). Returns 1 when one came, else 0.
 */
int os_recv_match(tess_msg *m, uint32_t tag, uint32_t src, uint32_t cycles);

/*
 * Moves what is in the mailbox into the deferral queue while there is room, so that
 * the EXIT notices among it are acknowledged now. For long stretches of work in a
 * supervisor (printing, loading an image), which must not outlast ACK_GRACE.
 */
void os_drain(void);

/* Puts a received message back for a later os_recv; 0, or -1 when the queue is full. */
int os_defer(const tess_msg *m);

/* Packs up to 8 characters of a name into two words. */
void os_name(const char *s, uint32_t out[2]);

#endif
