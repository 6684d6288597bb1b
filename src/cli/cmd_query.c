/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap query: one operation (or one bare XSM hook), decided as Xen would, with the reason. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_analysis.h"

static const char help[] =
    "usage: xsmcap query [CONFIG | --system SPEC] [--arch A] [--kconfig FILE]\n"
    "                    [--profile P] [--silo] --as SRC [--on TARGET] [--remote DOM]\n"
    "                    [--subop N] OP [--explain] [--format text|json]\n"
    "CONFIG may stand before or after OP (a file named .dtb, .dts, .dtsi, .dtso or\n"
    ".cfg is the configuration wherever it stands).\n\n"
    "OP is a hypercall sub-operation of the system's platform (PHYSDEVOP_setup_gsi,\n"
    "physdev_op:setup_gsi): the answer is what Xen returns, every check between the\n"
    "hypercall entry and the effect that depends on the caller or the target, XSM\n"
    "or not, in Xen's order, the first that fails deciding with its errno.  OP may\n"
    "also be an XSM hook (resource_setup_gsi, xsm_dm_op): the answer is then the\n"
    "bare hook decision, labelled 'XSM hook only', with the operations that reach\n"
    "it; --subop gives the value a hook's own logic reads (console_io cmd,\n"
    "XENVER_*, XENPMU_*, XEN_DOMCTL_*, XEN_SYSCTL_*, HVMOP_*).\n\n"
    "SRC and TARGET are domain names or ids; --on DOMID_SELF names the target as\n"
    "the hypercall does with DOMID_SELF.  --remote names the third domain\n"
    "(evtchn_unbound's remote end, mmu_update's page-table owner); without it,\n"
    "the caller itself, as who-can and matrix assume.\n\n"
    "Output: 'allow' or 'deny', then the reason.  Exit 0 allow, 1 deny, 2 bad input\n"
    "(an operation that does not exist on the platform is bad input).  --explain\n"
    "adds every check with its result (the XSM ones with the lattice predicates)\n"
    "and what would change the answer: every other profile, SILO, each capability\n"
    "of SRC or TARGET, the set_target relation, the guest type, a build option.\n";

enum { OPT_AS = OPT_VERB_FIRST, OPT_ON, OPT_REMOTE, OPT_SUBOP, OPT_EXPLAIN };

struct query {
    struct cli_common c;
    const char *as, *on, *remote, *opname;
    const struct xsmc_op *op;
    uint32_t subop;
    int subop_given, explain;
    struct xsmc_system *sys;
    struct xsmc_dom *src, *tgt, *oth;
    enum xsmc_target_form form;
};

static struct xsmc_dom *find_dom(const struct query *q, const char *what, const char *name)
{
    return cli_find_domain(&q->c, q->sys, what, name);
}

/* Run `print` into a string for JSON. */
static json_t *captured(void (*print)(FILE *, const struct query *, const void *),
                        const struct query *q, const void *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return json_null();
    print(mem, q, arg);
    fclose(mem);
    json_t *text = json_string(buf ? buf : "");
    free(buf);
    return text ? text : json_null();
}

/* The start of either answer: schema, context, and what kind of question it answers. */
static json_t *answer_root(const struct query *q, const char *scope, int allow)
{
    json_t *o = xsmc_json_root("query");
    xsmc_json_context(o, q->sys, q->c.profile, q->c.options);
    json_object_set_new(o, "scope", json_string(scope));
    json_object_set_new(o, "decision", json_string(allow ? "allow" : "deny"));
    return o;
}

/* ---- an operation ---- */

static void explain_op(FILE *out, const struct query *q, const void *arg)
{
    const struct xsmc_op_env *env = arg;
    xsmc_explain(out, env, q->sys, q->op, q->src, q->tgt, q->form, q->oth);
}

