/* xsmcap query: one access check, decided as Xen would, with the reason. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xsmcap/analysis.h"

static const char help[] =
    "usage: xsmcap query [CONFIG | --system SPEC] [--profile P] [--silo]\n"
    "                    --as SRC [--on TARGET] [--remote DOM] [--subop N] OP\n"
    "                    [--explain] [--format text|json]\n\n"
    "OP is a hook (resource_setup_gsi, xsm_dm_op) or a hypercall sub-operation\n"
    "(PHYSDEVOP_setup_gsi, physdev_op:setup_gsi).  SRC and TARGET are domain\n"
    "names or ids.  --on names the domain the hook receives as its target;\n"
    "--remote the third domain (evtchn_unbound's remote end under SILO,\n"
    "mmu_update's page-table owner); --subop the value a hook's own logic\n"
    "reads when OP is a bare hook (console_io cmd, XENVER_*, XENPMU_*, ...).\n\n"
    "Output: 'allow' or 'deny', then the reason.  Exit 0 allow, 1 deny, 2 bad input.\n"
    "--explain adds the path through the hook's logic and the lattice (each\n"
    "predicate and its value) and what would change the answer: every other\n"
    "profile, SILO, each capability of SRC or TARGET, the set_target relation.\n"
    "The answer is the XSM decision only, not the hypercall's other checks.\n";

enum { OPT_AS = OPT_VERB_FIRST, OPT_ON, OPT_REMOTE, OPT_SUBOP, OPT_EXPLAIN };

/* A query reduced to hook checks: a bare hook, or a catalogue sub-op. */
struct plan {
    const char *op_name;
    const struct xsmc_op *op; /* NULL for a bare hook */
    struct xsmc_op_step steps[XSMC_OP_MAX_HOOKS];
    unsigned nsteps;
};

static int plan_op(const struct cli_common *c, const char *name, long subop, struct plan *pl)
{
    uint32_t hook;
    memset(pl, 0, sizeof(*pl));
    pl->op_name = name;
    if (xsmc_hook_from_name(name, &hook) == 0) {
        pl->steps[0].hook = hook;
        pl->steps[0].subop = (uint32_t)subop;
        pl->nsteps = 1;
        return 0;
    }
    pl->op = xsmc_op_find(name);
    if (!pl->op)
        return cli_error(c, "unknown operation '%s': not a hook (xsmcap hooks) nor a "
                            "hypercall sub-operation of the catalogue", name);
    for (unsigned i = 0; i < pl->op->nsteps; i++)
        pl->steps[i] = pl->op->steps[i];
    pl->nsteps = pl->op->nsteps;
    return 0;
}

static struct xsmc_dom *find_dom(const struct cli_common *c, const struct xsmc_system *sys,
                                 const char *what, const char *name)
{
    struct xsmc_dom *d = xsmc_system_find(sys, name);
    if (!d) {
        cli_error(c, "%s '%s' is not a domain of %s", what, name, sys->source);
        return NULL;
    }
    return d;
}

/* --explain: the path and the alternatives, for the operation as the query planned it. */
static void print_explain(FILE *out, enum xsmc_profile profile, uint32_t options, const char *opname,
                          long subop, const struct xsmc_dom *src, const struct xsmc_dom *tgt,
                          const struct xsmc_dom *oth)
{
    struct xsmc_aop aop;
    if (xsmc_aop_from_name(opname, (uint32_t)subop, &aop) == 0)
        xsmc_explain(out, profile, options, &aop, src, tgt, oth);
}

static json_t *explain_json(enum xsmc_profile profile, uint32_t options, const char *opname,
                            long subop, const struct xsmc_dom *src, const struct xsmc_dom *tgt,
                            const struct xsmc_dom *oth)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return json_null();
    print_explain(mem, profile, options, opname, subop, src, tgt, oth);
    fclose(mem);
    json_t *text = json_string(buf ? buf : "");
    free(buf);
    return text ? text : json_null();
}

