/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every cell of the reference truth tables against the engine:
 *  - tests/data/xsm-truth-tables.md, sections 1, 2, 3 and 5 (upstream,
 *    hwpriv, hwpriv-dm, hwpriv-v2), 62 situations x 6 actions each;
 *  - tests/data/truth-{upstream,hwpriv}.tsv, produced by compiling Xen's
 *    own xsm_default_action.
 * Both paths of the engine (readable lattice and table) are checked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static const char *data_dir;

enum { SRC_ID = 1, OWN_TARGET = 5, OTHER = 6, CONTROL_T = 7, HWDOM_T = 8, UNTARGETABLE_T = 9 };

/* Source situation of the markdown tables. */
static int md_source(const char *name, struct xsmc_domain *s)
{
    static const struct { const char *name; uint32_t caps; int stub; int idle; } rows[] = {
        {"domU", 0, 0, 0},
        {"stubdom", 0, 1, 0},
        {"xenstore", XSMC_CAP_XENSTORE, 0, 0},
        {"hw-only", XSMC_CAP_HARDWARE, 0, 0},
        {"ctl-only", XSMC_CAP_CONTROL, 0, 0},
        {"dom0(C+H)", XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE, 0, 0},
        {"hw+xs", XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE, 0, 0},
        {"DM-cap", XSMC_CAP_DEVICE_MODEL, 0, 0},
        {"hw+DM", XSMC_CAP_HARDWARE | XSMC_CAP_DEVICE_MODEL, 0, 0},
        {"ctl+xs", XSMC_CAP_CONTROL | XSMC_CAP_XENSTORE, 0, 0},
        {"idle@boot", 0, 0, 1},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        if (strcmp(rows[i].name, name) != 0)
            continue;
        *s = rows[i].idle ? idle_at_boot() : dom(SRC_ID, rows[i].caps);
        if (rows[i].stub)
            s->target = OWN_TARGET;
        return 0;
    }
    return -1;
}

/* Target situation of the markdown tables; *t is NULL for "NULL". */
static int md_target(const char *name, struct xsmc_domain *s, struct xsmc_domain *buf,
                     const struct xsmc_domain **t)
{
    if (strcmp(name, "NULL") == 0) { *t = NULL; return 0; }
    if (strcmp(name, "self") == 0) { *t = s; return 0; }
    if (strcmp(name, "own-target") == 0) *buf = dom(OWN_TARGET, 0);
    else if (strcmp(name, "other-domU") == 0) *buf = dom(OTHER, 0);
    else if (strcmp(name, "control-dom") == 0) *buf = dom(CONTROL_T, XSMC_CAP_CONTROL);
    else if (strcmp(name, "hwdom") == 0) *buf = dom(HWDOM_T, XSMC_CAP_HARDWARE);
    else if (strcmp(name, "untargetable-domU") == 0) *buf = dom(UNTARGETABLE_T, XSMC_CAP_NOT_HYPERCALL_TARGET);
    else return -1;
    *t = buf;
    return 0;
}

static FILE *open_data(const char *name)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", data_dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    return f;
}

/* Split a markdown table row "| a | b | ... |" into trimmed cells. */
static int md_cells(char *line, char **cells, int max)
{
    int n = 0;
    char *p = line;
    if (*p != '|')
        return 0;
    p++;
    while (*p && n < max) {
        char *bar = strchr(p, '|');
        if (!bar)
            break;
        *bar = '\0';
        while (*p == ' ') p++;
        char *e = bar - 1;
        while (e >= p && (*e == ' ')) *e-- = '\0';
        cells[n++] = p;
        p = bar + 1;
    }
    return n;
}