static json_t *gate_json(const struct xsmc_op_env *env, const struct xsmc_op *op,
                         const struct xsmc_op_result *r, unsigned i, const struct xsmc_parties *p)
{
    char line[768];
    const struct xsmc_gate *g = &op->gates[i];
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(xsmc_gate_kind_name(g->kind)));
    json_object_set_new(o, "xen", json_string(g->xen));
    if (g->kind == XSMC_G_XSM || g->kind == XSMC_G_XSM_FILTER) {
        json_object_set_new(o, "hook", json_string(xsmc_hook_info(g->hook)->name));
        json_object_set_new(o, "action", json_string(xsmc_action_name(r->gates[i].xsm.action)));
    }
    json_object_set_new(o, "result", json_string(r->gates[i].pass == 2 ? "not run here"
                                                 : r->gates[i].pass ? "pass" : "fail"));
    json_object_set_new(o, "rc", json_string(xsmc_rc_name(r->gates[i].rc)));
    json_object_set_new(o, "reason", json_string(xsmc_gate_line(env, op, r, i, p, line, sizeof(line))));
    return o;
}

/* The hook a JSON answer names: the deciding XSM gate's, else the first XSM gate's. */
static int key_gate(const struct xsmc_op *op, const struct xsmc_op_result *r)
{
    if (r->decided_by < op->ngates && (op->gates[r->decided_by].kind == XSMC_G_XSM ||
                                       op->gates[r->decided_by].kind == XSMC_G_XSM_FILTER))
        return r->decided_by;
    for (unsigned i = 0; i < r->nrun; i++)
        if (op->gates[i].kind == XSMC_G_XSM || op->gates[i].kind == XSMC_G_XSM_FILTER)
            return (int)i;
    return -1;
}

static int answer_op(struct query *q, const struct xsmc_op *op)
{
    q->op = op;
    if (q->subop_given)
        return cli_error(&q->c, "--subop applies to a bare hook; %s is already a sub-operation",
                         op->name);
    if (op->target == XSMC_ON_NONE && q->on)
        return cli_error(&q->c, "%s takes no target domain: drop --on", op->name);
    if (op->target == XSMC_ON_DOMAIN && !q->on)
        return cli_error(&q->c, "%s acts on a domain: add --on TARGET (a domain or DOMID_SELF)",
                         op->name);
    q->form = XSMC_TF_DOMAIN;
    if (q->on && strcmp(q->on, "DOMID_SELF") == 0) {
        if (op->target != XSMC_ON_DOMAIN)
            return cli_error(&q->c, "%s always acts on the caller: drop --on", op->name);
        q->form = XSMC_TF_DOMID_SELF;
    } else if (q->on && !(q->tgt = find_dom(q, "--on", q->on))) {
        return 2;
    }
    if (op->target == XSMC_ON_CALLER && q->tgt && q->tgt != q->src)
        return cli_error(&q->c, "%s always acts on the caller itself, not on %s: drop --on",
                         op->name, q->tgt->name);
    struct xsmc_op_env env;
    xsmc_env_of(q->sys, q->c.profile, q->c.options, &env);
    struct xsmc_op_result r;
    const struct xsmc_domain *other = q->oth ? &q->oth->core : xsmc_default_other(&q->src->core);
    int status = xsmc_op_decide(&env, op, &q->src->core, q->tgt ? &q->tgt->core : NULL, q->form,
                                other, &r);
    if (status < 0)
        return cli_error(&q->c, "%s: %s", op->name, xsmc_strerror(status));
    const char *tname = q->form == XSMC_TF_DOMID_SELF ? "DOMID_SELF" : q->tgt ? q->tgt->name : NULL;
    struct xsmc_parties p = {&q->src->core, q->tgt ? &q->tgt->core : NULL, other, q->src->name,
                             tname, q->oth ? q->oth->name : q->src->name, q->form};
    char why[1024];
    xsmc_op_reason(&env, op, &r, &p, why, sizeof(why));
    if (q->c.format == FMT_JSON) {
        json_t *o = answer_root(q, "operation", r.allow);
        int k = key_gate(op, &r);
        json_object_set_new(o, "op", json_string(op->name));
        json_object_set_new(o, "hypercall", json_string(op->hypercall));
        json_object_set_new(o, "hook", k >= 0 ? json_string(xsmc_hook_info(op->gates[k].hook)->name)
                                              : json_null());
        json_object_set_new(o, "action", k >= 0 ? json_string(xsmc_action_name(r.gates[k].xsm.action))
                                                : json_null());
        json_object_set_new(o, "src", json_string(q->src->name));
        json_object_set_new(o, "target", tname ? json_string(tname) : json_null());
        json_object_set_new(o, "rc", json_string(xsmc_rc_name(r.rc)));
        json_object_set_new(o, "filtered", json_boolean(r.filtered));
        json_object_set_new(o, "reason", json_string(why));
        json_t *gates = json_array();
        for (unsigned i = 0; i < r.nrun; i++)
            json_array_append_new(gates, gate_json(&env, op, &r, i, &p));
        json_object_set_new(o, "gates", gates);
        if (q->explain)
            json_object_set_new(o, "explain", captured(explain_op, q, &env));
        xsmc_json_dump(stdout, o);
    } else {
        cli_put_word(stdout, r.allow ? "allow" : "deny");
        printf("\n%s\n", why);
        if (q->explain)
            explain_op(stdout, q, &env);
    }
    return r.allow ? 0 : 1;
}

