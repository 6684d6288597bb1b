/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The report as JSON: everything the text report says, in the shapes the
 * other verbs use (a domain as check writes it, the diff as diff writes it,
 * powers as can writes them, the matrix as matrix writes it).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_build.h"

static json_t *validation(const struct xsmc_report *r)
{
    json_t *o = json_object(), *diags = json_array();
    for (size_t i = 0; i < r->sys->ndiags; i++)
        json_array_append_new(diags, xsmc_json_diag(&r->sys->diags[i]));
    size_t errors = xsmc_system_count(r->sys, XSMC_ERROR);
    json_object_set_new(o, "diagnostics", diags);
    json_object_set_new(o, "errors", json_integer((json_int_t)errors));
    json_object_set_new(o, "warnings", json_integer((json_int_t)xsmc_system_count(r->sys, XSMC_WARNING)));
    json_object_set_new(o, "valid", json_boolean(errors == 0));
    return o;
}

static json_t *lints(const struct xsmc_report *r)
{
    json_t *o = json_object(), *items = json_array();
    json_object_set_new(o, "error", r->lint_status ? json_string(xsmc_strerror(r->lint_status))
                                                   : json_null());
    for (size_t i = 0; !r->lint_status && i < r->lint.count; i++)
        json_array_append_new(items, xsmc_json_diag(&r->lint.items[i]));
    for (int sev = XSMC_ERROR; sev >= XSMC_NOTE; sev--)
        json_object_set_new(o, sev == XSMC_ERROR ? "errors" : sev == XSMC_WARNING ? "warnings" : "notes",
                            json_integer(r->lint_status ? 0 : (json_int_t)r->lint.by_severity[sev]));
    json_object_set_new(o, "findings", items);
    return o;
}

/* The headlines as the text report writes them, one string per line, indentation dropped. */
static json_t *headlines(const struct xsmc_diff_sides *s, const struct xsmc_diff *d)
{
    char *buf = NULL;
    size_t len = 0;
    json_t *list = json_array();
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return list;
    xsmc_write_diff_headlines(mem, s, d);
    fclose(mem);
    for (char *line = buf ? strtok(buf, "\n") : NULL; line; line = strtok(NULL, "\n"))
        json_array_append_new(list, json_string(line + strspn(line, " ")));
    free(buf);
    return list;
}

/* Past the cell limit: per operation and role class, the allowed cells that change. */
static json_t *class_totals(const struct xsmc_report *r)
{
    size_t nc = r->m->nclasses;
    uint64_t *before = calloc(nc ? nc : 1, sizeof(*before));
    uint64_t *after = calloc(nc ? nc : 1, sizeof(*after));
    json_t *list = json_array();
    for (size_t op = 0; before && after && op < r->m->nops; op++) {
        memset(before, 0, nc * sizeof(*before));
        memset(after, 0, nc * sizeof(*after));
        for (size_t i = 0; i < r->sys->ndoms; i++) {
            before[r->m->class_of[i]] += xsmc_matrix_allowed_count(r->base, op, i);
            after[r->m->class_of[i]] += xsmc_matrix_allowed_count(r->m, op, i);
        }
        for (size_t c = 0; c < nc; c++) {
            if (before[c] == after[c])
                continue;
            json_t *o = json_object();
            json_object_set_new(o, "op", json_string(r->m->ops[op]->name));
            json_object_set_new(o, "class", json_integer((json_int_t)c));
            json_object_set_new(o, "example", xsmc_json_domain(r->sys, r->m->classes[c].first));
            json_object_set_new(o, "members", json_integer((json_int_t)r->m->classes[c].members));
            json_object_set_new(o, "before", json_integer((json_int_t)before[c]));
            json_object_set_new(o, "after", json_integer((json_int_t)after[c]));
            json_array_append_new(list, o);
        }
    }
    free(before);
    free(after);
    return list;
}

/* What changes from upstream; null when the report's profile is upstream. */
static json_t *change(struct xsmc_report *r, int *bad)
{
    if (!r->base)
        return json_null();
    json_t *o = json_object();
    if (r->sys->ndoms > XSMC_MATRIX_CELL_LIMIT) {
        json_object_set_new(o, "per_class", class_totals(r));
        return o;
    }
    struct xsmc_diff_sides sides = {{r->base, r->m}, {"upstream", xsmc_profile_name(r->profile)}};
    json_object_set_new(o, "headlines", headlines(&sides, &r->diff));
    *bad |= xsmc_json_add_diff(o, &sides, &r->diff, 0);
    return o;
}

/* What each domain may do (as the text says, not what it may not), per role class past the limit. */
static json_t *powers(struct xsmc_report *r)
{
    int per_class = r->sys->ndoms > XSMC_MATRIX_CELL_LIMIT;
    size_t n = per_class ? r->m->nclasses : r->sys->ndoms;
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        if (per_class) {
            json_object_set_new(o, "class", json_integer((json_int_t)i));
            json_object_set_new(o, "members", json_integer((json_int_t)r->m->classes[i].members));
        }
        xsmc_json_add_powers(o, r->m, per_class ? r->m->classes[i].first : i, 0);
        json_array_append_new(list, o);
    }
    return list;
}

int xsmc_write_report_json(FILE *out, struct xsmc_report *r)
{
    json_t *root = xsmc_json_root("report"), *doms = json_array(), *matrix = json_object();
    int bad = 0;
    xsmc_json_context(root, r->sys, r->profile, r->options);
    json_object_set_new(root, "iommu", r->sys->iommu == XSMC_UNKNOWN ? json_null()
                                       : json_boolean(r->sys->iommu == XSMC_YES));
    for (size_t i = 0; i < r->sys->ndoms && i < XSMC_MATRIX_CELL_LIMIT; i++)
        json_array_append_new(doms, xsmc_json_domain_boot(r->sys, i));
    json_object_set_new(root, "domain_count", json_integer((json_int_t)r->sys->ndoms));
    json_object_set_new(root, "domains", doms);
    json_object_set_new(root, "validation", validation(r));
    json_object_set_new(root, "lints", lints(r));
    json_object_set_new(root, "change", change(r, &bad));
    json_object_set_new(root, "powers", powers(r));
    bad |= xsmc_json_add_matrix(matrix, r->m, 0);
    json_object_set_new(root, "matrix", matrix);
    if (bad) {
        json_decref(root);
        return -1;
    }
    return xsmc_json_dump(out, root);
}
