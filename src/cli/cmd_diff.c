/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap diff: the decisions that change between two profiles or two systems. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_analysis.h"
#include "xsmcap/suggest.h"

static const char help[] =
    "usage: xsmcap diff [CONFIG | --system SPEC] --from P1 --to P2 [--silo]\n"
    "       xsmcap diff CONFIG1 CONFIG2 [--profile P] [--silo] [--map OLD=NEW[,NEW]]...\n"
    "       xsmcap diff --system SPEC1 --to-system SPEC2 [--profile P] [--silo]\n"
    "                   [--map OLD=NEW[,NEW]]... [--summary] [--format text|json]\n\n"
    "Only the decisions that change, after one plain sentence per domain that\n"
    "changed, grouped by source domain and operation.  --summary prints instead\n"
    "the counts gained and lost per domain and per hypercall, in a few lines.\n"
    "Each side is labelled by its profile, its file name or its spec text.\n\n"
    "Two systems are matched by domain name; a domain in one of them only is\n"
    "listed, not compared.  --map OLD=NEW says domain OLD of the first system\n"
    "became NEW of the second (a rename); OLD=NEW1,NEW2 a split; OLD1=NEW and\n"
    "OLD2=NEW a merge.  Repeat it; the domains it names are not matched by name.\n"
    "A split or merged domain counts, before, as allowing what every one of its\n"
    "old domains could do (to every one of them: the intersection) and, after,\n"
    "what any of its new domains may do (to any of them: the union): a split\n"
    "loses a power only when no new domain keeps it, a merge gains every power\n"
    "one of the old domains lacked.  Two systems of different architectures are\n"
    "compared on the operations both have.  The system is validated under P2\n"
    "(or P); a capability the other profile does not define is denied there, as\n"
    "Xen would refuse it.\n\n"
    "Exit 0 when nothing changes, 1 when something does (as diff(1)), 2 on bad input.\n";

enum { OPT_FROM = OPT_VERB_FIRST, OPT_TO, OPT_TO_SYSTEM, OPT_MAP, OPT_SUMMARY };

struct sides {
    struct xsmc_system *sys[2];
    struct xsmc_diff_sides d;  /* matrices and the labels in use */
    char *label[2];            /* the labels of two systems, owned */
    struct xsmc_diff_link *links;
    size_t nlinks;
    char **copies;      /* the --map arguments, split in place; links point into them */
    size_t ncopies;
    int summary;
};

static int has_domain(const struct xsmc_system *sys, const char *name)
{
    for (size_t i = 0; i < sys->ndoms; i++)
        if (strcmp(sys->doms[i].name, name) == 0)
            return 1;
    return 0;
}

/* Each --map name against its system, worded with the side's label; 2 after an error line. */
static int check_links(const struct cli_common *c, const struct sides *s)
{
    for (size_t k = 0; k < s->nlinks; k++) {
        const struct xsmc_diff_link *l = &s->links[k];
        int old = !has_domain(s->sys[0], l->before);
        if (old || !has_domain(s->sys[1], l->after)) {
            const struct xsmc_system *sys = s->sys[old ? 0 : 1];
            const char *name = old ? l->before : l->after, *near[XSMC_SUGGEST_MAX];
            char hint[256];
            size_t n = xsmc_suggest(name, sys->ndoms, cli_domain_at, sys, near);
            return cli_error(c, "--map %s=%s: %s has no domain '%s'%s", l->before, l->after,
                             s->d.label[old ? 0 : 1], name, cli_hint(near, n, hint, sizeof(hint)));
        }
    }
    return 0;
}