/* ---- a bare XSM hook ---- */

/* Hooks whose own logic reads a value: their answer means nothing without --subop. */
static int reads_value(const struct xsmc_hook_info *h)
{
    switch (h->logic) {
    case XSMC_L_CONSOLE: case XSMC_L_XENVER: case XSMC_L_PMU: case XSMC_L_ALTP2M:
    case XSMC_L_DOMCTL: case XSMC_L_SYSCTL: case XSMC_L_HVM_PARAM:
        return 1;
    default:
        return 0;
    }
}

/* "XENPF_settime64, ..." of the operations reaching the hook on the system's architecture. */
static const char *reaching(const struct xsmc_system *sys, uint32_t hook, char *buf, size_t len)
{
    size_t used = 0, n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < xsmc_op_count() && used + 1 < len; i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        if (!xsmc_op_exists(op, (enum xsmc_arch)sys->arch) || !xsmc_op_checks_hook(op, hook))
            continue;
        if (n == 8) {
            snprintf(buf + used, len - used, " and more (xsmcap ops --hook %s)",
                     xsmc_hook_info(hook)->name);
            return buf;
        }
        int w = snprintf(buf + used, len - used, "%s%s", n ? ", " : "", op->name);
        used += w > 0 && (size_t)w < len - used ? (size_t)w : 0;
        n++;
    }
    if (!n)
        snprintf(buf, len, "none on %s", xsmc_arch_name((enum xsmc_arch)sys->arch));
    return buf;
}

/* Every operation reaching the hook on the system's architecture, by name. */
static json_t *reaching_json(const struct xsmc_system *sys, uint32_t hook)
{
    json_t *list = json_array();
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        if (xsmc_op_exists(op, (enum xsmc_arch)sys->arch) && xsmc_op_checks_hook(op, hook))
            json_array_append_new(list, json_string(op->name));
    }
    return list;
}

struct hook_ask {
    struct xsmc_request rq;
};

static void explain_hook(FILE *out, const struct query *q, const void *arg)
{
    const struct hook_ask *a = arg;
    xsmc_explain_hook(out, q->c.profile, q->c.options, &a->rq, q->src, q->tgt);
}

