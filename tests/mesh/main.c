/* Check runner of the mesh tests: prints "N passed, N failed" last. */
#include <stdio.h>
#include <stdlib.h>

#include "mt.h"

int main(void)
{
	SRunner *sr = srunner_create(suite_net());
	srunner_add_suite(sr, suite_progs());
	srunner_run_all(sr, CK_NORMAL);
	int run = srunner_ntests_run(sr), failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	printf("%d passed, %d failed\n", run - failed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
