/* SPDX-License-Identifier: GPL-2.0-only */
/* The report: the system, its validation and lints, the change from upstream, powers, matrix. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/config.h"
#include "xsmcap/explain.h"
#include "xsmcap/report.h"

int xsmc_report_build(struct xsmc_report *r, struct xsmc_system *sys,
                      enum xsmc_profile profile, uint32_t options)
{
    memset(r, 0, sizeof(*r));
    r->sys = sys;
    r->profile = profile;
    r->options = options;
    xsmc_validate(sys, profile);
    /* the lints see the options the report is about (SILO decides silo-no-bridge) */
    struct xsmc_lint_config lint_cfg;
    xsmc_lint_config_init(&lint_cfg);
    lint_cfg.options = options;
    r->lint_status = xsmc_lint_run(sys, profile, &lint_cfg, &r->lint);
    r->m = xsmc_matrix_new(sys, profile, options);
    if (!r->m)
        return -1;
    if (profile == XSMC_PROFILE_UPSTREAM)
        return 0;
    r->base = xsmc_matrix_new(sys, XSMC_PROFILE_UPSTREAM, options);
    if (!r->base)
        return -1;
    /* past the cell limit the report compares per class totals instead of cells */
    if (sys->ndoms <= XSMC_MATRIX_CELL_LIMIT && xsmc_diff_compute(r->base, r->m, &r->diff))
        return -1;
    return 0;
}

void xsmc_report_free(struct xsmc_report *r)
{
    xsmc_matrix_free(r->m);
    xsmc_matrix_free(r->base);
    xsmc_diff_free(&r->diff);
    if (r->lint_status == 0)
        xsmc_lint_findings_free(&r->lint);
    memset(r, 0, sizeof(*r));
}

const char *xsmc_platform_label(const struct xsmc_system *sys, char *buf, size_t len)
{
    snprintf(buf, len, "%s, %s", xsmc_arch_name((enum xsmc_arch)sys->arch),
             sys->kconfig.from_file ? "the given .config" : "defconfig");
    return buf;
}

static const char *tristate(int v)
{
    return v == XSMC_YES ? "yes" : v == XSMC_NO ? "no" : "unknown";
}

static void write_system(FILE *out, const struct xsmc_report *r)
{
    const struct xsmc_system *sys = r->sys;
    char caps[96], plat[96];
    fprintf(out, "== System\n%s: %zu domain%s on %s, IOMMU %s\n", sys->source, sys->ndoms,
            sys->ndoms == 1 ? "" : "s", xsmc_platform_label(sys, plat, sizeof(plat)),
            tristate(sys->iommu));
    for (size_t i = 0; i < sys->ndoms && i < XSMC_MATRIX_CELL_LIMIT; i++) {
        const struct xsmc_dom *d = &sys->doms[i];
        fprintf(out, "  %5u %-16s %s", d->core.domid, d->name,
                xsmc_caps_text(d->core.caps, caps, sizeof(caps)));
        if (sys->arch == XSMC_ARCH_X86_64)
            fprintf(out, "; %s guest", xsmc_guest_name(xsmc_dom_guest(d)));
        if (r->m->target_of[i] != XSMC_NO_TARGET)
            fprintf(out, "; device model of %s", sys->doms[r->m->target_of[i]].name);
        for (size_t b = 0; b < d->nbackends; b++)
            fprintf(out, "%s%s", b ? ", " : "; backends ", d->backends[b]);
        if (d->ndevices)
            fprintf(out, "; %zu passthrough device%s", d->ndevices, d->ndevices == 1 ? "" : "s");
        for (size_t m = 0; m < d->nshms; m++)
            fprintf(out, "%s%s", m ? ", " : "; static shared memory ", d->shms[m].id);
        for (size_t e = 0; e < d->nevtchns; e++)
            fprintf(out, "%s%s (port %u)", e ? ", " : "; static event channels to ", d->evtchns[e].peer,
                    d->evtchns[e].port);
        fputc('\n', out);
    }
    if (sys->ndoms > XSMC_MATRIX_CELL_LIMIT)
        fprintf(out, "  (%zu more domains; see the role classes below)\n",
                sys->ndoms - XSMC_MATRIX_CELL_LIMIT);
}

