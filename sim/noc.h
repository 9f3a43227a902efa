/*
 * The on-chip network (isa/SPEC.md §8): routers with 5 ports and 2 virtual networks,
 * XY routing, wormhole switching, ROUTER_BUF_FLITS input buffers with credits,
 * round-robin arbitration; network interfaces (NI) between cores and routers.
 *
 * Timing, per router traversal (HOP_LATENCY = 2): a flit that arrives in an input
 * buffer at cycle a may cross the switch at a+1 and is in the next buffer at a+2. A flit
 * written into the NI at w may enter the local input buffer at w + NI_LATENCY. A
 * message is delivered EJECT_LATENCY after its tail has crossed the switch into the local
 * (or device) port. Credits: a buffer slot emptied at cycle s is seen free upstream from
 * s+1, whatever order the routers are computed in (see inbuf_seen), so the result does
 * not depend on the order of the active-router list.
 *
 * Host threads: routers belong to the parts of the mesh (mesh_part). While only tiles
 * talk (no message for a device, a control unit or the control network in flight), each
 * part's thread steps all its routers through the whole window (noc_window): a flit or
 * a freed slot crossing into another part is staged and applied by that part at the
 * start of the next cycle, which is when the one-thread order would make it visible
 * (a flit pushed at s is not eligible before s+2; a slot freed at s is seen from s+1),
 * and the parts meet once a cycle; each thread then goes on with its part's core phase
 * in the same round. Otherwise, cycle by cycle, an inner router (its four
 * neighbours in its part, no device port) touches only its part, so the parts compute
 * theirs at once; edge routers follow on one thread (noc_cycle, sim/README.md).
 */
#ifndef TESS_NOC_H
#define TESS_NOC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "caps.h"
#include "control.h"
#include "mailbox.h"
#include "mesh.h"
#include "msg.h"
#include "outq.h"
#include "workers.h"

enum { PORT_LOCAL, PORT_N, PORT_E, PORT_S, PORT_W, NPORTS };
enum { VNET_DATA, VNET_CTL, NVNETS };
enum { DEV_NONE = -1, DEVI_CONSOLE = 0, DEVI_BLOCK = 1, NDEVS };

typedef struct {
	msg_t *m;
	uint64_t t;               /* arrival (router buffer) or write cycle (NI) */
	uint16_t idx;             /* flit number in its message */
	bool tail;                /* the last one: its holder owns the message */
} flit_t;

/* A growable FIFO of flits (NI queues may exceed NI_BUF_FLITS for halt traffic). */
typedef struct {
	flit_t *v;
	uint32_t cap, head, n;
} flitq;

/* One virtual network of a network interface. */
typedef struct {
	flitq q;                  /* written, not yet in the router */
	uint64_t *dep;            /* departure cycles not yet seen by the core (ring) */
	uint32_t dcap, dhead, dn;
	uint64_t last_write;      /* cycle the last flit was written (+1: next free) */
} ni_vnet;

typedef struct {
	flit_t f[ROUTER_BUF_FLITS];
	uint8_t head, n, left_n;
	int8_t out;               /* output port of the packet passing through, -1 */
	uint64_t left_cycle;      /* cycle of the last departures (left_n of them) */
} inbuf;

typedef struct {
	uint64_t flits;           /* flits sent through this output port */
	uint64_t stall_credit;    /* cycles a ready flit waited for a credit / mailbox slot */
	uint64_t stall_arb;       /* cycles a ready head lost arbitration or found it busy */
} port_stats;

/* What a router step reads first comes first (one cache line); the buffers follow. */
typedef struct router {
	uint32_t id;
	uint16_t x, y;
	bool active;
	bool edge;                /* a neighbour in another part, or a device: serial step */
	uint8_t xport;            /* bit per port: the neighbour is in another part */
	bool ni_hint;             /* false: its tile's NI is empty (noc_ni_written) */
	uint16_t occ;             /* bit port * NVNETS + vnet: that input buffer holds flits */
	uint32_t nflits;          /* flits in input buffers */
	struct tile_net *tn;      /* the tile's network side, once the tile exists */
	int8_t owner[NPORTS][NVNETS];   /* input holding the output (wormhole), -1 */
	uint8_t rr[NPORTS][NVNETS];     /* last arbitration winner */
	uint8_t xcredit[NPORTS][NVNETS];  /* window mode: free slots seen downstream (xport) */
	inbuf in[NPORTS][NVNETS];
	port_stats ps[NPORTS];
} router_t;

