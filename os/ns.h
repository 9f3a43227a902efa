/*
 * Name service client: services are registered under names of up to 8 characters and
 * looked up by name; the answer carries a SEND capability to the service, put by the
 * hardware in the lowest empty slot of the asker's table.
 */
#ifndef OS_NS_H
#define OS_NS_H

#include <stdint.h>

#define NS_UNREGISTER 0xffffffffu   /* tile value that removes a name */

/* Registers name -> tile, through the capability in slot `via` to the name service
 * (dest: the name service's tile when `via` covers a range). */
void ns_register(uint32_t via, uint32_t dest, const char *name, uint32_t tile);

/*
 * Looks name up through OS_SLOT_NAMES, waiting up to `cycles` (the service answers once
 * the name is registered). Returns the slot of the capability received, or -1; *tile
 * receives the service's tile when not NULL.
 */
int32_t ns_lookup(const char *name, uint32_t cycles, uint32_t *tile);

#endif
