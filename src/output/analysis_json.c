/* Matrices, powers and diffs as JSON for scripts (jansson). */
#include <jansson.h>
#include <stdio.h>

#include "xsmcap/report.h"

static int dump(FILE *out, json_t *root)
{
    int rc = root && json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 ? 0 : -1;
    fputc('\n', out);
    json_decref(root);
    return rc;
}

static json_t *hooks_of(const struct xsmc_op *op)
{
    json_t *list = json_array();
    for (unsigned i = 0; i < op->ngates; i++)
        if (op->gates[i].kind == XSMC_G_XSM || op->gates[i].kind == XSMC_G_XSM_FILTER)
            json_array_append_new(list, json_string(xsmc_hook_info(op->gates[i].hook)->name));
    return list;
}

/* The platform object every JSON output carries. */
static json_t *platform_of(const struct xsmc_system *sys)
{
    json_t *o = json_object();
    json_object_set_new(o, "arch", json_string(xsmc_arch_name((enum xsmc_arch)sys->arch)));
    json_object_set_new(o, "kconfig", json_string(sys->kconfig.from_file ? "given" : "defconfig"));
    return o;
}

static json_t *domains_of(const struct xsmc_matrix *m)
{
    json_t *list = json_array();
    char caps[96];
    for (size_t i = 0; i < m->sys->ndoms; i++) {
        const struct xsmc_dom *d = &m->sys->doms[i];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(d->name));
        json_object_set_new(o, "domid", json_integer(d->core.domid));
        json_object_set_new(o, "caps", json_string(xsmc_caps_text(d->core.caps, caps, sizeof(caps))));
        json_object_set_new(o, "guest", json_string(xsmc_guest_name(xsmc_dom_guest(d))));
        json_object_set_new(o, "target", m->target_of[i] == XSMC_NO_TARGET ? json_null()
                                : json_string(m->sys->doms[m->target_of[i]].name));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *op_object(const struct xsmc_matrix *m, size_t op)
{
    const struct xsmc_op *a = m->ops[op];
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(a->name));
    json_object_set_new(o, "hypercall", json_string(a->hypercall));
    json_object_set_new(o, "what", json_string(xsmc_op_words(a)));
    json_object_set_new(o, "hooks", hooks_of(a));
    json_object_set_new(o, "targeted", json_boolean(xsmc_op_targeted(a)));
    return o;
}

static json_t *names_allowed(struct xsmc_matrix *m, size_t op, size_t src)
{
    json_t *list = json_array();
    for (size_t t = 0; t < m->sys->ndoms; t++)
        if (xsmc_matrix_cell(m, op, src, t))
            json_array_append_new(list, json_string(m->sys->doms[t].name));
    return list;
}

int xsmc_write_matrix_json(FILE *out, struct xsmc_matrix *m, int summary)
{
    json_t *root = json_object();
    json_t *ops = json_array();
    int per_class = summary || m->sys->ndoms > XSMC_MATRIX_CELL_LIMIT;
    struct xsmc_matrix_summary s;
    if (xsmc_matrix_summarise(m, &s)) {
        json_decref(root);
        json_decref(ops);
        return -1;
    }
    json_object_set_new(root, "system", json_string(m->sys->source));
    json_object_set_new(root, "platform", platform_of(m->sys));
    json_object_set_new(root, "profile", json_string(xsmc_profile_name(m->profile)));
    json_object_set_new(root, "silo", json_boolean(m->options & XSMC_OPT_SILO));
    json_object_set_new(root, "domain_count", json_integer((json_int_t)m->sys->ndoms));
    json_object_set_new(root, "class_count", json_integer((json_int_t)m->nclasses));
    json_object_set_new(root, "allowed_cells", json_integer((json_int_t)s.total));
    json_object_set_new(root, "cells", json_integer((json_int_t)s.cells));
    if (!per_class)
        json_object_set_new(root, "domains", domains_of(m));
    for (size_t op = 0; op < m->nops; op++) {
        json_t *o = op_object(m, op);
        json_object_set_new(o, "allowed_cells", json_integer((json_int_t)s.allowed[op]));
        if (!per_class) {
            int targeted = xsmc_op_targeted(m->ops[op]);
            json_t *allow = targeted ? json_object() : json_array();
            for (size_t src = 0; src < m->sys->ndoms; src++) {
                if (targeted)
                    json_object_set_new(allow, m->sys->doms[src].name, names_allowed(m, op, src));
                else if (xsmc_matrix_cell(m, op, src, XSMC_NO_TARGET))
                    json_array_append_new(allow, json_string(m->sys->doms[src].name));
            }
            json_object_set_new(o, "allow", allow);
        }
        json_array_append_new(ops, o);
    }
    json_object_set_new(root, "operations", ops);
    xsmc_matrix_summary_free(&s);
    return dump(out, root);
}

