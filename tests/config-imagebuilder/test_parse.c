/* SPDX-License-Identifier: GPL-2.0-only */
/* The .cfg lexer: what bash would assign, and every refusal with its line. */
#include "ib_test.h"
#include "imagebuilder_parse.h"

static struct ib_vars vars;
static struct xsmc_system *sys;

/* Parse `text`; 0 on success. */
static int parse(const char *text)
{
    ib_vars_free(&vars);
    xsmc_system_free(sys);
    sys = xsmc_system_new("t.cfg", XSMC_SRC_IMAGEBUILDER);
    ib_err[0] = '\0';
    return ib_parse("t.cfg", text, strlen(text), &vars, sys, ib_err, sizeof(ib_err));
}

static const char *val(const char *name, uint32_t index)
{
    const struct ib_var *v = ib_get(&vars, name, index);
    return v ? v->value : NULL;
}

static int teardown(void **state)
{
    (void)state;
    ib_vars_free(&vars);
    xsmc_system_free(sys);
    sys = NULL;
    return 0;
}

static void test_quotes(void **state)
{
    (void)state;
    assert_int_equal(parse("A=plain\n"
                           "B='single $x \"q\" \\n'\n"
                           "C=\"dq \\\"in\\\" \\\\ \\$ \\x\"\n"
                           "D=\n"
                           "E=a'b c'\"d e\"f\n"
                           "F=x#not-a-comment # a comment\n"
                           "  G=\"indented\"\t# tab then comment\n"
                           "H=esc\\ aped\n"), 0);
    assert_string_equal(val("A", 0), "plain");
    assert_string_equal(val("B", 0), "single $x \"q\" \\n");
    assert_string_equal(val("C", 0), "dq \"in\" \\ $ \\x");
    assert_string_equal(val("D", 0), "");
    assert_string_equal(val("E", 0), "ab cd ef");
    assert_string_equal(val("F", 0), "x#not-a-comment");
    assert_string_equal(val("G", 0), "indented");
    assert_string_equal(val("H", 0), "esc aped");
    assert_null(val("Z", 0));
    assert_int_equal(sys->ndiags, 0);
}

static void test_multiline_and_continuation(void **state)
{
    (void)state;
    assert_int_equal(parse("A=\"one\ntwo\"\nB=con\\\ntinued\nC=\"x\\\ny\"\nD='p\nq'\nE=last"), 0);
    assert_string_equal(val("A", 0), "one\ntwo");
    assert_string_equal(val("B", 0), "continued");
    assert_string_equal(val("C", 0), "xy");
    assert_string_equal(val("D", 0), "p\nq");
    assert_string_equal(val("E", 0), "last");
    assert_int_equal(ib_get(&vars, "E", 0)->line, 9); /* lines counted through quotes */
}

static void test_indexed_and_plain_share_index0(void **state)
{
    (void)state;
    assert_int_equal(parse("DOMU_MEM[0]=1\nDOMU_MEM[2]=3\nX=4\nX[0]=5\n"), 0);
    assert_string_equal(val("DOMU_MEM", 0), "1");
    assert_null(val("DOMU_MEM", 1));
    assert_string_equal(val("DOMU_MEM", 2), "3");
    assert_string_equal(val("X", 0), "5"); /* X is X[0] in bash */
    assert_int_equal(ib_count(sys, "ib-reassigned"), 1);
}

static void test_reassignment_last_wins_and_warns(void **state)
{
    (void)state;
    assert_int_equal(parse("NUM_DOMUS=1\n\nNUM_DOMUS=3\nDOMU_CMD[0]=\"a\"\nDOMU_CMD[0]=\"a\"\n"), 0);
    assert_string_equal(val("NUM_DOMUS", 0), "3");
    const struct ib_var *v = ib_get(&vars, "NUM_DOMUS", 0);
    assert_int_equal(v->line, 3);
    assert_int_equal(v->first_line, 1);
    const struct xsmc_diag *g = ib_diag(sys, "ib-reassigned", 0);
    assert_non_null(g);
    assert_int_equal(g->severity, XSMC_WARNING);
    assert_string_equal(g->where, "line 3");
    assert_non_null(strstr(g->message, "NUM_DOMUS is assigned on line 1 and again on line 3"));
    g = ib_diag(sys, "ib-reassigned", 1);
    assert_non_null(strstr(g->message, "DOMU_CMD[0] is assigned on line 4 and again on line 5 (same value)"));
}

