/* SPDX-License-Identifier: GPL-2.0-only */
/* The matrix as a text grid and as CSV; per class past XSMC_MATRIX_CELL_LIMIT domains. */
#include <stdio.h>
#include <string.h>

#include "xsmcap/report.h"

static int use_summary(const struct xsmc_matrix *m, int summary)
{
    return summary || m->sys->ndoms > XSMC_MATRIX_CELL_LIMIT;
}

static int id_width(const struct xsmc_matrix *m)
{
    int w = 1;
    for (size_t i = 0; i < m->sys->ndoms; i++) {
        int n = snprintf(NULL, 0, "%u", m->sys->doms[i].core.domid);
        w = n > w ? n : w;
    }
    return w;
}

/* The widest operation name, so that labels never run into the next column. */
static int label_width(const struct xsmc_matrix *m, int targeted)
{
    int w = targeted ? 24 : 32;
    for (size_t op = 0; op < m->nops; op++)
        if (xsmc_op_targeted(m->ops[op]) == targeted && (int)strlen(m->ops[op]->name) + 1 > w)
            w = (int)strlen(m->ops[op]->name) + 1;
    return w;
}

static void write_header(FILE *out, const struct xsmc_matrix *m)
{
    char caps[96], plat[96];
    fprintf(out, "matrix of %s on %s under %s%s: %zu domains, %zu operations\n", m->sys->source,
            xsmc_platform_label(m->sys, plat, sizeof(plat)), xsmc_profile_name(m->profile),
            (m->options & XSMC_OPT_SILO) ? " with SILO" : "", m->sys->ndoms, m->nops);
    for (size_t i = 0; i < m->sys->ndoms && m->sys->ndoms <= XSMC_MATRIX_CELL_LIMIT; i++) {
        const struct xsmc_dom *d = &m->sys->doms[i];
        fprintf(out, "  %5u %s (%s%s%s)", d->core.domid, d->name,
                xsmc_caps_text(d->core.caps, caps, sizeof(caps)),
                m->sys->arch == XSMC_ARCH_X86_64 ? ", " : "",
                m->sys->arch == XSMC_ARCH_X86_64 ? xsmc_guest_name(xsmc_dom_guest(d)) : "");
        if (m->target_of[i] != XSMC_NO_TARGET)
            fprintf(out, " device model of %s", m->sys->doms[m->target_of[i]].name);
        fputc('\n', out);
    }
}

static void write_grid(FILE *out, struct xsmc_matrix *m)
{
    size_t n = m->sys->ndoms;
    int w = id_width(m);
    int lw = label_width(m, 0), tw = label_width(m, 1);
    fprintf(out, "A allow, . deny; columns are domain ids\n\n%-*s", lw + 8, "operation (no target)  source:");
    for (size_t i = 0; i < n; i++)
        fprintf(out, " %*u", w, m->sys->doms[i].core.domid);
    fputc('\n', out);
    for (size_t op = 0; op < m->nops; op++) {
        if (xsmc_op_targeted(m->ops[op]))
            continue;
        fprintf(out, "%-*s", lw + 8, m->ops[op]->name);
        for (size_t s = 0; s < n; s++)
            fprintf(out, " %*s", w, xsmc_matrix_cell(m, op, s, XSMC_NO_TARGET) ? "A" : ".");
        fputc('\n', out);
    }
    fprintf(out, "\n%-*s%-8s", tw, "operation on a target", "source");
    for (size_t i = 0; i < n; i++)
        fprintf(out, " %*u", w, m->sys->doms[i].core.domid);
    fputc('\n', out);
    for (size_t op = 0; op < m->nops; op++) {
        if (!xsmc_op_targeted(m->ops[op]))
            continue;
        for (size_t s = 0; s < n; s++) {
            fprintf(out, "%-*s%-8u", tw, s ? "" : m->ops[op]->name, m->sys->doms[s].core.domid);
            for (size_t t = 0; t < n; t++)
                fprintf(out, " %*s", w, xsmc_matrix_cell(m, op, s, t) ? "A" : ".");
            fputc('\n', out);
        }
    }
}

static void write_classes(FILE *out, const struct xsmc_matrix *m)
{
    char caps[96];
    fprintf(out, "%zu role classes (domains the policy cannot tell apart):\n", m->nclasses);
    for (size_t c = 0; c < m->nclasses; c++) {
        const struct xsmc_class *k = &m->classes[c];
        fprintf(out, "  c%zu: %s%s%s%s%s%s, %zu domain%s, e.g. %s\n", c,
                xsmc_caps_text(k->caps, caps, sizeof(caps)),
                m->sys->arch == XSMC_ARCH_X86_64 ? ", " : "",
                m->sys->arch == XSMC_ARCH_X86_64
                    ? xsmc_guest_name((enum xsmc_guest)((k->flags & XSMC_DOMF_GUEST_MASK) >> XSMC_DOMF_GUEST_SHIFT))
                    : "",
                (k->flags & XSMC_DOMF_CONSOLE) ? ", is_console" : "",
                (k->flags & XSMC_DOMF_IDLE_BOOT) ? ", idle at boot" : "",
                k->idle ? ", idle domain" : "", k->members, k->members == 1 ? "" : "s",
                m->sys->doms[k->first].name);
    }
}