static void write_findings(FILE *out, const struct xsmc_report *r)
{
    size_t errors = xsmc_system_count(r->sys, XSMC_ERROR);
    fprintf(out, "\n== Validation under %s (Xen's boot-time rules)\n", xsmc_profile_name(r->profile));
    for (size_t i = 0; i < r->sys->ndiags; i++)
        xsmc_diag_print(out, r->sys->source, &r->sys->diags[i]);
    enum xsmc_verdict verdict = xsmc_config_verdict(r->sys);
    if (errors)
        fprintf(out, "%zu error%s: Xen would refuse to boot this system; the decisions below "
                     "assume it did\n", errors, errors == 1 ? "" : "s");
    else if (verdict == XSMC_UNDECIDED)
        fprintf(out, "undecided: Xen boots this system only if what the configuration does not say "
                     "holds (above); no decision below depends on it\n");
    else if (!xsmc_system_count(r->sys, XSMC_WARNING))
        fprintf(out, "no errors or warnings: Xen would boot this system\n");
    fprintf(out, "\n== Lints (safety of the split)\n");
    if (r->lint_status) {
        fprintf(out, "lints could not run: %s\n", xsmc_strerror(r->lint_status));
        return;
    }
    for (size_t i = 0; i < r->lint.count; i++)
        xsmc_diag_print(out, r->sys->source, &r->lint.items[i]);
    if (!r->lint.count)
        fprintf(out, "no findings\n");
}

/* Past the cell limit: per hook and role class, the allowed cells before and after. */
static void write_class_totals(FILE *out, const struct xsmc_report *r)
{
    size_t nc = r->m->nclasses;
    uint64_t *before = calloc(nc ? nc : 1, sizeof(*before));
    uint64_t *after = calloc(nc ? nc : 1, sizeof(*after));
    char caps[96];
    if (!before || !after) {
        fprintf(out, "(out of memory comparing the classes)\n");
        free(before);
        free(after);
        return;
    }
    fprintf(out, "allowed cells per operation and role class, upstream -> %s (only what changes):\n",
            xsmc_profile_name(r->profile));
    for (size_t op = 0; op < r->m->nops; op++) {
        memset(before, 0, nc * sizeof(*before));
        memset(after, 0, nc * sizeof(*after));
        for (size_t i = 0; i < r->sys->ndoms; i++) {
            before[r->m->class_of[i]] += xsmc_matrix_allowed_count(r->base, op, i);
            after[r->m->class_of[i]] += xsmc_matrix_allowed_count(r->m, op, i);
        }
        for (size_t c = 0; c < nc; c++)
            if (before[c] != after[c])
                fprintf(out, "  %-36s class c%zu (%s, %zu domains): %llu -> %llu\n", r->m->ops[op]->name, c,
                        xsmc_caps_text(r->m->classes[c].caps, caps, sizeof(caps)), r->m->classes[c].members,
                        (unsigned long long)before[c], (unsigned long long)after[c]);
    }
    free(before);
    free(after);
}

void xsmc_write_report_change(FILE *out, struct xsmc_report *r, int details)
{
    const char *label = xsmc_profile_name(r->profile);
    if (!r->base) {
        fprintf(out, "the report's profile is upstream itself: nothing to compare\n");
        return;
    }
    if (r->sys->ndoms > XSMC_MATRIX_CELL_LIMIT) {
        write_class_totals(out, r);
        return;
    }
    struct xsmc_diff_sides sides = {{r->base, r->m}, {"upstream", label}};
    xsmc_write_diff_headlines(out, &sides, &r->diff);
    if (details) {
        fputc('\n', out);
        xsmc_write_diff_text(out, &sides, &r->diff);
    }
}

void xsmc_write_report_text(FILE *out, struct xsmc_report *r)
{
    char plat[96];
    fprintf(out, "xsmcap report: %s on %s under %s%s\n\n", r->sys->source,
            xsmc_platform_label(r->sys, plat, sizeof(plat)), xsmc_profile_name(r->profile),
            (r->options & XSMC_OPT_SILO) ? " with SILO" : "");
    write_system(out, r);
    write_findings(out, r);
    fprintf(out, "\n== What changes from upstream to %s\n", xsmc_profile_name(r->profile));
    xsmc_write_report_change(out, r, 1);
    fprintf(out, "\n== What each domain may do under %s\n", xsmc_profile_name(r->profile));
    if (r->sys->ndoms > XSMC_MATRIX_CELL_LIMIT) {
        for (size_t c = 0; c < r->m->nclasses; c++) {
            fprintf(out, "class c%zu (%zu domains), for example:\n", c, r->m->classes[c].members);
            xsmc_write_powers(out, r->m, r->m->classes[c].first, 0);
        }
    } else {
        for (size_t i = 0; i < r->sys->ndoms; i++) {
            xsmc_write_powers(out, r->m, i, 0);
            fputc('\n', out);
        }
    }
    fprintf(out, "\n== Matrix (operations) under %s\n", xsmc_profile_name(r->profile));
    xsmc_write_matrix_text(out, r->m, 0);
}
