/* Runs every unit-test suite; ends with the "N passed, N failed" line make test reads. */
#include <stdio.h>
#include <stdlib.h>

#include "ut.h"

int main(void)
{
	Suite *(*suites[])(void) = {suite_encode, suite_alu, suite_mem, suite_ctrl, suite_xtess,
				    suite_fault, suite_semihost, suite_elf, suite_balance,
				    suite_sched, suite_part_model, suite_workers,
				    suite_runs};
	SRunner *sr = srunner_create(NULL);
	for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	int run = srunner_ntests_run(sr), failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	printf("%d passed, %d failed\n", run - failed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
