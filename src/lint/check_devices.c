/* SPDX-License-Identifier: GPL-2.0-only */
/* Rules about devices: DMA without an IOMMU, and hardware in the control domain. */
#include "lint_internal.h"

/* The first device of d that may master DMA (unknown counts: fail closed), or NULL. */
static const struct xsmc_device *dma_device(const struct xsmc_dom *d)
{
    for (size_t i = 0; i < d->ndevices; i++)
        if (d->devices[i].dma_capable != XSMC_NO)
            return &d->devices[i];
    return NULL;
}

/*
 * The hardware domain owns every host device not passed through; the model
 * lists them only when the configuration does, so an empty list means "the
 * host's devices", which on any real platform include bus masters.
 */
static int hwdom_drives_dma(const struct xsmc_dom *d)
{
    return lint_is_hardware(d) && !lint_is_control(d) && (d->ndevices == 0 || dma_device(d));
}

static int guest_has_dma(const struct xsmc_dom *d)
{
    return !lint_is_hardware(d) && dma_device(d);
}

void lint_check_hwdom_dma_without_iommu(struct lint_ctx *ctx)
{
    /* an IOMMU that does not remap interrupts lets a device forge MSIs */
    int no_remap = ctx->sys->iommu == XSMC_YES && ctx->sys->intremap == XSMC_NO;
    if (ctx->sys->iommu != XSMC_NO && !no_remap)
        return;
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        if (!hwdom_drives_dma(d))
            continue;
        const struct xsmc_device *dev = dma_device(d);
        lint_emit(ctx, d->where,
                  "hardware domain '%s' drives DMA-capable devices (%s%s) and the platform has %s: "
                  "%s, so it is effectively the control domain",
                  d->name, dev ? dev->path : "the host devices it owns by default",
                  dev && d->ndevices > 1 ? ", ..." : "",
                  no_remap ? "an IOMMU with interrupt remapping off" : "no IOMMU",
                  no_remap ? "its devices can write any interrupt message (MSI) and inject interrupts"
                           : "it can write all memory");
    }
}

void lint_check_iommu_unknown(struct lint_ctx *ctx)
{
    if (ctx->sys->iommu != XSMC_UNKNOWN)
        return;
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        if (hwdom_drives_dma(d) || guest_has_dma(d)) {
            lint_emit(ctx, "",
                      "whether the platform has an IOMMU is unknown, so the DMA rules were not "
                      "decided (first domain concerned: '%s')", d->name);
            return;
        }
    }
}

void lint_check_passthrough_dma_without_iommu(struct lint_ctx *ctx)
{
    if (ctx->sys->iommu != XSMC_NO)
        return;
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        const struct xsmc_device *dev = lint_is_hardware(d) ? NULL : dma_device(d);
        if (!dev)
            continue;
        lint_emit(ctx, d->where,
                  "domain '%s' is given device %s, %s, and the platform has no IOMMU: it can "
                  "write all memory", d->name, dev->path,
                  dev->dma_capable == XSMC_YES ? "a bus master" : "which may be a bus master");
    }
}

void lint_check_control_owns_passthrough(struct lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        if (lint_is_control(d) && !lint_is_hardware(d) && d->ndevices)
            lint_emit(ctx, d->where,
                      "control domain '%s' owns %zu passthrough device%s (%s): device and "
                      "driver code in the most privileged domain",
                      d->name, d->ndevices, d->ndevices == 1 ? "" : "s", d->devices[0].path);
    }
}