static int answer_hook(struct query *q, uint32_t hook)
{
    const struct xsmc_hook_info *h = xsmc_hook_info(hook);
    char ops[512], why[768];
    reaching(q->sys, hook, ops, sizeof(ops));
    if (reads_value(h) && !q->subop_given)
        return cli_error(&q->c, "xsm_%s decides by a value: give --subop N, or ask an operation "
                         "that reaches it: %s", h->name, ops);
    if (q->on && h->target == XSMC_T_NONE)
        return cli_error(&q->c, "xsm_%s takes no target domain: drop --on", h->name);
    if (q->on && !(q->tgt = find_dom(q, "--on", q->on)))
        return 2;
    if (h->target == XSMC_T_DOMAIN && !q->tgt && h->logic != XSMC_L_DOMCTL &&
        h->logic != XSMC_L_NONE && h->logic != XSMC_L_ENOSYS)
        return cli_error(&q->c, "xsm_%s needs a target domain: add --on TARGET", h->name);
    struct hook_ask a = {{.hook = hook, .subop = q->subop, .src = &q->src->core,
                          .target = h->target == XSMC_T_NONE ? NULL : q->tgt ? &q->tgt->core : NULL,
                          .other = q->oth ? &q->oth->core : NULL}};
    struct xsmc_decision d;
    int status = xsmc_decide(q->c.profile, q->c.options, &a.rq, &d);
    if (status)
        return cli_error(&q->c, "xsm_%s: %s", h->name, xsmc_strerror(status));
    const char *tname = h->target == XSMC_T_SELF ? q->src->name : q->tgt ? q->tgt->name : NULL;
    xsmc_reason_line3(&d, q->src->name, tname, q->oth ? q->oth->name : q->src->name, why, sizeof(why));
    if (q->c.format == FMT_JSON) {
        json_t *o = answer_root(q, "XSM hook only", d.allow);
        json_object_set_new(o, "op", json_string(q->opname));
        json_object_set_new(o, "hook", json_string(h->name));
        json_object_set_new(o, "action", json_string(xsmc_action_name(d.action)));
        json_object_set_new(o, "src", json_string(q->src->name));
        json_object_set_new(o, "target", tname ? json_string(tname) : json_null());
        json_object_set_new(o, "rc", json_string(xsmc_rc_name(d.rc)));
        json_object_set_new(o, "reason", json_string(why));
        json_object_set_new(o, "operations", reaching_json(q->sys, hook));
        if (q->explain)
            json_object_set_new(o, "explain", captured(explain_hook, q, &a));
        xsmc_json_dump(stdout, o);
    } else {
        cli_put_word(stdout, d.allow ? "allow" : "deny");
        printf("\nXSM hook only (operations that reach it on %s: %s): %s\n",
               xsmc_arch_name((enum xsmc_arch)q->sys->arch), ops, why);
        if (q->explain)
            explain_hook(stdout, q, &a);
    }
    return d.allow ? 0 : 1;
}

static const struct cli_opt own[] = {
    {"as", required_argument, OPT_AS},
    {"on", required_argument, OPT_ON},
    {"remote", required_argument, OPT_REMOTE},
    {"subop", required_argument, OPT_SUBOP},
    {"explain", no_argument, OPT_EXPLAIN},
    {0, 0, 0}};
static const struct cli_verb verb = {"query", help, 0, CLI_O_READS_SYSTEM,
                                     CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON), own};

int cmd_query(int argc, char **argv)
{
    struct query q;
    memset(&q, 0, sizeof(q));
    cli_init(&q.c, &verb, argc, argv);
    int opt;
    while ((opt = cli_next_option(&q.c, argc, argv)) > 0) {
        switch (opt) {
        case OPT_AS: q.as = optarg; break;
        case OPT_ON: q.on = optarg; break;
        case OPT_REMOTE: q.remote = optarg; break;
        case OPT_EXPLAIN: q.explain = 1; break;
        default: /* OPT_SUBOP */
            if (cli_parse_subop(&q.c, optarg, &q.subop))
                return 2;
            q.subop_given = 1;
        }
    }
    if (opt == CLI_EXIT)
        return q.c.exit;
    if (cli_take_config_and_arg(&q.c, argc, argv, "OP", &q.opname))
        return 2;
    if (!q.as)
        return cli_error(&q.c, "missing --as SRC");
    uint32_t hook;
    int is_hook = xsmc_hook_from_name(q.opname, &hook) == 0;
    const struct xsmc_op *named = xsmc_op_find(q.opname);
    char hint[256];
    if (!is_hook && !named && !xsmc_hypercall_find(q.opname))
        return cli_error(&q.c, "unknown operation '%s': not a hypercall sub-operation of the "
                         "catalogue (xsmcap ops) nor an XSM hook (xsmcap hooks)%s", q.opname,
                         cli_op_hint(q.opname, hint, sizeof(hint)));
    q.sys = cli_load_valid_system(&q.c);
    if (!q.sys)
        return 2;
    int rc = 2;
    q.src = find_dom(&q, "--as", q.as);
    if (!q.src || (q.remote && !(q.oth = find_dom(&q, "--remote", q.remote))))
        goto out;
    if (is_hook && !named) {
        rc = answer_hook(&q, hook);
    } else {
        const struct xsmc_op *op = cli_find_op(&q.c, q.sys, q.opname);
        rc = op ? answer_op(&q, op) : 2;
    }
out:
    xsmc_system_free(q.sys);
    return rc;
}
