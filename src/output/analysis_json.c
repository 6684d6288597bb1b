/* SPDX-License-Identifier: GPL-2.0-only */
/* Matrices and powers as JSON for scripts (jansson). */
#include <jansson.h>
#include <stdio.h>

#include "json_build.h"

static json_t *hooks_of(const struct xsmc_op *op)
{
    json_t *list = json_array();
    for (unsigned i = 0; i < op->ngates; i++)
        if (op->gates[i].kind == XSMC_G_XSM || op->gates[i].kind == XSMC_G_XSM_FILTER)
            json_array_append_new(list, json_string(xsmc_hook_info(op->gates[i].hook)->name));
    return list;
}

/* Every domain of the system, as xsmc_json_domain writes one. */
static json_t *xsmc_json_domains(const struct xsmc_system *sys)
{
    json_t *list = json_array();
    for (size_t i = 0; i < sys->ndoms; i++)
        json_array_append_new(list, xsmc_json_domain(sys, i));
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

int xsmc_json_add_matrix(json_t *root, struct xsmc_matrix *m, int summary)
{
    int per_class = summary || m->sys->ndoms > XSMC_MATRIX_CELL_LIMIT;
    struct xsmc_matrix_summary s;
    if (xsmc_matrix_summarise(m, &s))
        return -1;
    json_t *ops = json_array();
    json_object_set_new(root, "domain_count", json_integer((json_int_t)m->sys->ndoms));
    json_object_set_new(root, "class_count", json_integer((json_int_t)m->nclasses));
    json_object_set_new(root, "allowed_cells", json_integer((json_int_t)s.total));
    json_object_set_new(root, "cells", json_integer((json_int_t)s.cells));
    if (!per_class)
        json_object_set_new(root, "domains", xsmc_json_domains(m->sys));
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
    return 0;
}

int xsmc_write_matrix_json(FILE *out, struct xsmc_matrix *m, int summary)
{
    json_t *root = xsmc_json_root("matrix");
    xsmc_json_context(root, m->sys, m->profile, m->options);
    if (xsmc_json_add_matrix(root, m, summary)) {
        json_decref(root);
        return -1;
    }
    return xsmc_json_dump(out, root);
}

void xsmc_json_add_powers(json_t *root, struct xsmc_matrix *m, size_t src, int with_denied)
{
    json_t *allowed = json_array(), *denied = json_array();
    json_object_set_new(root, "domain", xsmc_json_domain(m->sys, src));
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
    if (with_denied)
        json_object_set_new(root, "denied", denied);
    else
        json_decref(denied);
}

int xsmc_write_powers_json(FILE *out, struct xsmc_matrix *m, size_t src)
{
    json_t *root = xsmc_json_root("can");
    xsmc_json_context(root, m->sys, m->profile, m->options);
    xsmc_json_add_powers(root, m, src, 1);
    return xsmc_json_dump(out, root);
}
