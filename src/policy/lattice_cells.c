/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xsmc_lattice(): the lattice with its reason, from the generated cell
 * table.  Bad input is refused first, in the readable lattice's order and
 * with its status codes; the decision itself is one lookup, with no branch
 * on the domains, so a random mix of requests mispredicts nothing.
 */
#include "xsmcap/policy.h"

static int refuse(struct xsmc_decision *out, enum xsmc_why why, int status)
{
    out->allow = 0;
    out->rc = -XSMC_XEN_EPERM;
    out->why = (uint8_t)why;
    return status;
}

int xsmc_lattice(enum xsmc_profile profile, enum xsmc_action action,
                 const struct xsmc_domain *src, const struct xsmc_domain *tgt,
                 struct xsmc_decision *out)
{
    if (!out)
        return XSMC_EBADARG;
    out->hook = 0xffff;
    out->silo = 0;
    out->step = 0;
    out->profile = (uint8_t)profile;
    out->action = (uint8_t)action;
    if ((unsigned)profile >= XSMC_PROFILE_COUNT)
        return refuse(out, XSMC_WHY_BAD_INPUT, XSMC_EBADPROFILE);
    if ((unsigned)action >= XSMC_LATTICE_ACTIONS) {
        out->action = XSMC_ACT_NONE;
        return refuse(out, XSMC_WHY_BAD_INPUT, XSMC_EBADACTION);
    }
    if (!src)
        return refuse(out, XSMC_WHY_BAD_INPUT, XSMC_EBADARG);
    const struct xsmc_domain *t = tgt ? tgt : src;
    uint32_t caps = src->caps | t->caps;
    if (caps & ~XSMC_CAP_ALL)
        return refuse(out, XSMC_WHY_BAD_INPUT, XSMC_EBADCAP);
    /* A bit Xen would have refused at boot: deny rather than guess. */
    if (caps & xsmc_lattice_undefined_caps[profile])
        return refuse(out, XSMC_WHY_CAP_UNDEFINED, 0);

    uint32_t cell = xsmc_lattice_cells[profile][action][xsmc_lattice_cell(src, t, !tgt)];
    uint32_t allow = cell >> XSMC_CELL_ALLOW_SHIFT;
    out->allow = (uint8_t)allow;
    out->why = (uint8_t)(cell & XSMC_CELL_WHY);
    out->rc = allow ? 0 : -XSMC_XEN_EPERM;
    return 0;
}