static void test_expansion_of_earlier_variables(void **state)
{
    (void)state;
    assert_int_equal(parse("base=0x50000000\nsize=0x1000\nL[1]=z\n"
                           "S=\"${base} $size\"\nT=$base-${L[1]}\n"), 0);
    assert_string_equal(val("S", 0), "0x50000000 0x1000");
    assert_string_equal(val("T", 0), "0x50000000-z");
    assert_true(ib_get(&vars, "base", 0)->referenced);
    assert_false(ib_get(&vars, "T", 0)->referenced);
    assert_int_equal(parse("A=\"cost 5$\"\nB=x$\nC=\"$ y\"\n"), 0);
    assert_string_equal(val("A", 0), "cost 5$");
    assert_string_equal(val("B", 0), "x$");
    assert_string_equal(val("C", 0), "$ y");
}

static void test_refusals_name_the_line(void **state)
{
    (void)state;
    static const struct { const char *text; unsigned line; const char *rule; } cases[] = {
        {"A=1\necho hi\n", 2, "ib-syntax"},
        {"if true; then\nA=1\nfi\n", 1, "ib-syntax"},
        {"for i in 1 2; do :; done\n", 1, "ib-syntax"},
        {"A=1; B=2\n", 1, "ib-syntax"},
        {"A=1 && B=2\n", 1, "ib-syntax"},
        {"DOMU_CAPS[1]=hardware|xenstore\n", 1, "ib-syntax"},
        {"A=1 B=2\n", 1, "ib-syntax"},
        {"A=1 rm -rf /\n", 1, "ib-syntax"},
        {"A=$(uname)\n", 1, "ib-syntax"},
        {"A=\"$(uname)\"\n", 1, "ib-syntax"},
        {"A=`uname`\n", 1, "ib-syntax"},
        {"A=\"`uname`\"\n", 1, "ib-syntax"},
        {"A=$((1+2))\n", 1, "ib-syntax"},
        {"A=${B:-x}\nB=1\n", 1, "ib-syntax"},
        {"B=1\nA=${B:-x}\n", 2, "ib-syntax"},
        {"A=$1\n", 1, "ib-syntax"},
        {"A=$'\\n'\n", 1, "ib-syntax"},
        {"\n\nA=$UNSET\n", 3, "ib-expansion"},
        {"A=\"${HOME}/x\"\n", 1, "ib-expansion"},
        {"f() { :; }\n", 1, "ib-syntax"},
        {"function f {\n", 1, "ib-syntax"},
        {"A+=x\n", 1, "ib-syntax"},
        {"A[1]+=x\n", 1, "ib-syntax"},
        {"A[i]=1\n", 1, "ib-syntax"},
        {"A[$i]=1\n", 1, "ib-syntax"},
        {"A[01]=1\n", 1, "ib-syntax"},
        {"A[1]x=1\n", 1, "ib-syntax"},
        {"A=(1 2)\n", 1, "ib-syntax"},
        {"A=1 > /tmp/x\n", 1, "ib-syntax"},
        {"A=x<y\n", 1, "ib-syntax"},
        {"A=1\r\n", 1, "ib-syntax"},
        {"A=1\n\r\n", 2, "ib-syntax"},
        {"A=1 \r\n", 1, "ib-syntax"},
        {"A=~/img\n", 1, "ib-syntax"},
        {"A=x:~/img\n", 1, "ib-syntax"},
        {"export A=1\n", 1, "ib-syntax"},
        {". ./other.cfg\n", 1, "ib-syntax"},
        {"source other.cfg\n", 1, "ib-syntax"},
        {"=1\n", 1, "ib-syntax"},
        {"1A=1\n", 1, "ib-syntax"},
        {"A='open\n\n", 1, "ib-syntax"},
        {"\nA=\"open\nmore\n", 2, "ib-syntax"},
        {"A=x\\", 1, "ib-syntax"},
        {"A=1 &\n", 1, "ib-syntax"},
        {"A=1 | tee\n", 1, "ib-syntax"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (parse(cases[i].text) == 0)
            fail_msg("accepted: %s", cases[i].text);
        char want[96];
        snprintf(want, sizeof(want), "t.cfg:line %u: error: [%s] ", cases[i].line, cases[i].rule);
        if (strncmp(ib_err, want, strlen(want)) != 0)
            fail_msg("%s: want '%s...', got '%s'", cases[i].text, want, ib_err);
        assert_null(strchr(ib_err, '\n'));
    }
}

static void test_nul_byte(void **state)
{
    (void)state;
    static const char text[] = "A=1\nB=\0x\n";
    ib_vars_free(&vars);
    xsmc_system_free(sys);
    sys = xsmc_system_new("t.cfg", XSMC_SRC_IMAGEBUILDER);
    assert_int_equal(ib_parse("t.cfg", text, sizeof(text) - 1, &vars, sys, ib_err, sizeof(ib_err)), -1);
    assert_non_null(strstr(ib_err, "t.cfg:line 2: error: [ib-syntax] a NUL byte"));
}

static void test_index_limit(void **state)
{
    (void)state;
    assert_int_equal(parse("A[32752]=1\n"), 0);
    assert_string_equal(val("A", 32752), "1");
    assert_int_equal(parse("A[32753]=1\n"), -1);
    assert_non_null(strstr(ib_err, "t.cfg:line 1: error: [ib-limit] index above 32752"));
    assert_int_equal(parse("A[99999999999999999999999]=1\n"), -1);
    assert_non_null(strstr(ib_err, "[ib-limit]"));
}

static char *repeat(const char *head, char c, size_t n, const char *tail)
{
    size_t hl = strlen(head), tl = strlen(tail);
    char *s = malloc(hl + n + tl + 1);
    memcpy(s, head, hl);
    memset(s + hl, c, n);
    memcpy(s + hl + n, tail, tl + 1);
    return s;
}

static void test_size_limits(void **state)
{
    (void)state;
    char *line = repeat("\nA=", 'x', IB_MAX_LINE, "\n");
    assert_int_equal(parse(line), -1);
    assert_non_null(strstr(ib_err, "t.cfg:line 2: error: [ib-limit] a line longer than"));
    free(line);

    char *big = repeat("", '\n', IB_MAX_BYTES + 1, "");
    assert_int_equal(parse(big), -1);
    assert_non_null(strstr(ib_err, "t.cfg:line 1: error: [ib-limit] the file is larger than"));
    free(big);

    /* doubling by expansion stops at the value limit instead of eating memory */
    char text[4096] = "A=xxxxxxxxxxxxxxxx\n";
    for (int i = 0; i < 20; i++)
        strcat(text, "A=\"$A$A\"\n");
    assert_int_equal(parse(text), -1);
    assert_non_null(strstr(ib_err, "[ib-limit] a value longer than"));
}

static void test_variable_count_limit(void **state)
{
    (void)state;
    size_t n = IB_MAX_VARS + 1;
    char *text = malloc(n * 16 + 1), *p = text;
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "V%zu=1\n", i);
    assert_int_equal(parse(text), -1);
    char want[64];
    snprintf(want, sizeof(want), "t.cfg:line %zu: error: [ib-limit] more than", n);
    assert_non_null(strstr(ib_err, want));
    free(text);
}