int xsmc_write_powers_json(FILE *out, struct xsmc_matrix *m, size_t src)
{
    json_t *root = json_object();
    json_t *allowed = json_array(), *denied = json_array();
    char caps[96];
    const struct xsmc_dom *d = &m->sys->doms[src];
    json_object_set_new(root, "domain", json_string(d->name));
    json_object_set_new(root, "domid", json_integer(d->core.domid));
    json_object_set_new(root, "caps", json_string(xsmc_caps_text(d->core.caps, caps, sizeof(caps))));
    json_object_set_new(root, "platform", platform_of(m->sys));
    json_object_set_new(root, "profile", json_string(xsmc_profile_name(m->profile)));
    json_object_set_new(root, "silo", json_boolean(m->options & XSMC_OPT_SILO));
    for (size_t op = 0; op < m->nops; op++) {
        json_t *o = op_object(m, op);
        if (xsmc_matrix_allowed_count(m, op, src) == 0) {
            json_array_append_new(denied, o);
            continue;
        }
        if (xsmc_op_targeted(m->ops[op]))
            json_object_set_new(o, "on", names_allowed(m, op, src));
        json_array_append_new(allowed, o);
    }
    json_object_set_new(root, "allowed", allowed);
    json_object_set_new(root, "denied", denied);
    return dump(out, root);
}

static json_t *string_list(char **names, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_string(names[i]));
    return list;
}

int xsmc_write_diff_json(FILE *out, struct xsmc_matrix *before, const struct xsmc_diff *d,
                         const char *before_label, const char *after_label)
{
    json_t *root = json_object();
    json_t *changes = json_array();
    json_object_set_new(root, "from", json_string(before_label));
    json_object_set_new(root, "to", json_string(after_label));
    json_object_set_new(root, "changed", json_integer((json_int_t)d->nchanges));
    json_object_set_new(root, "gained", json_integer((json_int_t)d->gained));
    json_object_set_new(root, "lost", json_integer((json_int_t)d->lost));
    json_object_set_new(root, "domains_changed", json_integer((json_int_t)d->domains_changed));
    json_object_set_new(root, "only_in_from", string_list(d->only_before, d->nonly_before));
    json_object_set_new(root, "only_in_to", string_list(d->only_after, d->nonly_after));
    for (size_t i = 0; i < d->nchanges; i++) {
        const struct xsmc_change *c = &d->changes[i];
        json_t *o = json_object();
        json_object_set_new(o, "src", json_string(before->sys->doms[c->src].name));
        json_object_set_new(o, "op", json_string(before->ops[c->op]->name));
        json_object_set_new(o, "target", c->tgt == XSMC_NO_TARGET ? json_null()
                                         : json_string(before->sys->doms[c->tgt].name));
        json_object_set_new(o, "change", json_string(c->gained ? "gained" : "lost"));
        json_array_append_new(changes, o);
    }
    json_object_set_new(root, "changes", changes);
    return dump(out, root);
}
