/* Xen's boot-time rules (minimal set until the readers land). */
#include "xsmcap/config.h"

int xsmc_validate(struct xsmc_system *sys, enum xsmc_profile profile)
{
    int errors = 0;
    uint32_t defined = xsmc_profile_caps(profile);
    const struct xsmc_dom *hw = NULL, *xs = NULL;
    for (size_t i = 0; i < sys->ndoms; i++) {
        const struct xsmc_dom *d = &sys->doms[i];
        if (d->core.caps & ~defined) {
            xsmc_system_diag(sys, XSMC_ERROR, "caps-invalid", d->where,
                             "remove the capability or choose a profile that defines it",
                             "Invalid capabilities (%x) for domain '%s' under profile %s",
                             d->core.caps, d->name, xsmc_profile_name(profile));
            errors++;
        }
        if (d->core.caps & XSMC_CAP_HARDWARE) {
            if (hw) {
                xsmc_system_diag(sys, XSMC_ERROR, "hwdom-duplicate", d->where,
                                 "give the hardware capability to one domain only",
                                 "Only 1 hardware domain can be specified! ('%s' and '%s')",
                                 hw->name, d->name);
                errors++;
            }
            hw = d;
        }
        if (d->core.caps & XSMC_CAP_XENSTORE) {
            if (xs) {
                xsmc_system_diag(sys, XSMC_ERROR, "xenstore-duplicate", d->where,
                                 "give the xenstore capability to one domain only",
                                 "Only 1 xenstore domain can be specified! ('%s' and '%s')",
                                 xs->name, d->name);
                errors++;
            }
            xs = d;
        }
    }
    return errors;
}
