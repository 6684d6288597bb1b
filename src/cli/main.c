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
    fprintf(out,
            "\nselecting a system (every verb that reads one):\n"
            "  CONFIG           a .dtb, .dts/.dtsi/.dtso (dom0less or x86 hyperlaunch) or an\n"
            "                   ImageBuilder .cfg; it carries its own platform\n"
            "  --system SPEC    an inline system, SPEC := DOMAIN(;DOMAIN)*\n"
            "                     DOMAIN := NAME[:CAP(,CAP)*][@TYPE][>TARGET]\n"
            "                     CAP    := control | hardware | xenstore | device_model |\n"
            "                               not_hypercall_target\n"
            "                     TYPE   := pv | hvm | pvh  (x86 only; an x86 domain without\n"
            "                               one is pv, as Xen's dom0 and xl default to)\n"
            "                     NAME   := [A-Za-z0-9_-]+\n"
            "                   >TARGET makes the domain TARGET's device model or stub domain,\n"
            "                   as XEN_DOMCTL_set_target would; domain ids are 0, 1, 2, ... in\n"
            "                   order; on Arm the domains are dom0less domains (is_console).\n"
            "                   e.g. dom0:hardware,xenstore;guest;dm>guest;ctl:control\n"
            "  (neither)        the embedded default, %s, on arm64\n"
            "platform:\n"
            "  --arch A         arm64 (default), arm32 or x86_64: the platform of --system or\n"
            "                   the default\n"
            "  --kconfig FILE   the .config Xen was built with (default: the architecture's\n"
            "                   defconfig at the reference snapshot)\n"
            "\nprofiles: upstream, hwpriv (default), hwpriv-dm, hwpriv-v2\n"
            "exit status: 0 ok/allow, 1 deny or findings, 2 bad input\n", XSMC_BUILTIN_SPEC);
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
