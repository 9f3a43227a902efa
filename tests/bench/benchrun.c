/*
 * benchrun: run a command REPEAT times, print the best wall-clock time in seconds and
 * the peak resident memory of the child in KiB: "SECONDS MAXRSS_KIB". The command's
 * stdout goes to /dev/null, its stderr to the file given (or /dev/null).
 *
 * usage: benchrun REPEAT STDERR_FILE COMMAND [ARGS...]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int run_once(char **argv, const char *err_path, double *secs, long *rss_kib)
{
	double t0 = now_s();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int out = open("/dev/null", O_WRONLY);
		int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (out < 0 || err < 0)
			_exit(127);
		dup2(out, 1);
		dup2(err, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0)
		return -1;
	*secs = now_s() - t0;
	*rss_kib = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: benchrun REPEAT STDERR_FILE COMMAND [ARGS...]\n");
		return 2;
	}
	int repeat = atoi(argv[1]);
	double best = 1e30;
	long rss = 0;
	for (int i = 0; i < (repeat > 0 ? repeat : 1); i++) {
		double s;
		long r;
		int rc = run_once(argv + 3, argv[2], &s, &r);
		if (rc < 0 || rc == 127) {
			fprintf(stderr, "benchrun: cannot run %s\n", argv[3]);
			return 2;
		}
		if (s < best)
			best = s;
		if (r > rss)
			rss = r;
	}
	printf("%.4f %ld\n", best, rss);
	return 0;
}
