/* The network alone: seeded traffic injected straight into network interfaces. */
#include "mt.h"

Suite *suite_net(void)
{
	Suite *s = suite_create("net");
	return s;
}
