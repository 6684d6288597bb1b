/* SPDX-License-Identifier: GPL-2.0-only */
/* A program outside the project, built from the staged install with
   pkg-config alone: the headers, the library and the .pc file suffice. */
#include <stdio.h>
#include <xsmcap/flask.h>
#include <xsmcap/policy.h>

/* Kept so that a static link pulls the Flask objects, which need libsepol. */
int (*volatile flask_bind)(struct xsmc_flask_policy *, const struct xsmc_system *, char *,
                           size_t) = xsmc_flask_bind;

int main(void)
{
    /* xen/include/xsm/dummy.h: XSM_PRIV is the control domain's alone. */
    struct xsmc_domain ctl = {.domid = 0, .caps = XSMC_CAP_CONTROL, .target = XSMC_DOMID_NONE};
    struct xsmc_domain guest = {.domid = 1, .caps = 0, .target = XSMC_DOMID_NONE};
    int c = xsmc_lattice_allowed(XSMC_PROFILE_UPSTREAM, XSMC_ACT_PRIV, &ctl, &guest);
    int g = xsmc_lattice_allowed(XSMC_PROFILE_UPSTREAM, XSMC_ACT_PRIV, &guest, &ctl);
    printf("%s: control %s, guest %s\n", xsmc_profile_name(XSMC_PROFILE_UPSTREAM),
           c ? "allow" : "deny", g ? "allow" : "deny");
    return c == 1 && g == 0 ? 0 : 1;
}