static int run(const struct cli_common *c, struct sides *s)
{
    struct xsmc_diff d;
    if (check_links(c, s))
        return 2;
    char err[512];
    int status = xsmc_diff_compute_linked(s->d.m[0], s->d.m[1], s->links, s->nlinks, &d, err,
                                          sizeof(err));
    if (status)
        return cli_error(c, "%s", status == -1 ? "out of memory" : err);
    int rc = d.nchanges || d.nonly_before || d.nonly_after ? 1 : 0;
    if (c->format == FMT_JSON) {
        if (xsmc_write_diff_json(stdout, &s->d, &d, s->summary))
            rc = cli_error(c, "cannot encode the diff as JSON");
    } else if (s->summary) {
        xsmc_write_diff_summary(stdout, &s->d, &d);
    } else {
        xsmc_write_diff_headlines(stdout, &s->d, &d);
        fputc('\n', stdout);
        xsmc_write_diff_text(stdout, &s->d, &d);
    }
    xsmc_diff_free(&d);
    return rc;
}

/* A domain name as --map reads it: what a spec, a device-tree node or a .cfg may call a domain. */
static int map_name_ok(const char *s)
{
    return *s && !strpbrk(s, "=, \t\n");
}

/* --map OLD=NEW[,NEW...]: one link per NEW, pointing into a copy of the argument.  2 after an error line. */
static int add_map(const struct cli_common *c, struct sides *s, const char *arg)
{
    char **copies = realloc(s->copies, (s->ncopies + 1) * sizeof(*copies));
    if (!copies)
        return cli_error(c, "out of memory");
    s->copies = copies;
    char *copy = strdup(arg);
    if (!copy)
        return cli_error(c, "out of memory");
    copies[s->ncopies++] = copy;
    char *eq = strchr(copy, '=');
    int ok = eq != NULL;
    if (eq)
        *eq = '\0';
    ok = ok && map_name_ok(copy);
    size_t news = 0;
    for (char *p = ok ? eq + 1 : NULL; p; news++) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        ok = ok && map_name_ok(p);
        p = comma ? comma + 1 : NULL;
    }
    if (!ok)
        return cli_error(c, "--map takes OLD=NEW or OLD=NEW1,NEW2 (domain names), not '%s'", arg);
    struct xsmc_diff_link *links = realloc(s->links, (s->nlinks + news) * sizeof(*links));
    if (!links)
        return cli_error(c, "out of memory");
    s->links = links;
    const char *p = eq + 1;
    for (size_t k = 0; k < news; k++, p += strlen(p) + 1)
        links[s->nlinks++] = (struct xsmc_diff_link){copy, p};
    return 0;
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

/* A side of a two-system diff: its file name, its spec text, or the embedded default. */
static char *system_label(const struct cli_common *side, const char *suffix)
{
    const char *what = side->config ? side->config : side->spec ? side->spec : "<builtin>";
    const char *quote = !side->config && side->spec ? "'" : "";
    size_t len = strlen(what) + strlen(suffix) + 3;
    char *label = malloc(len);
    if (label)
        snprintf(label, len, "%s%s%s%s", quote, what, quote, suffix);
    return label;
}

/* Labels that tell the sides apart, even when the same file or spec is given twice. */
static int label_sides(const struct cli_common *first, const struct cli_common *second,
                       struct sides *s)
{
    s->label[0] = system_label(first, "");
    s->label[1] = system_label(second, "");
    if (s->label[0] && s->label[1] && strcmp(s->label[0], s->label[1]) == 0) {
        free(s->label[0]);
        free(s->label[1]);
        s->label[0] = system_label(first, " (first)");
        s->label[1] = system_label(second, " (second)");
    }
    return s->label[0] && s->label[1] ? 0 : -1;
}

static void sides_free(struct sides *s)
{
    xsmc_matrix_free(s->d.m[0]);
    xsmc_matrix_free(s->d.m[1]);
    if (s->sys[1] != s->sys[0])
        xsmc_system_free(s->sys[1]);
    xsmc_system_free(s->sys[0]);
    free(s->label[0]);
    free(s->label[1]);
    free(s->links);
    for (size_t i = 0; i < s->ncopies; i++)
        free(s->copies[i]);
    free(s->copies);
}

/* The profiles and the second system the options select, checked; 2 after an error line. */
struct selection {
    enum xsmc_profile from, to;
    const char *from_name, *to_name, *to_system;
};

