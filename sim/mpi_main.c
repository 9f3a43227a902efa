/*
 * tessera-mpi: `mpirun -np K tessera-mpi run [run options]` runs one chip across K
 * ranks with the results of `tessera run` (sim/README.md, "MPI"). Only rank 0 writes
 * stdout, stderr and report files; the others' are /dev/null. Every rank exits with
 * rank 0's status. With TESSERA_MPI_RSS set, rank 0 prints each rank's peak resident
 * memory on stderr at the end (make bench-mpi).
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "engine.h"
#include "mpi_dist.h"
#include "run_setup.h"

static int usage(void)
{
	fprintf(stderr, "usage: mpirun -np K tessera-mpi run [tessera run options] PROGRAM.elf\n"
		"(tessera-mpi run --help lists the options)\n");
	return EXIT_BAD_INPUT;
}

/* TESSERA_MPI_RSS, on rank 0's stderr: "tessera-mpi: peak KiB per rank: R0 R1 ...",
   then per rank the windows exchanged and the time in their collectives. */
static void report_rss(const mpi_dist *d, int rank, int k)
{
	double mine_w[5] = {(double)d->windows, (double)d->big, (double)d->bytes, d->mpi_s,
			    (double)d->quiet_windows};
	double all_w[5 * 1024];
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	long mine = ru.ru_maxrss, all[1024];
	if (k > 1024)
		return;
	MPI_Gather(&mine, 1, MPI_LONG, all, 1, MPI_LONG, 0, MPI_COMM_WORLD);
	MPI_Gather(mine_w, 5, MPI_DOUBLE, all_w, 5, MPI_DOUBLE, 0, MPI_COMM_WORLD);
	if (rank != 0)
		return;
	fprintf(stderr, "tessera-mpi: peak KiB per rank:");
	for (int i = 0; i < k; i++)
		fprintf(stderr, " %ld", all[i]);
	fprintf(stderr, "\n");
	for (int i = 0; i < k; i++)
		fprintf(stderr, "tessera-mpi: rank %d: %.0f windows exchanged (%.0f over the slot), "
			"%.0f with nothing to exchange, %.1f MiB sent, %.2f s in the window "
			"exchange\n", i, all_w[5 * i], all_w[5 * i + 1], all_w[5 * i + 4],
			all_w[5 * i + 2] / 1048576, all_w[5 * i + 3]);
}

/* The run after the options: load, run, gather, report (on rank 0). */
static int run_mesh(run_opts *o, mpi_dist *d)
{
	int rc = 0;
	o->cfg.dist = &d->ds;
	mesh_t *m = run_load(o, &rc);
	/* Loading reads the same files with the same options everywhere, but only rank 0
	   opens the --disk and the output files: the ranks run only if all loaded. */
	int failed = !m, any = 0;
	MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
	if (any && m) {
		run_unload(m);
		m = NULL;
		if (!rc)
			rc = EXIT_BAD_INPUT;
		if (d->ds.rank == 0)
			fprintf(stderr, "tessera-mpi run: loading failed on another rank\n");
	}
	if (m) {
		engine_run(m);
		mpi_gather_tiles(m);
		if (d->ds.rank == 0) {
			rc = run_status(m);
			int wr = run_write_reports(o, m);
			if (wr)
				rc = wr;
		}
		m->exiting = true;   /* tile SRAM is left to the kernel (sim/mesh.h) */
	}
	MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
	if (getenv("TESSERA_MPI_RSS"))
		report_rss(d, d->ds.rank, d->ds.nranks);
	return run_finish(o, m, rc);
}

static int cli(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "run"))
		return usage();
	run_opts o = {0};
	int rc = run_parse_args(&o, "run", argc - 1, argv + 1, NULL);
	if (rc >= 0)
		return run_finish(&o, NULL, rc);
	char err[256];
	mpi_dist *d = mpi_dist_new(o.cfg.width, o.cfg.height, err, sizeof err);
	if (!d) {
		fprintf(stderr, "tessera-mpi run: %s\n", err);
		return run_finish(&o, NULL, EXIT_BAD_INPUT);
	}
	rc = run_mesh(&o, d);
	mpi_dist_free(d);
	return rc;
}

int main(int argc, char **argv)
{
	MPI_Init(&argc, &argv);
	int rank = 0;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	if (rank != 0 && (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)))
		MPI_Abort(MPI_COMM_WORLD, 125);
	int rc = cli(argc, argv);
	MPI_Finalize();
	return rc;
}