/* Per class: the classes each source class may act on plainly (not itself, not its own target). */
static void write_summary(FILE *out, struct xsmc_matrix *m)
{
    struct xsmc_matrix_summary s;
    int lw = label_width(m, 0) > label_width(m, 1) ? label_width(m, 0) : label_width(m, 1);
    write_classes(out, m);
    if (xsmc_matrix_summarise(m, &s)) {
        fprintf(out, "(out of memory computing the summary)\n");
        return;
    }
    fprintf(out, "\n%llu of %llu cells allow.  'cN on: cM' lists the classes a source of class N\n"
                 "may act on (other than itself and its own target); 'itself' is the first member\n"
                 "acting on itself.\n", (unsigned long long)s.total, (unsigned long long)s.cells);
    for (size_t op = 0; op < m->nops; op++) {
        fprintf(out, "%-*s %llu allowed\n", lw, m->ops[op]->name, (unsigned long long)s.allowed[op]);
        for (size_t a = 0; a < m->nclasses; a++) {
            size_t ex = m->classes[a].first;
            if (!xsmc_op_targeted(m->ops[op])) {
                fprintf(out, "  c%zu %s\n", a, xsmc_matrix_cell(m, op, ex, XSMC_NO_TARGET) ? "A" : ".");
                continue;
            }
            int any = 0;
            fprintf(out, "  c%zu on:", a);
            for (size_t b = 0; b < m->nclasses; b++)
                if ((b != a || m->classes[b].members > 1) && xsmc_matrix_class_cell(m, op, a, b)) {
                    fprintf(out, " c%zu", b);
                    any = 1;
                }
            fprintf(out, "%s; itself %s\n", any ? "" : " no other class",
                    xsmc_matrix_cell(m, op, ex, ex) ? "A" : ".");
        }
    }
    xsmc_matrix_summary_free(&s);
}

void xsmc_write_matrix_text(FILE *out, struct xsmc_matrix *m, int summary)
{
    write_header(out, m);
    if (use_summary(m, summary))
        write_summary(out, m);
    else
        write_grid(out, m);
}

/* A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
static void csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* The XSM hooks an operation checks, in order, joined by '+'. */
static void csv_hooks(FILE *out, const struct xsmc_op *op)
{
    int first = 1;
    for (unsigned i = 0; i < op->ngates; i++)
        if (op->gates[i].kind == XSMC_G_XSM || op->gates[i].kind == XSMC_G_XSM_FILTER) {
            fprintf(out, "%s%s", first ? "" : "+", xsmc_hook_info(op->gates[i].hook)->name);
            first = 0;
        }
}

void xsmc_write_matrix_csv(FILE *out, struct xsmc_matrix *m, int summary)
{
    if (use_summary(m, summary)) {
        struct xsmc_matrix_summary s;
        if (xsmc_matrix_summarise(m, &s))
            return;
        fprintf(out, "operation,hypercall,hooks,targeted,allowed\n");
        for (size_t op = 0; op < m->nops; op++) {
            fprintf(out, "%s,%s,", m->ops[op]->name, m->ops[op]->hypercall);
            csv_hooks(out, m->ops[op]);
            fprintf(out, ",%s,%llu\n", xsmc_op_targeted(m->ops[op]) ? "yes" : "no",
                    (unsigned long long)s.allowed[op]);
        }
        xsmc_matrix_summary_free(&s);
        return;
    }
    fprintf(out, "operation,hypercall,hooks,source,target,decision\n");
    for (size_t op = 0; op < m->nops; op++) {
        int targeted = xsmc_op_targeted(m->ops[op]);
        for (size_t s = 0; s < m->sys->ndoms; s++) {
            size_t last = targeted ? m->sys->ndoms : 1;
            for (size_t t = 0; t < last; t++) {
                size_t tgt = targeted ? t : XSMC_NO_TARGET;
                fprintf(out, "%s,%s,", m->ops[op]->name, m->ops[op]->hypercall);
                csv_hooks(out, m->ops[op]);
                fputc(',', out);
                csv_field(out, m->sys->doms[s].name);
                fputc(',', out);
                csv_field(out, tgt == XSMC_NO_TARGET ? "" : m->sys->doms[t].name);
                fprintf(out, ",%s\n", xsmc_matrix_cell(m, op, s, tgt) ? "allow" : "deny");
            }
        }
    }
}
