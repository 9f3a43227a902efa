/*
 * Tessera machine parameters: every size, limit and latency the spec fixes.
 * Shared by the simulator, the RTL generator, the runtime library and the OS, so it is
 * plain preprocessor constants (includable from C on the host and on the chip).
 * isa/SPEC.md explains each; change a number here and there together.
 */
#ifndef TESS_PARAMS_H
#define TESS_PARAMS_H

/* Mesh */
#define MESH_MAX_DIM          1024        /* W and H are 1..1024                      */

/* Tile memory (SPEC §2.2) */
#define MEM_DEFAULT           (64u << 10) /* SRAM bytes unless --mem says otherwise    */
#define MEM_MIN               (4u << 10)
#define MEM_MAX               (1u << 20)

/* Timing (SPEC §5): added to the base costs in isa/timing.def */
#define LOAD_USE_STALL        1           /* consumer of a load's rd, next instruction */
#define BRANCH_TAKEN_PENALTY  2
#define JUMP_PENALTY          2
#define SEND_CAP_WORDS        3           /* extra words (cycles, flits) to pass a cap */

/* Capabilities (SPEC §4.2) */
#define CAP_SLOTS             32
#define CAP_KIND_EMPTY        0
#define CAP_KIND_SEND         1
#define CAP_KIND_CONTROL      2

/* Messages (SPEC §4.3) */
#define MSG_MAX_WORDS         16          /* payload words                             */
#define MSG_RECORD_HDR_WORDS  3           /* info, source, badge before the payload    */
#define MSG_INFO_VALID        (1u << 31)
#define MSG_INFO_CONTROL      (1u << 30)
#define MSG_INFO_CAP          (1u << 29)
#define SEND_DESC(slot, tag, len) \
	(((unsigned)(slot) & 31u) | (((unsigned)(tag) & 255u) << 8) | \
	 (((unsigned)(len) & 31u) << 16))
#define SEND_DESC_PASS(pslot) ((1u << 21) | (((unsigned)(pslot) & 31u) << 24))

/* Preloaded capability slots (SPEC §10) */
#define SLOT_CONSOLE          0
#define SLOT_BLOCK            1
#define SLOT_NORTH            2
#define SLOT_EAST             3
#define SLOT_SOUTH            4
#define SLOT_WEST             5
#define SLOT_SUPERVISOR       6
#define SLOT_ALL_TILES        7
#define SLOT_CONTROL          8

/* Control and supervision (SPEC §6) */
#define CTL_APPLY_CYCLES      1
#define ACK_GRACE             10000
#define EXIT_NOTICE_WORDS     6

/* Network (SPEC §8) */
#define HOP_LATENCY           2
#define NI_LATENCY            4
#define EJECT_LATENCY         1
#define LOOKAHEAD             NI_LATENCY
#define ROUTER_BUF_FLITS      4
#define NI_BUF_FLITS          32
#define MAILBOX_MSGS          8
#define MSG_HDR_FLITS         3           /* route, header, badge                      */
/*
 * The route flit (a message's first, SPEC §8.2) as the RTL carries it: the destination
 * router's coordinates packed as tess.txy packs a tile's (row << ROUTE_ROW_LSB | column),
 * ROUTE_COORD_BITS each (MESH_MAX_DIM a side), the control network's bit, and the
 * endpoint's kind: the tile, or the console or block store attached to that router.
 * The C model keeps a message whole and needs none of it; the RTL's modules and
 * co-simulation's checks of them take it from here (rtl/tess_isa_pkg.sv: route_flit,
 * route_row, route_col, route_kind).
 */
#define ROUTE_ROW_LSB         16
#define ROUTE_COORD_BITS      10
#define ROUTE_CTL_BIT         29
#define ROUTE_KIND_LSB        30
#define ROUTE_KIND_TILE       0
#define ROUTE_KIND_CONSOLE    1
#define ROUTE_KIND_BLOCK      2

/* Semihosting (SPEC §11): the a7 numbers of the ecalls, as on Linux */
#define SEMIHOST_READ         63
#define SEMIHOST_WRITE        64
#define SEMIHOST_EXIT         93
#define SEMIHOST_EXIT_GROUP   94

/* Devices (SPEC §9) */
#define DEV_BASE              0xFFFF0000u
#define DEV_CONSOLE           0xFFFF0000u
#define DEV_BLOCK             0xFFFF0001u
#define BLK_SECTOR_BYTES      32
#define BLK_CHANNELS          4
#define BLK_LATENCY           200
#define BLK_WORD_CYCLES       2
#define BLK_DEFAULT_SECTORS   2048        /* size of a --disk file created by the run */

#endif
