/* tessera run: the command line and placing programs (sim/run_setup.c), the run, reports. */
#include <stdio.h>

#include "commands.h"
#include "engine.h"
#include "run_setup.h"

int cli_run(int argc, char **argv)
{
	run_opts o = {0};
	int rc = run_parse_args(&o, "run", argc, argv, NULL);
	if (rc >= 0)
		return run_finish(&o, NULL, rc);
	mesh_t *m = run_load(&o, &rc);
	if (m) {
		engine_run(m);
		rc = run_status(m);
		int wr = run_write_reports(&o, m);
		if (wr)
			rc = wr;
		m->exiting = true;
	}
	return run_finish(&o, m, rc);
}