/* Network side of one tile (SPEC §2). */
struct tile_net {
	cap_table caps;
	mailbox mb;
	ctl_unit cu;
	ni_vnet ni[NVNETS];
	bool ni_listed;           /* the router looks at this NI (or will next window) */
	bool waiting;             /* in msg.wait: wait_until holds its deadline */
	bool starting;            /* restarted while halting: WAITING until its start cycle */
	bool dirty;               /* halted: SRAM and budgets are cleared before next use */
	uint8_t block_vnet;       /* blocked in msg.send: NI vnet and flits needed */
	uint8_t block_need;
	uint64_t wait_until;
	uint64_t rx_until;        /* halted: takes messages as running until this cycle (its
	                             halt + LOOKAHEAD, SPEC §6.2), then the mailbox is
	                             cleared (net.c); operations before it are refused */
	bool mb_stale;            /* the mailbox still holds what came before the halt */
};

/* A timed event for control units and devices: (time, target, seq) orders them. */
typedef struct {
	uint64_t time;
	uint32_t target;          /* tile id, or DEV_BASE + device */
	uint32_t seq;
	msg_t *m;
} net_event;

struct blockstore;

/* Messages delivered, and their latencies. */
typedef struct {
	uint64_t msgs, lat_sum, lat_max;
} net_tally;

/* Window mode (noc_window): a flit or a credit crossing into another part, applied by
   that part's thread at the start of the next cycle. */
typedef struct {
	uint32_t id;              /* the router it is for */
	uint8_t port, vnet;
	bool credit;              /* a slot freed (else the flit f arrives) */
	flit_t f;
} noc_xfer;

typedef struct {
	noc_xfer *v;
	uint32_t n, cap;
} noc_xfer_list;

/*
 * The network of one host thread's part of the mesh (mesh_part). Its inner routers (all
 * four neighbours in the part, no device port) run on the part's thread; what their
 * deliveries would add to shared state waits here for the serial step of the cycle.
 */
typedef struct {
	/* window mode: the cycles its routers have finished (the next cycle it routes),
	   raised by its thread and awaited by its neighbours', on a line of its own */
	_Alignas(64) workers_count routed;
	_Alignas(64) part_list act; /* active inner routers */
	part_list edge;           /* active edge routers (router_t.edge) */
	uint32_t edge_began;      /* edge.n when the cycle began: those compute it */
	part_list inject;         /* tiles whose NI got flits in the core phase */
	net_event *ev;            /* control-unit events of inner deliveries */
	uint32_t nev, ev_cap;
	out_buf trace;            /* message-trace lines of inner deliveries */
	net_tally tally;
	int64_t special;          /* sent less delivered, counted by this thread (noc_count_sent) */
	noc_xfer_list *xout[2];   /* window mode: [cycle parity][part] what crosses to it */
	part_list nbr;            /* the parts with a router next to one of this part's */
} noc_part;                   /* (aligned to lines: no two parts share one) */

typedef struct net {
	struct mesh *mesh;
	uint32_t w, h;
	router_t **routers;       /* per tile, allocated when a flit first reaches it */
	noc_part *parts;          /* mesh->nparts of them */
	bool inner_step;          /* the parts' inner routers are being computed */
	bool window;              /* window mode: each part steps all its routers (noc_window) */
	bool xcredit_ok;          /* the routers' xcredit hold (window mode last ran) */
	uint64_t win_from, win_to;
	void (*win_then)(void *ctx, int k);   /* noc_window: each part's next step */
	void *win_ctx;
	uint32_t *xids, nxids, xids_cap;   /* routers with a neighbour in another part */
	uint64_t cycle;           /* the cycle noc_cycle computes */
	struct workers *workers;  /* host threads for the inner routers, or NULL */
	ni_vnet dev_ni[NDEVS];    /* replies of the devices, waiting to enter the mesh */
	net_event *ev;            /* min-heap */
	uint32_t nev, ev_cap, ev_seq;
	uint32_t *cu_wait;        /* tiles whose control unit holds waiting operations */
	uint32_t ncu_wait, cu_wait_cap;
	struct blockstore *blk;
	net_tally tally;
} net_t;