static void check_md_section(const char *heading, int profile, int expect_rows)
{
    static const int action_of_col[6] = {XSMC_ACT_HOOK, XSMC_ACT_TARGET, XSMC_ACT_XS_PRIV,
                                         XSMC_ACT_DM_PRIV, XSMC_ACT_PRIV, XSMC_ACT_HW_PRIV};
    FILE *f = open_data("xsm-truth-tables.md");
    char line[512];
    int in = 0, rows = 0, cells_checked = 0;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "## ", 3) == 0) {
            if (in)
                break;
            in = strncmp(line, heading, strlen(heading)) == 0;
            continue;
        }
        char *c[10];
        if (!in || md_cells(line, c, 10) != 8 || strcmp(c[0], "src") == 0 || c[0][0] == '-')
            continue;
        struct xsmc_domain s, tb;
        const struct xsmc_domain *t = NULL;
        if (md_source(c[0], &s) || md_target(c[1], &s, &tb, &t))
            fail_msg("unknown situation %s / %s", c[0], c[1]);
        for (int col = 0; col < 6; col++) {
            const char *want = c[2 + col];
            /* n/a: HW_PRIV does not exist there; the engine must deny */
            int expect = strcmp(want, "Y") == 0;
            if (strcmp(want, "Y") && strcmp(want, "-") && strcmp(want, "n/a"))
                fail_msg("bad cell '%s'", want);
            int got = lattice_both(profile, action_of_col[col], &s, t);
            if (got != expect)
                fail_msg("%s %s %s/%s: want %s got %s", xsmc_profile_name(profile),
                         xsmc_action_name(action_of_col[col]), c[0], c[1], want,
                         got ? "allow" : "deny");
            cells_checked++;
        }
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, expect_rows);
    assert_int_equal(cells_checked, expect_rows * 6);
}

static void md_upstream(void **st) { (void)st; check_md_section("## 1.", XSMC_PROFILE_UPSTREAM, 42); }
static void md_hwpriv(void **st) { (void)st; check_md_section("## 2.", XSMC_PROFILE_HWPRIV, 42); }
static void md_hwpriv_dm(void **st) { (void)st; check_md_section("## 3.", XSMC_PROFILE_HWPRIV_DM, 51); }
static void md_hwpriv_v2(void **st) { (void)st; check_md_section("## 5.", XSMC_PROFILE_HWPRIV_V2, 62); }

/* TSV rows: action, src role ("control+xenstore", "dm_for_guest"), target, decision. */
static void check_tsv(const char *file, int profile, int expect_rows)
{
    FILE *f = open_data(file);
    char line[256];
    int rows = 0;
    while (fgets(line, sizeof(line), f)) {
        if (line[0] == '#' || strncmp(line, "action\t", 7) == 0)
            continue;
        char act[32], role[64], tgt[32], want[16];
        if (sscanf(line, "%31[^\t]\t%63[^\t]\t%31[^\t]\t%15s", act, role, tgt, want) != 4)
            fail_msg("bad line %s", line);
        enum xsmc_action a;
        assert_int_equal(xsmc_action_from_name(act, &a), 0);
        struct xsmc_domain s = dom(SRC_ID, 0), guest = dom(OWN_TARGET, 0), other = dom(OTHER, 0);
        for (char *tok = strtok(role, "+"); tok; tok = strtok(NULL, "+")) {
            uint32_t bit;
            if (strcmp(tok, "domU") == 0)
                continue;
            if (strcmp(tok, "dm_for_guest") == 0)
                s.target = OWN_TARGET;
            else if (xsmc_cap_from_name(tok, &bit) == 0)
                s.caps |= bit;
            else
                fail_msg("unknown role %s", tok);
        }
        const struct xsmc_domain *t = strcmp(tgt, "none") == 0 ? NULL
                                      : strcmp(tgt, "self") == 0 ? &s
                                      : strcmp(tgt, "its_target") == 0 ? &guest : &other;
        int got = lattice_both(profile, a, &s, t);
        if (got != (strcmp(want, "allow") == 0))
            fail_msg("%s: %s %s %s: want %s", file, act, role, tgt, want);
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, expect_rows);
}

static void tsv_upstream(void **st) { (void)st; check_tsv("truth-upstream.tsv", XSMC_PROFILE_UPSTREAM, 200); }
static void tsv_hwpriv(void **st) { (void)st; check_tsv("truth-hwpriv.tsv", XSMC_PROFILE_HWPRIV, 240); }

int main(int argc, char **argv)
{
    data_dir = argc > 1 ? argv[1] : "tests/data";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(md_upstream), cmocka_unit_test(md_hwpriv),
        cmocka_unit_test(md_hwpriv_dm), cmocka_unit_test(md_hwpriv_v2),
        cmocka_unit_test(tsv_upstream), cmocka_unit_test(tsv_hwpriv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