int cmd_query(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_LONGOPTS,
        {"as", required_argument, 0, OPT_AS},
        {"on", required_argument, 0, OPT_ON},
        {"remote", required_argument, 0, OPT_REMOTE},
        {"subop", required_argument, 0, OPT_SUBOP},
        {"explain", no_argument, 0, OPT_EXPLAIN},
        {0, 0, 0, 0}};
    struct cli_common c;
    const char *as = NULL, *on = NULL, *remote = NULL;
    long subop = 0;
    int explain = 0;
    cli_init(&c, "query");
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_HELP: return cli_help(help);
        case OPT_AS: as = optarg; continue;
        case OPT_ON: on = optarg; continue;
        case OPT_REMOTE: remote = optarg; continue;
        case OPT_EXPLAIN: explain = 1; continue;
        case OPT_SUBOP: {
            char *end;
            subop = strtol(optarg, &end, 0);
            if (*end || subop < 0 || subop > 0xffffffffL)
                return cli_error(&c, "--subop takes a number, not '%s'", optarg);
            continue;
        }
        case '?': return cli_bad_option(&c, argv);
        default:
            if (cli_common_option(&c, opt, optarg, 1u << FMT_TEXT | 1u << FMT_JSON) != 1)
                return 2;
        }
    }
    const char *opname;
    if (cli_take_config_and_arg(&c, argc, argv, "missing OP (xsmcap query --help)", &opname))
        return 2;
    if (!as)
        return cli_error(&c, "missing --as SRC");

    struct plan pl;
    if (plan_op(&c, opname, subop, &pl))
        return 2;
    struct xsmc_system *sys = cli_load_valid_system(&c);
    if (!sys)
        return 2;
    int rc = 2;
    struct xsmc_dom *src = find_dom(&c, sys, "--as", as);
    /* a sub-op whose hook sees the caller itself needs no --on */
    if (!on && pl.op && pl.op->target == XSMC_ON_CALLER)
        on = as;
    struct xsmc_dom *tgt = on ? find_dom(&c, sys, "--on", on) : NULL;
    struct xsmc_dom *oth = remote ? find_dom(&c, sys, "--remote", remote) : NULL;
    if (!src || (on && !tgt) || (remote && !oth))
        goto out;

    struct xsmc_decision dec[XSMC_OP_MAX_HOOKS];
    unsigned done = 0;
    int allow = 1;
    for (unsigned i = 0; i < pl.nsteps && allow; i++) {
        const struct xsmc_hook_info *h = xsmc_hook_info(pl.steps[i].hook);
        struct xsmc_request rq = {
            .hook = pl.steps[i].hook, .subop = pl.steps[i].subop, .subop2 = pl.steps[i].subop2,
            .src = &src->core, .target = tgt ? &tgt->core : NULL,
            .other = oth ? &oth->core : NULL};
        if (h->target == XSMC_T_DOMAIN && !tgt && h->logic != XSMC_L_DOMCTL &&
            h->logic != XSMC_L_NONE && h->logic != XSMC_L_ENOSYS) {
            cli_error(&c, "%s needs a target domain: add --on TARGET", h->name);
            goto out;
        }
        if (h->target == XSMC_T_NONE)
            rq.target = NULL;
        int status = xsmc_decide(c.profile, c.options, &rq, &dec[i]);
        if (status) {
            cli_error(&c, "%s: %s", h->name, xsmc_strerror(status));
            goto out;
        }
        done++;
        allow = dec[i].allow;
    }

    if (done == 0) {
        cli_error(&c, "%s reaches no hook", opname);
        goto out;
    }
    char why[512];
    const char *tname = tgt ? tgt->name : NULL;
    if (c.format == FMT_JSON) {
        json_t *o = json_object();
        json_t *steps = json_array();
        const struct xsmc_decision *last = &dec[done - 1];
        json_object_set_new(o, "decision", json_string(allow ? "allow" : "deny"));
        json_object_set_new(o, "op", json_string(opname));
        json_object_set_new(o, "hook", json_string(xsmc_hook_info(last->hook)->name));
        json_object_set_new(o, "action", json_string(xsmc_action_name(last->action)));
        json_object_set_new(o, "profile", json_string(xsmc_profile_name(c.profile)));
        json_object_set_new(o, "silo", json_boolean(c.options & XSMC_OPT_SILO));
        json_object_set_new(o, "src", json_string(src->name));
        json_object_set_new(o, "target", tname ? json_string(tname) : json_null());
        json_object_set_new(o, "rc", json_string(xsmc_rc_name(last->rc)));
        json_object_set_new(o, "reason", json_string(xsmc_reason_line(last, src->name, tname, why, sizeof(why))));
        for (unsigned i = 0; i < done; i++) {
            json_t *s = json_object();
            json_object_set_new(s, "hook", json_string(xsmc_hook_info(dec[i].hook)->name));
            json_object_set_new(s, "action", json_string(xsmc_action_name(dec[i].action)));
            json_object_set_new(s, "decision", json_string(dec[i].allow ? "allow" : "deny"));
            json_object_set_new(s, "rc", json_string(xsmc_rc_name(dec[i].rc)));
            json_object_set_new(s, "reason", json_string(xsmc_reason_line(&dec[i], src->name, tname, why, sizeof(why))));
            json_array_append_new(steps, s);
        }
        json_object_set_new(o, "steps", steps);
        if (explain)
            json_object_set_new(o, "explain", explain_json(c.profile, c.options, opname, subop,
                                                           src, tgt, oth));
        json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
        json_decref(o);
    } else {
        printf("%s\n", allow ? "allow" : "deny");
        for (unsigned i = 0; i < done; i++) {
            if (done > 1 || pl.op)
                printf("%s: ", xsmc_hook_info(dec[i].hook)->name);
            printf("%s", xsmc_reason_line(&dec[i], src->name, tname, why, sizeof(why)));
            printf("%s", i + 1 < done ? "; " : "\n");
        }
        if (explain)
            print_explain(stdout, c.profile, c.options, opname, subop, src, tgt, oth);
    }
    rc = allow ? 0 : 1;
out:
    xsmc_system_free(sys);
    return rc;
}
