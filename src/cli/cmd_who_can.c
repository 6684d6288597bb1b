/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap who-can: every domain that may perform OP (on TARGET), with the reason. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli_analysis.h"

static const char help[] =
    "usage: xsmcap who-can [CONFIG | --system SPEC] [--arch A] [--kconfig FILE]\n"
    "                      [--profile P] [--silo] [--on TARGET] OP [--format text|json]\n"
    "CONFIG may stand before or after OP (a file named .dtb, .dts, .dtsi, .dtso or\n"
    ".cfg is the configuration wherever it stands).\n\n"
    "Every domain that may perform OP, a hypercall sub-operation of the system's\n"
    "platform (PHYSDEVOP_setup_gsi, physdev_op:setup_gsi), passing every check\n"
    "Xen makes in its order, XSM or not.  With --on, on that target domain, each\n"
    "with the reason; without it, for an operation that takes a target, the\n"
    "targets each domain may act on.  Answers come from role classes, so very\n"
    "large systems answer at once.  An XSM hook is not an operation: the error\n"
    "lists the operations that reach it (query answers the bare hook).\n\n"
    "Exit 0 when at least one domain may, 1 when none may, 2 on bad input.\n";

enum { OPT_ON = OPT_VERB_FIRST };

static void text_line(struct xsmc_matrix *m, size_t src, size_t tgt)
{
    const struct xsmc_dom *s = &m->sys->doms[src];
    char buf[768];
    if (xsmc_op_targeted(m->ops[0]) && tgt == XSMC_NO_TARGET)
        printf("  %-16s on %s\n", s->name, xsmc_targets_text(m, 0, src, 8, buf, sizeof(buf)));
    else
        printf("  %-16s %s\n", s->name, xsmc_matrix_reason(m, 0, src, tgt, buf, sizeof(buf)));
}

static int answer(const struct cli_common *c, struct xsmc_matrix *m, size_t tgt)
{
    size_t n = m->sys->ndoms, count = 0;
    int pairs = xsmc_op_targeted(m->ops[0]) && tgt == XSMC_NO_TARGET;
    json_t *list = json_array();
    for (size_t s = 0; s < n; s++)
        count += pairs ? xsmc_matrix_allowed_count(m, 0, s) > 0 : (size_t)xsmc_matrix_cell(m, 0, s, tgt);
    if (c->format == FMT_TEXT) {
        char plat[96];
        printf("who may perform %s", m->ops[0]->name);
        if (tgt != XSMC_NO_TARGET)
            printf(" on %s", m->sys->doms[tgt].name);
        printf(" on %s under %s%s: %zu of %zu domain%s\n",
               xsmc_platform_label(m->sys, plat, sizeof(plat)), xsmc_profile_name(m->profile),
               (m->options & XSMC_OPT_SILO) ? " with SILO" : "", count, n, n == 1 ? "" : "s");
    }
    for (size_t s = 0; s < n; s++) {
        if (pairs ? xsmc_matrix_allowed_count(m, 0, s) == 0 : !xsmc_matrix_cell(m, 0, s, tgt))
            continue;
        if (c->format == FMT_TEXT) {
            text_line(m, s, tgt);
            continue;
        }
        json_t *o = json_object();
        json_object_set_new(o, "domain", xsmc_json_domain(m->sys, s));
        if (!pairs) {
            char buf[768];
            json_object_set_new(o, "reason", json_string(xsmc_matrix_reason(m, 0, s, tgt, buf, sizeof(buf))));
        } else {
            json_t *on = json_array();
            for (size_t t = 0; t < n; t++)
                if (xsmc_matrix_cell(m, 0, s, t))
                    json_array_append_new(on, json_string(m->sys->doms[t].name));
            json_object_set_new(o, "on", on);
        }
        json_array_append_new(list, o);
    }
    if (c->format == FMT_JSON) {
        json_t *root = xsmc_json_root("who-can");
        xsmc_json_context(root, m->sys, m->profile, m->options);
        json_object_set_new(root, "op", json_string(m->ops[0]->name));
        json_object_set_new(root, "hypercall", json_string(m->ops[0]->hypercall));
        json_object_set_new(root, "target", tgt == XSMC_NO_TARGET ? json_null()
                                            : json_string(m->sys->doms[tgt].name));
        json_object_set_new(root, "count", json_integer((json_int_t)count));
        json_object_set_new(root, "domain_count", json_integer((json_int_t)n));
        json_object_set_new(root, "allowed", list);
        xsmc_json_dump(stdout, root);
    } else {
        json_decref(list);
    }
    return count ? 0 : 1;
}

static const struct cli_opt own[] = {{"on", required_argument, OPT_ON}, {0, 0, 0}};
static const struct cli_verb verb = {"who-can", help, 0, CLI_O_READS_SYSTEM,
                                     CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON), own};

int cmd_who_can(int argc, char **argv)
{
    struct cli_common c;
    const char *on = NULL;
    cli_init(&c, &verb, argc, argv);
    int opt;
    while ((opt = cli_next_option(&c, argc, argv)) == OPT_ON)
        on = optarg;
    if (opt == CLI_EXIT)
        return c.exit;
    const char *opname;
    if (cli_take_config_and_arg(&c, argc, argv, "OP", &opname))
        return 2;
    struct xsmc_system *sys = cli_load_valid_system(&c);
    if (!sys)
        return 2;
    int rc = 2;
    struct xsmc_matrix *m = NULL;
    size_t tgt = XSMC_NO_TARGET;
    const struct xsmc_op *op = cli_find_op(&c, sys, opname);
    if (!op)
        goto out;
    if (on && !xsmc_op_targeted(op)) {
        cli_error(&c, "%s takes no target domain: drop --on", op->name);
        goto out;
    }
    m = xsmc_matrix_new_ops(sys, c.profile, c.options, &op, 1);
    if (!m) {
        cli_error(&c, "out of memory");
        goto out;
    }
    if (on) {
        struct xsmc_dom *t = cli_find_domain(&c, sys, "--on", on);
        if (!t)
            goto out;
        tgt = (size_t)(t - sys->doms);
    }
    rc = answer(&c, m, tgt);
out:
    xsmc_matrix_free(m);
    xsmc_system_free(sys);
    return rc;
}