static void test_numbers_as_bash_reads_them(void **state)
{
    (void)state;
    uint64_t n;
    int octal;
    assert_int_equal(ib_number("512", &n, &octal), 0);
    assert_int_equal(n, 512);
    assert_false(octal);
    assert_int_equal(ib_number("0x1F", &n, &octal), 0);
    assert_int_equal(n, 31);
    assert_int_equal(ib_number("010", &n, &octal), 0);
    assert_int_equal(n, 8);
    assert_true(octal);
    assert_int_equal(ib_number("0", &n, &octal), 0);
    assert_int_equal(n, 0);
    assert_false(octal);
    assert_int_equal(ib_number("18446744073709551615", &n, &octal), 0);
    assert_true(n == UINT64_MAX);
    assert_int_equal(ib_number("18446744073709551616", &n, &octal), -1);
    assert_int_equal(ib_number("09", &n, &octal), -1);
    assert_int_equal(ib_number("0x", &n, &octal), -1);
    assert_int_equal(ib_number("", &n, &octal), -1);
    assert_int_equal(ib_number("12a", &n, &octal), -1);
    assert_int_equal(ib_number("-1", &n, &octal), -1);
    assert_int_equal(ib_number(" 1", &n, &octal), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_quotes, teardown),
        cmocka_unit_test_teardown(test_multiline_and_continuation, teardown),
        cmocka_unit_test_teardown(test_indexed_and_plain_share_index0, teardown),
        cmocka_unit_test_teardown(test_reassignment_last_wins_and_warns, teardown),
        cmocka_unit_test_teardown(test_expansion_of_earlier_variables, teardown),
        cmocka_unit_test_teardown(test_refusals_name_the_line, teardown),
        cmocka_unit_test_teardown(test_nul_byte, teardown),
        cmocka_unit_test_teardown(test_index_limit, teardown),
        cmocka_unit_test_teardown(test_size_limits, teardown),
        cmocka_unit_test_teardown(test_variable_count_limit, teardown),
        cmocka_unit_test(test_numbers_as_bash_reads_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
