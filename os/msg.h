/*
 * Messages as the OS sees them: the record msg.recv writes (SPEC §4.3), the OS's tags,
 * the standard capability slots of a spawned program, and receive with a small
 * deferral queue so a program waiting for one reply does not lose other messages.
 */
#ifndef OS_MSG_H
#define OS_MSG_H

#include <stdint.h>

#include "sys.h"

enum {
#define OSTAG(name, value, doc) TAG_##name = value,
#include "ostags.def"
#undef OSTAG
#define TAG(name, value, doc) TAG_##name = value,
#include "tags.def"   /* isa/tags.def: control operations, devices, MSG_EXIT */
#undef TAG
};

/*
 * Capability slots of a program started by the OS (the root keeps SPEC §10's table).
 * The spawner grants only what the manifest asks for.
 */
#define OS_SLOT_CONSOLE  SLOT_CONSOLE     /* SEND to the console device              */
#define OS_SLOT_BLOCK    SLOT_BLOCK       /* SEND to the block store                 */
#define OS_SLOT_SUPER    SLOT_SUPERVISOR  /* SEND to the supervisor's tile           */
#define OS_SLOT_ALL      SLOT_ALL_TILES   /* SEND to every tile (servers that reply) */
#define OS_SLOT_CONTROL  SLOT_CONTROL     /* CONTROL over a delegated region         */
#define OS_SLOT_NAMES    9                /* SEND to the name service               */
#define OS_SLOT_SCRATCH  31               /* narrowed copies made before passing    */

typedef struct {
	uint32_t info;
	uint32_t src;
	uint32_t badge;
	uint32_t w[MSG_MAX_WORDS];
} os_msg;

#define MSG_TAG(info)     ((info) >> 8 & 255u)
#define MSG_LEN(info)     ((info) >> 16 & 31u)
#define MSG_CAPSLOT(info) ((info) >> 24 & 31u)
#define MSG_HASCAP(info)  (((info) & MSG_INFO_CAP) != 0)

/* EXIT notice payload (SPEC §6.2). */
enum { EXIT_W_TILE, EXIT_W_CAUSE, EXIT_W_PC, EXIT_W_VALUE, EXIT_W_CYC_LO, EXIT_W_CYC_HI };

/* Sends len words through slot; dest matters only for a range capability. */
int32_t os_send(uint32_t slot, uint32_t tag, const uint32_t *w, uint32_t len, uint32_t dest);

/* The next message, deferred ones first; blocks. */
void os_recv(os_msg *m);

/*
 * msg.wait that also sees the deferral queue: 1 at once when a deferred message is
 * there, else sleeps until the mailbox is non-empty (1) or `cycles` pass (0; 0 cycles:
 * forever). Use it, not msg_wait, before os_recv.
 */
uint32_t os_wait(uint32_t cycles);

/* The next message if there is one (1), else 0; never blocks. */
int os_poll(os_msg *m);

/*
 * The next message with this tag (and this source unless src is ~0u), others deferred;
 * waits at most `cycles` (0: forever). Returns 1 when one came, else 0.
 */
int os_recv_match(os_msg *m, uint32_t tag, uint32_t src, uint32_t cycles);

/*
 * Moves what is in the mailbox into the deferral queue while there is room, so that
 * the EXIT notices among it are acknowledged now. For long stretches of work in a
 * supervisor (printing, loading an image), which must not outlast ACK_GRACE.
 */
void os_drain(void);

/* Puts a received message back for a later os_recv; 0, or -1 when the queue is full. */
int os_defer(const os_msg *m);

/* Packs up to 8 characters of a name into two words. */
void os_name(const char *s, uint32_t out[2]);

#endif
