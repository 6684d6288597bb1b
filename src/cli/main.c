/* xsmcap: dispatch to one verb per file (src/cli/cmd_*.c). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define VERB(name, summary) int cmd_##name(int argc, char **argv);
#define VERB_NAMED(func, name, summary) int cmd_##func(int argc, char **argv);
#include "verbs.def"
#undef VERB
#undef VERB_NAMED

struct verb {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
};

static const struct verb verbs[] = {
#define VERB(name, summary) {#name, summary, cmd_##name},
#define VERB_NAMED(func, name, summary) {name, summary, cmd_##func},
#include "verbs.def"
#undef VERB
#undef VERB_NAMED
};

static int usage(FILE *out)
{
    fprintf(out, "usage: xsmcap VERB [options]   (xsmcap VERB --help for each)\n\n"
                 "Xen's default XSM policy and the XSM_HW_PRIV proposals, away from the "
                 "hypervisor.\n\nverbs:\n");
    for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
        fprintf(out, "  %-10s %s\n", verbs[i].name, verbs[i].summary);
    fprintf(out, "\nprofiles: upstream, hwpriv (default), hwpriv-dm, hwpriv-v2\n"
                 "exit status: 0 ok/allow, 1 deny or findings, 2 bad input\n");
    return out == stdout ? 0 : 2;
}

/*
 * stdout is buffered, so a failed write (a full disk, a closed pipe) may
 * only show when the buffer is flushed at exit.  Flush here and check the
 * stream's error flag, which also records a failure of any earlier write:
 * output that did not arrive is bad output, exit 2 with one line.
 */
static int finish(int status)
{
    int flush_failed = fflush(stdout) != 0;
    int err = errno;
    if (flush_failed || ferror(stdout)) {
        fprintf(stderr, "xsmcap: error: standard output: %s\n",
                flush_failed ? strerror(err) : "a write failed, the output is incomplete");
        return 2;
    }
    return status;
}

static int run(int argc, char **argv)
{
    if (argc < 2)
        return usage(stderr);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0)
        return usage(stdout);
    if (strcmp(argv[1], "--version") == 0) {
        printf("xsmcap %s\n", XSMCAP_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
        if (strcmp(argv[1], verbs[i].name) == 0)
            return verbs[i].run(argc - 1, argv + 1);
    fprintf(stderr, "xsmcap: error: unknown verb '%s' (xsmcap --help lists them)\n", argv[1]);
    return 2;
}

int main(int argc, char **argv)
{
    /* a reader that went away is a write error (EPIPE) to report, not a signal to die of */
    signal(SIGPIPE, SIG_IGN);
    return finish(run(argc, argv));
}
