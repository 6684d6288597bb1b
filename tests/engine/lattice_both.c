/* The readable lattice and the generated table must always agree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixtures.h"

int lattice_both(int profile, int action, const struct xsmc_domain *s,
                 const struct xsmc_domain *t)
{
    struct xsmc_decision d;
    assert_int_equal(xsmc_lattice(profile, action, s, t, &d), 0);
    int fast = xsmc_lattice_allows(profile, action, xsmc_role(profile, s),
                                   xsmc_relation(profile, s, t));
    assert_int_equal(d.allow, fast);
    uint32_t key = xsmc_key(profile, action, xsmc_role(profile, s), xsmc_relation(profile, s, t));
    assert_int_equal(xsmc_key_allows(key), fast);
    assert_int_equal(d.rc, d.allow ? 0 : -XSMC_XEN_EPERM);
    return d.allow;
}
