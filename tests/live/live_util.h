/* Helpers of the live tests: run a program and keep its output, remove a tree. */
#ifndef LIVE_UTIL_H
#define LIVE_UTIL_H

/*
 * Run argv (argv[0] searched in PATH) and collect its stdout and stderr
 * (malloc'ed, NUL-terminated).  Returns the exit status, or -1 when it
 * could not run or was killed.
 */
int live_run(const char *const *argv, char **out, char **err);
void live_rmtree(const char *path);

#endif