static int check_selection(const struct cli_common *c, const struct selection *sel,
                           const struct sides *s, int npos, char **rest)
{
    int two_systems = npos == 2 || sel->to_system;
    if (npos > 2)
        return cli_error(c, "unexpected argument '%s'", rest[2]);
    if (two_systems && (sel->from_name || sel->to_name))
        return cli_error(c, "compare two profiles (--from/--to) or two systems, not both");
    if (!two_systems && (!sel->from_name || !sel->to_name))
        return cli_error(c, "give --from P1 --to P2, or two systems (xsmcap diff --help)");
    if (npos == 2 && (c->spec || sel->to_system))
        return cli_error(c, "give two CONFIGs or --system with --to-system, not a mix");
    if (!two_systems && s->nlinks)
        return cli_error(c, "--map links the domains of two systems; --from/--to compare one "
                            "system under two profiles");
    return 0;
}

static const struct cli_opt own[] = {
    {"from", required_argument, OPT_FROM},
    {"to", required_argument, OPT_TO},
    {"to-system", required_argument, OPT_TO_SYSTEM},
    {"map", required_argument, OPT_MAP},
    {"summary", no_argument, OPT_SUMMARY},
    {0, 0, 0}};
static const struct cli_verb verb = {"diff", help, 0, CLI_O_READS_SYSTEM,
                                     CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON), own};

/* A --from or --to profile: 2 after an error line. */
static int side_profile(const struct cli_common *c, struct selection *sel, int opt, const char *arg)
{
    int from = opt == OPT_FROM;
    if (cli_profile(c, from ? "--from" : "--to", arg, from ? &sel->from : &sel->to))
        return 2;
    *(from ? &sel->from_name : &sel->to_name) = arg;
    return 0;
}

int cmd_diff(int argc, char **argv)
{
    struct cli_common c;
    struct selection sel = {XSMC_PROFILE_DEFAULT, XSMC_PROFILE_DEFAULT, NULL, NULL, NULL};
    struct sides s;
    memset(&s, 0, sizeof(s));
    cli_init(&c, &verb, argc, argv);
    int opt, rc = 2;
    while ((opt = cli_next_option(&c, argc, argv)) > 0) {
        if (opt == OPT_TO_SYSTEM)
            sel.to_system = optarg;
        else if (opt == OPT_SUMMARY)
            s.summary = 1;
        else if (opt == OPT_MAP ? add_map(&c, &s, optarg) : side_profile(&c, &sel, opt, optarg))
            goto out;
    }
    if (opt == CLI_EXIT) {
        rc = c.exit;
        goto out;
    }
    int npos = argc - optind;
    if (check_selection(&c, &sel, &s, npos, argv + optind))
        goto out;
    int two_systems = npos == 2 || sel.to_system;
    if (npos >= 1)
        c.config = argv[optind];
    struct cli_common second = c;
    if (two_systems) {
        sel.from = sel.to = c.profile;
        second.config = npos == 2 ? argv[optind + 1] : NULL;
        second.spec = sel.to_system;
    }
    c.profile = sel.to; /* validate under the newer profile */
    s.sys[0] = cli_load_valid_system(&c);
    if (!s.sys[0])
        goto out;
    s.sys[1] = two_systems ? cli_load_valid_system(&second) : s.sys[0];
    if (!s.sys[1])
        goto out;
    size_t nops;
    const struct xsmc_op **ops = common_ops(s.sys[0], s.sys[1], &nops);
    if (ops) {
        s.d.m[0] = xsmc_matrix_new_ops(s.sys[0], sel.from, c.options, ops, nops);
        s.d.m[1] = xsmc_matrix_new_ops(s.sys[1], sel.to, c.options, ops, nops);
        free((void *)ops);
    }
    if (!s.d.m[0] || !s.d.m[1] || (two_systems && label_sides(&c, &second, &s))) {
        cli_error(&c, "out of memory");
        goto out;
    }
    s.d.label[0] = two_systems ? s.label[0] : xsmc_profile_name(sel.from);
    s.d.label[1] = two_systems ? s.label[1] : xsmc_profile_name(sel.to);
    rc = run(&c, &s);
out:
    sides_free(&s);
    return rc;
}
