/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every path of the lattice must give one answer: the readable lattice
 * (the specification), xsmc_lattice() and xsmc_lattice_allowed() from the
 * cell table, and the matrix path by class and by key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "fixtures.h"
#include "lattice_internal.h"

int lattice_both(int profile, int action, const struct xsmc_domain *s,
                 const struct xsmc_domain *t)
{
    struct xsmc_decision d, spec;
    /* different fillings, so that a field one path leaves unwritten differs */
    memset(&d, 0x00, sizeof(d));
    memset(&spec, 0xff, sizeof(spec));
    assert_int_equal(xsmc_lattice(profile, action, s, t, &d), 0);
    assert_int_equal(xsmc_lattice_spec(profile, action, s, t, &spec), 0);
    assert_memory_equal(&d, &spec, sizeof(d));
    assert_int_equal(xsmc_lattice_allowed(profile, action, s, t), d.allow);
    int fast = xsmc_lattice_allows(profile, action, xsmc_role(profile, s),
                                   xsmc_relation(profile, s, t));
    assert_int_equal(d.allow, fast);
    uint32_t key = xsmc_key(profile, action, xsmc_role(profile, s), xsmc_relation(profile, s, t));
    assert_int_equal(xsmc_key_allows(key), fast);
    assert_int_equal(d.rc, d.allow ? 0 : -XSMC_XEN_EPERM);
    return d.allow;
}
