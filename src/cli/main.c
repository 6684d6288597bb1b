/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap: dispatch to one verb per file (src/cli/cmd_*.c). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "xsmcap/suggest.h"

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
#define NVERBS (sizeof(verbs) / sizeof(verbs[0]))

static int usage(FILE *out)
{
    fprintf(out, "usage: xsmcap VERB [options]   (xsmcap VERB --help for each)\n"
                 "       xsmcap --version\n\n"
                 "Xen's default XSM policy and the XSM_HW_PRIV proposals, away from the "
                 "hypervisor.\n\nverbs:\n");
    for (size_t i = 0; i < NVERBS; i++)
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
            "what the command line adds to a system:\n"
            "  --iommu yes|no   whether the platform has an enabled IOMMU, where the\n"
            "                   configuration cannot tell\n"
            "  --intremap yes|no  whether that IOMMU remaps interrupts (the Flask labels,\n"
            "                   the passthrough lints)\n"
            "  --target DM=GUEST  DM becomes GUEST's device model (XEN_DOMCTL_set_target),\n"
            "                   as a xen,domain node's xsmcap,target does; repeatable\n"
            "policy:\n"
            "  --profile P      the policy version (below)\n"
            "  --silo           apply the profile's SILO module, as xsm=silo does\n"
            "  --verbose-debug  decide a bare hook as a Xen built with CONFIG_VERBOSE_DEBUG\n"
            "                   (console writes); an operation reads it from the .config\n"
            "output, every verb:\n"
            "  --format F       text (the default) or another form the verb's --help names\n"
            "  --quiet          only errors on stderr: no warnings (dtc's included), notes or\n"
            "                   undecided facts; standard output is unchanged\n"
            "  --color WHEN     auto (the default), always or never: colour the severity of\n"
            "                   diagnostics and allow/deny; auto colours a terminal unless\n"
            "                   NO_COLOR is set and not empty (https://no-color.org)\n"
            "  --help           the verb's usage and options\n"
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
        cli_error(NULL, "standard output: %s",
                  flush_failed ? strerror(err) : "a write failed, the output is incomplete");
        return 2;
    }
    return status;
}

static const char *verb_at(size_t i, const void *ctx)
{
    (void)ctx;
    return verbs[i].name;
}

static int run(int argc, char **argv)
{
    const char *near[XSMC_SUGGEST_MAX];
    char hint[128];
    cli_term_scan(argc, argv);
    if (argc < 2)
        return usage(stderr);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0)
        return usage(stdout);
    if (strcmp(argv[1], "--version") == 0) {
        printf("xsmcap %s\n", XSMCAP_VERSION);
        return 0;
    }
    /* the options a verb's parser really takes, for the test that holds --help to them */
    if (strcmp(argv[1], "--list-options") == 0 && argc == 3) {
        cli_list_options_mode();
        argv++;
        argc--;
    }
    for (size_t i = 0; i < NVERBS; i++)
        if (strcmp(argv[1], verbs[i].name) == 0)
            return verbs[i].run(argc - 1, argv + 1);
    size_t n = xsmc_suggest(argv[1], NVERBS, verb_at, NULL, near);
    return cli_error(NULL, "unknown verb '%s'%s (xsmcap --help lists them)", argv[1],
                     cli_hint(near, n, hint, sizeof(hint)));
}

int main(int argc, char **argv)
{
    /* a reader that went away is a write error (EPIPE) to report, not a signal to die of */
    signal(SIGPIPE, SIG_IGN);
    return finish(run(argc, argv));
}
