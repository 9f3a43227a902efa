/*
 * The supervision scenarios of tests/mesh/progs/super.c as stand-alone programs for
 * `tessera run`: the scenario number is compiled into `params` (-DSCENARIO=N) instead
 * of being written by the mesh tests' harness.
 */
#include "super.c"

volatile uint32_t params[16] = {SCENARIO};