/* NI queues (sim/noc.c) */
void flitq_push(flitq *q, flit_t f);
static inline flit_t *flitq_front(flitq *q) { return q->n ? &q->v[q->head] : NULL; }
void flitq_pop(flitq *q);
void flitq_free(flitq *q);
/* Free the messages whose tail flit is in q (end of run). */
void flitq_free_msgs(flitq *q);
/* Write a message's flits into an NI vnet from cycle `from` on, one per cycle. */
void ni_write(ni_vnet *nv, msg_t *m, uint64_t from);
/* After ni_write into tile id's NI: its router looks at the NI again (a router step
   reads the NI only while this hint is set: the NI is another cache line). */
void noc_ni_written(net_t *n, uint32_t id);
/* Flits occupying the NI vnet at cycle c (core side); drops departures seen. */
uint32_t ni_occupancy(ni_vnet *nv, uint64_t c);
/* First cycle >= c at which at least `need` flits are free; UINT64_MAX if unknown. */
uint64_t ni_space_at(const ni_vnet *nv, uint64_t c, uint32_t need);
void ni_free(ni_vnet *nv);

/* Routers (sim/noc.c) */
bool noc_init(net_t *n);
void noc_free(net_t *n);
/* One cycle of every active router: the parts' inner routers (on n->workers when set
   and worth it), then the edge routers, then what the inner ones left for later. */
void noc_cycle(net_t *n, uint64_t s);
/* Cycles [from, to) of the whole network with each part's thread stepping all its
   routers, meeting the others once a cycle, then calling then(ctx, k) (if not NULL);
   only for traffic between tiles (see net_begin: no device, control-unit or
   control-network message anywhere). */
void noc_window(net_t *n, uint64_t from, uint64_t to, void (*then)(void *ctx, int k),
		void *ctx);
/* Window chains (sim/net.h, net_chain_begin): noc_window is noc_chain_begin, a round of
   noc_part_window on each part's thread, noc_chain_end. */
void noc_chain_begin(net_t *n, uint64_t from, uint64_t end);
bool noc_part_window(net_t *n, uint32_t k, uint64_t from, uint64_t to, bool fresh);
bool noc_part_pending(const net_t *n, uint32_t k, uint64_t s);
void noc_chain_end(net_t *n, uint64_t end);
/* Between windows, after the parts' boundaries moved (mesh_part): every router's
   border ports and list follow its tile's new part. */
void noc_parts_moved(net_t *n);
/* Whether noc_window may run: threads, two parts with routers (or injected tiles,
   whose routers each part's thread activates as its window begins), no device NI busy. */
bool noc_window_ready(const net_t *n);
/* After a tile wrote m into its NI: a message for a device, a control unit or the
   control network is counted until its delivery (it keeps noc_window off). */
void noc_count_sent(net_t *n, msg_t *m);
int64_t noc_special(const net_t *n);
bool noc_busy(const net_t *n);
/* A tile's NI got flits: listed under the tile's part (only that part's thread runs it
   in a parallel phase). */
void noc_tile_injected(net_t *n, uint32_t tile);
/* Move the tiles injected during the core phase onto the active lists (window mode:
   each part's own, in noc_window). */
void noc_take_injections(net_t *n);
void noc_router_activate(net_t *n, uint32_t id);
void noc_stats_json(const net_t *n, FILE *f);
void noc_stats_print(const struct mesh *m, FILE *f);
/* Hops (Manhattan distance) from a tile to an endpoint (tile or device). */
uint32_t noc_hops(const net_t *n, uint32_t from, uint32_t to);

/* Delivery at the end of the path (sim/net.c): the tail crossed into port `port`. */
void net_deliver(net_t *n, router_t *r, msg_t *m, uint64_t at);
/* Can the head of m enter the local port of tile r at cycle s (a mailbox slot)? */
bool net_eject_ok(net_t *n, router_t *r, msg_t *m, uint64_t s);

/* Events (sim/net.c) */
void net_event_push(net_t *n, uint64_t time, uint32_t target, msg_t *m);

/* A message of tile t into its NI's vnet v from cycle `at` (sim/net.c): written
   (ni_write), its router told (noc_ni_written), counted, and the NI listed for the next
   network phase. Not in noc.c: the cosim wraps ni_write, which only a call from another
   object file reaches. */
void net_ni_send(tile_t *t, int v, msg_t *m, uint64_t at);


#endif
