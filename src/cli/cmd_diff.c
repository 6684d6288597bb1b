/* xsmcap diff: the decisions that change between two profiles or two systems. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_analysis.h"

static const char help[] =
    "usage: xsmcap diff [CONFIG | --system SPEC] --from P1 --to P2 [--silo]\n"
    "       xsmcap diff CONFIG1 CONFIG2 [--profile P] [--silo]\n"
    "       xsmcap diff --system SPEC1 --to-system SPEC2 [--profile P] [--silo]\n"
    "                   [--format text|json]\n\n"
    "Only the decisions that change, grouped by source domain and operation,\n"
    "with counts, after one plain sentence per domain that changed.  Two systems\n"
    "are matched by domain name; a domain in one of them only is listed; two\n"
    "systems of different architectures are compared on the operations both\n"
    "have.  The\n"
    "system is validated under P2 (or P); a capability the other profile does\n"
    "not define is denied there, as Xen would refuse it.\n\n"
    "Exit 0 when nothing changes, 1 when something does (as diff(1)), 2 on bad input.\n";

enum { OPT_FROM = OPT_VERB_FIRST, OPT_TO, OPT_TO_SYSTEM };

struct sides {
    struct xsmc_system *sys[2];
    struct xsmc_matrix *m[2];
    const char *label[2];
};

static int run(const struct cli_common *c, struct sides *s)
{
    struct xsmc_diff d;
    if (xsmc_diff_compute(s->m[0], s->m[1], &d))
        return cli_error(c, "out of memory");
    int rc = d.nchanges || d.nonly_before || d.nonly_after ? 1 : 0;
    if (c->format == FMT_JSON) {
        if (xsmc_write_diff_json(stdout, s->m[0], &d, s->label[0], s->label[1]))
            rc = cli_error(c, "cannot encode the diff as JSON");
    } else {
        xsmc_write_diff_headlines(stdout, s->m[0], s->m[1], &d, s->label[1]);
        fputc('\n', stdout);
        xsmc_write_diff_text(stdout, s->m[0], &d, s->label[0], s->label[1]);
    }
    xsmc_diff_free(&d);
    return rc;
}

/* The operations both systems' architectures have, in catalogue order. */
static const struct xsmc_op **common_ops(const struct xsmc_system *a, const struct xsmc_system *b,
                                         size_t *count)
{
    const struct xsmc_op **ops = xsmc_platform_ops((enum xsmc_arch)a->arch, count);
    size_t k = 0;
    for (size_t i = 0; ops && i < *count; i++)
        if (xsmc_op_exists(ops[i], (enum xsmc_arch)b->arch))
            ops[k++] = ops[i];
    *count = k;
    return ops;
}

int cmd_diff(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_LONGOPTS,
        {"from", required_argument, 0, OPT_FROM},
        {"to", required_argument, 0, OPT_TO},
        {"to-system", required_argument, 0, OPT_TO_SYSTEM},
        {0, 0, 0, 0}};
    struct cli_common c;
    enum xsmc_profile from = XSMC_PROFILE_DEFAULT, to = XSMC_PROFILE_DEFAULT;
    const char *from_name = NULL, *to_name = NULL, *to_system = NULL;
    cli_init(&c, "diff");
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_HELP: return cli_help(help);
        case OPT_FROM:
        case OPT_TO:
            if (xsmc_profile_from_name(optarg, opt == OPT_FROM ? &from : &to))
                return cli_error(&c, "unknown profile '%s' (upstream, hwpriv, hwpriv-dm, hwpriv-v2)", optarg);
            *(opt == OPT_FROM ? &from_name : &to_name) = optarg;
            continue;
        case OPT_TO_SYSTEM: to_system = optarg; continue;
        case '?': return cli_bad_option(&c, argv);
        default:
            if (cli_common_option(&c, opt, optarg, 1u << FMT_TEXT | 1u << FMT_JSON) != 1)
                return 2;
        }
    }
    int npos = argc - optind;
    if (npos > 2)
        return cli_error(&c, "unexpected argument '%s'", argv[optind + 2]);
    int two_systems = npos == 2 || to_system;
    if (two_systems && (from_name || to_name))
        return cli_error(&c, "compare two profiles (--from/--to) or two systems, not both");
    if (!two_systems && (!from_name || !to_name))
        return cli_error(&c, "give --from P1 --to P2, or two systems (xsmcap diff --help)");
    if (two_systems && c.spec && npos == 2)
        return cli_error(&c, "give two CONFIGs or --system with --to-system, not a mix");
    if (to_system && npos == 2)
        return cli_error(&c, "give two CONFIGs or --system with --to-system, not a mix");
    if (npos >= 1)
        c.config = argv[optind];

    struct cli_common second = c;
    if (two_systems) {
        from = to = c.profile;
        second.config = npos == 2 ? argv[optind + 1] : NULL;
        second.spec = to_system;
    }
    struct sides s = {{NULL, NULL}, {NULL, NULL}, {NULL, NULL}};
    int rc = 2;
    c.profile = to; /* validate under the newer profile */
    s.sys[0] = cli_load_valid_system(&c);
    if (!s.sys[0])
        goto out;
    s.sys[1] = two_systems ? cli_load_valid_system(&second) : s.sys[0];
    if (!s.sys[1])
        goto out;
    size_t nops;
    const struct xsmc_op **ops = common_ops(s.sys[0], s.sys[1], &nops);
    if (ops) {
        s.m[0] = xsmc_matrix_new_ops(s.sys[0], from, c.options, ops, nops);
        s.m[1] = xsmc_matrix_new_ops(s.sys[1], to, c.options, ops, nops);
        free((void *)ops);
    }
    if (!s.m[0] || !s.m[1]) {
        cli_error(&c, "out of memory");
        goto out;
    }
    s.label[0] = two_systems ? s.sys[0]->source : xsmc_profile_name(from);
    s.label[1] = two_systems ? s.sys[1]->source : xsmc_profile_name(to);
    rc = run(&c, &s);
out:
    xsmc_matrix_free(s.m[0]);
    xsmc_matrix_free(s.m[1]);
    if (s.sys[1] != s.sys[0])
        xsmc_system_free(s.sys[1]);
    xsmc_system_free(s.sys[0]);
    return rc;
}
