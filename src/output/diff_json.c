/* SPDX-License-Identifier: GPL-2.0-only */
/* A diff as JSON: the sides, the units compared, counts per unit and hypercall, every change. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "families.h"
#include "json_build.h"

static json_t *side(const struct xsmc_diff_sides *s, int i)
{
    const struct xsmc_matrix *m = s->m[i];
    json_t *o = json_object();
    json_object_set_new(o, "label", json_string(s->label[i]));
    json_object_set_new(o, "system", json_string(m->sys->source));
    json_object_set_new(o, "platform", xsmc_json_platform(m->sys));
    json_object_set_new(o, "profile", json_string(xsmc_profile_name(m->profile)));
    return o;
}

static json_t *names(const struct xsmc_system *sys, const size_t *idx, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_string(sys->doms[idx[i]].name));
    return list;
}

static json_t *units(const struct xsmc_diff_sides *s, const struct xsmc_diff *d)
{
    json_t *list = json_array();
    for (size_t u = 0; u < d->nunits; u++) {
        const struct xsmc_diff_unit *du = &d->units[u];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(du->name));
        json_object_set_new(o, "kind", json_string(du->kind));
        json_object_set_new(o, "linked", json_boolean(du->linked));
        json_object_set_new(o, "from", names(s->m[0]->sys, du->before, du->nbefore));
        json_object_set_new(o, "to", names(s->m[1]->sys, du->after, du->nafter));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *string_list(char **list, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(list[i]));
    return a;
}

/* [{"hypercall", "gained", "lost"}] over changes[first .. last), families with a change only. */
static json_t *by_hypercall(const struct xsmc_matrix *m, const struct xsmc_diff *d, size_t first,
                            size_t last, const struct xsmc_families *f, size_t *count)
{
    memset(count, 0, 2 * f->n * sizeof(*count));
    for (size_t i = first; i < last; i++)
        count[2 * f->of[d->changes[i].op] + !d->changes[i].gained]++;
    json_t *list = json_array();
    for (size_t g = 0; g < f->n; g++) {
        if (!count[2 * g] && !count[2 * g + 1])
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "hypercall", json_string(m->ops[f->first[g]]->hypercall));
        json_object_set_new(o, "gained", json_integer((json_int_t)count[2 * g]));
        json_object_set_new(o, "lost", json_integer((json_int_t)count[2 * g + 1]));
        json_array_append_new(list, o);
    }
    return list;
}

static int add_counts(json_t *root, const struct xsmc_diff_sides *s, const struct xsmc_diff *d)
{
    struct xsmc_families f;
    size_t *count = NULL;
    int rc = -1;
    if (xsmc_families_init(s->m[0], &f) || !(count = malloc((2 * f.n + 1) * sizeof(*count))))
        goto out;
    json_t *per_unit = json_array();
    for (size_t i = 0; i < d->nchanges;) {
        size_t j = i, gained = 0;
        while (j < d->nchanges && d->changes[j].src == d->changes[i].src)
            gained += d->changes[j++].gained;
        json_t *o = json_object();
        json_object_set_new(o, "unit", json_string(d->units[d->changes[i].src].name));
        json_object_set_new(o, "gained", json_integer((json_int_t)gained));
        json_object_set_new(o, "lost", json_integer((json_int_t)(j - i - gained)));
        json_object_set_new(o, "by_hypercall", by_hypercall(s->m[0], d, i, j, &f, count));
        json_array_append_new(per_unit, o);
        i = j;
    }
    json_object_set_new(root, "by_domain", per_unit);
    json_object_set_new(root, "by_hypercall", by_hypercall(s->m[0], d, 0, d->nchanges, &f, count));
    rc = 0;
out:
    xsmc_families_free(&f);
    free(count);
    return rc;
}

int xsmc_json_add_diff(json_t *root, const struct xsmc_diff_sides *s, const struct xsmc_diff *d,
                       int summary)
{
    int systems = s->m[0]->sys != s->m[1]->sys;
    json_object_set_new(root, "compare", json_string(systems ? "systems" : "profiles"));
    json_object_set_new(root, "from", side(s, 0));
    json_object_set_new(root, "to", side(s, 1));
    json_object_set_new(root, "silo", json_boolean(s->m[1]->options & XSMC_OPT_SILO));
    if (systems)
        json_object_set_new(root, "units", units(s, d));
    json_object_set_new(root, "only_in_from", string_list(d->only_before, d->nonly_before));
    json_object_set_new(root, "only_in_to", string_list(d->only_after, d->nonly_after));
    json_object_set_new(root, "rule", json_string(xsmc_diff_rule_text));
    json_object_set_new(root, "changed", json_integer((json_int_t)d->nchanges));
    json_object_set_new(root, "gained", json_integer((json_int_t)d->gained));
    json_object_set_new(root, "lost", json_integer((json_int_t)d->lost));
    json_object_set_new(root, "domains_changed", json_integer((json_int_t)d->domains_changed));
    json_object_set_new(root, "domains_compared", json_integer((json_int_t)d->nunits));
    if (add_counts(root, s, d))
        return -1;
    if (summary)
        return 0;
    json_t *changes = json_array();
    for (size_t i = 0; i < d->nchanges; i++) {
        const struct xsmc_change *c = &d->changes[i];
        const struct xsmc_op *op = s->m[0]->ops[c->op];
        json_t *o = json_object();
        json_object_set_new(o, "src", json_string(d->units[c->src].name));
        json_object_set_new(o, "op", json_string(op->name));
        json_object_set_new(o, "hypercall", json_string(op->hypercall));
        json_object_set_new(o, "target", c->tgt == XSMC_NO_TARGET ? json_null()
                                         : json_string(d->units[c->tgt].name));
        json_object_set_new(o, "change", json_string(c->gained ? "gained" : "lost"));
        json_array_append_new(changes, o);
    }
    json_object_set_new(root, "changes", changes);
    return 0;
}

int xsmc_write_diff_json(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d,
                         int summary)
{
    json_t *root = xsmc_json_root("diff");
    if (xsmc_json_add_diff(root, s, d, summary)) {
        json_decref(root);
        return -1;
    }
    return xsmc_json_dump(out, root);
}
