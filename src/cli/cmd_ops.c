/* xsmcap ops: the hypercall catalogue, as a table, JSON, CSV or the Markdown of docs/hypercalls.md. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: xsmcap ops [--hypercall H] [--format text|json|csv|markdown]\n\n"
    "List every hypercall sub-operation that reaches an XSM hook: its constant\n"
    "and value, which domain the hooks receive as target (none, the domain the\n"
    "hypercall names, or the caller), the hooks Xen checks in order (all must\n"
    "pass) and the Xen function making the checks.  --hypercall keeps one\n"
    "hypercall (physdev_op, domctl, ...).  Any row is a valid OP of\n"
    "'xsmcap query': PHYSDEVOP_setup_gsi or physdev_op:setup_gsi.\n"
    "--format markdown prints docs/hypercalls.md, which also lists the\n"
    "sub-operations with no XSM check and the hooks no row reaches.\n";

enum ops_format { OPS_TEXT, OPS_JSON, OPS_CSV, OPS_MARKDOWN };

static const char *const format_names[] = {"text", "json", "csv", "markdown"};

static const char *hook_name(uint32_t hook)
{
    return xsmc_hook_info(hook)->name;
}

/* "map_domain_pirq then map_domain_irq" */
static void print_checks(FILE *out, const struct xsmc_op *op, const char *sep, const char *quote)
{
    for (unsigned i = 0; i < op->nsteps; i++)
        fprintf(out, "%s%s%s%s", i ? sep : "", quote, hook_name(op->steps[i].hook), quote);
}

static int selected(const char *hypercall, const char *filter)
{
    return !filter || strcmp(hypercall, filter) == 0;
}

static int print_text(const char *filter)
{
    size_t n = 0;
    printf("%-18s %-42s %5s %-6s %s\n", "HYPERCALL", "SUB-OPERATION", "VALUE", "TARGET", "CHECKS");
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        if (!selected(op->hypercall, filter))
            continue;
        printf("%-18s %-42s %5u %-6s ", op->hypercall, op->name, op->value,
               xsmc_op_target_name(op->target));
        print_checks(stdout, op, " then ", "");
        putchar('\n');
        n++;
    }
    printf("%zu sub-operations%s%s\n", n, filter ? " of " : "", filter ? filter : "");
    return 0;
}

static void csv_field(const char *s, int last)
{
    if (strpbrk(s, ",\"\n")) {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"')
                putchar('"');
            putchar(*s);
        }
        putchar('"');
    } else {
        fputs(s, stdout);
    }
    putchar(last ? '\n' : ',');
}

static int print_csv(const char *filter)
{
    printf("hypercall,name,value,target,checks,xen,note\n");
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        if (!selected(op->hypercall, filter))
            continue;
        char value[16], checks[256] = "";
        snprintf(value, sizeof(value), "%u", op->value);
        for (unsigned s = 0; s < op->nsteps; s++) {
            size_t used = strlen(checks);
            snprintf(checks + used, sizeof(checks) - used, "%s%s", s ? " " : "",
                     hook_name(op->steps[s].hook));
        }
        csv_field(op->hypercall, 0);
        csv_field(op->name, 0);
        csv_field(value, 0);
        csv_field(xsmc_op_target_name(op->target), 0);
        csv_field(checks, 0);
        csv_field(op->xen, 0);
        csv_field(op->note, 1);
    }
    return 0;
}

static json_t *op_json(const struct xsmc_op *op)
{
    json_t *o = json_object();
    json_t *checks = json_array();
    for (unsigned s = 0; s < op->nsteps; s++) {
        json_t *c = json_object();
        json_object_set_new(c, "hook", json_string(hook_name(op->steps[s].hook)));
        json_object_set_new(c, "subop", json_integer(op->steps[s].subop));
        json_object_set_new(c, "subop2", json_integer(op->steps[s].subop2));
        json_array_append_new(checks, c);
    }
    json_object_set_new(o, "hypercall", json_string(op->hypercall));
    json_object_set_new(o, "name", json_string(op->name));
    json_object_set_new(o, "value", json_integer(op->value));
    json_object_set_new(o, "target", json_string(xsmc_op_target_name(op->target)));
    json_object_set_new(o, "checks", checks);
    json_object_set_new(o, "xen", json_string(op->xen));
    json_object_set_new(o, "note", json_string(op->note));
    return o;
}

static int print_json(const char *filter)
{
    json_t *root = json_object();
    json_t *list = json_array();
    json_t *unchecked = json_array();
    for (size_t i = 0; i < xsmc_op_count(); i++)
        if (selected(xsmc_op_at(i)->hypercall, filter))
            json_array_append_new(list, op_json(xsmc_op_at(i)));
    for (size_t i = 0; i < xsmc_unchecked_count(); i++) {
        const struct xsmc_unchecked_op *u = xsmc_unchecked_at(i);
        if (!selected(u->hypercall, filter))
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "hypercall", json_string(u->hypercall));
        json_object_set_new(o, "name", json_string(u->name));
        json_object_set_new(o, "value", json_integer(u->value));
        json_object_set_new(o, "xen", json_string(u->xen));
        json_object_set_new(o, "reason", json_string(u->reason));
        json_array_append_new(unchecked, o);
    }
    json_object_set_new(root, "hypercall", filter ? json_string(filter) : json_null());
    json_object_set_new(root, "count", json_integer((json_int_t)json_array_size(list)));
    json_object_set_new(root, "ops", list);
    json_object_set_new(root, "unchecked", unchecked);
    int rc = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 ? 0 : 2;
    putchar('\n');
    json_decref(root);
    return rc;
}

static void markdown_hypercall(const struct xsmc_hypercall *hc)
{
    printf("\n## %s\n\n`__HYPERVISOR_%s` = %u; constants `%s*`.\n\n", hc->name, hc->name,
           hc->number, hc->prefix);
    printf("| constant | value | target | checks, in order | Xen | note |\n");
    printf("|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        if (strcmp(op->hypercall, hc->name) != 0)
            continue;
        printf("| `%s` | %u | %s | ", op->name, op->value, xsmc_op_target_name(op->target));
        print_checks(stdout, op, " → ", "`");
        printf(" | %s | %s |\n", op->xen, op->note);
    }
}

static int print_markdown(const char *filter)
{
    size_t reached = 0;
    for (uint32_t h = 0; h < XSMC_HOOK_COUNT; h++) {
        int hit = 0;
        for (size_t i = 0; i < xsmc_op_count() && !hit; i++)
            for (unsigned s = 0; s < xsmc_op_at(i)->nsteps; s++)
                hit |= xsmc_op_at(i)->steps[s].hook == h;
        reached += (size_t)hit;
    }
    printf("# Hypercall catalogue\n\n"
           "<!-- Generated by `xsmcap ops --format markdown` from src/ops/*.def; do not edit.\n"
           "     The ops-doc test fails when this file is out of date. -->\n\n"
           "Every hypercall sub-operation of Xen (reference snapshot c447b7308b) that reaches an\n"
           "XSM hook: %zu sub-operations of %zu hypercalls, reaching %zu of the %d hooks.\n"
           "Each row is a valid OP of `xsmcap query`, by constant (`PHYSDEVOP_setup_gsi`) or as\n"
           "`hypercall:name` with or without the prefix (`physdev_op:setup_gsi`).\n\n"
           "- **target**: which domain the hooks receive. *none*: no target domain; *domain*:\n"
           "  the domain the hypercall names (`--on`); *caller*: the caller itself, as Xen insists.\n"
           "- **checks**: the hooks Xen calls, in its order; every one must pass.\n"
           "- Values are those of `xen/include/public/*.h`; the Xen column names the functions\n"
           "  that make the checks.\n"
           "- `HVMOP_altp2m_*` rows are decided for altp2m mode *external*; the mode is the\n"
           "  target's `HVM_PARAM_ALTP2M` at run time (`xsmcap query hvm_altp2mhvm_op --subop MODE`\n"
           "  answers for the others).\n",
           xsmc_op_count(), xsmc_hypercall_count(), reached, XSMC_HOOK_COUNT);
    for (size_t i = 0; i < xsmc_hypercall_count(); i++)
        if (selected(xsmc_hypercall_at(i)->name, filter))
            markdown_hypercall(xsmc_hypercall_at(i));
    printf("\n## Sub-operations with no XSM check\n\n"
           "They reach no hook, so there is nothing for the policy to decide and they are not\n"
           "catalogue rows.\n\n");
    size_t unchecked = 0;
    for (size_t i = 0; i < xsmc_unchecked_count(); i++) {
        const struct xsmc_unchecked_op *u = xsmc_unchecked_at(i);
        if (!selected(u->hypercall, filter))
            continue;
        if (!unchecked++)
            printf("| hypercall | constant | value | Xen | why |\n|---|---|---|---|---|\n");
        printf("| %s | `%s` | %u | %s | %s |\n", u->hypercall, u->name, u->value, u->xen,
               u->reason);
    }
    if (!unchecked)
        printf("None.\n");
    if (filter)
        return 0; /* the hooks no row reaches belong to the whole catalogue */
    printf("\n## Hooks no row reaches\n\n"
           "Query them by hook name (`xsmcap query HOOK`).\n\n| hook | why |\n|---|---|\n");
    for (size_t i = 0; i < xsmc_unreached_count(); i++)
        printf("| `%s` | %s |\n", hook_name(xsmc_unreached_at(i)->hook),
               xsmc_unreached_at(i)->reason);
    return 0;
}

enum { OPT_HYPERCALL = OPT_VERB_FIRST };

int cmd_ops(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"hypercall", required_argument, 0, OPT_HYPERCALL},
        {"format", required_argument, 0, OPT_FORMAT},
        {"help", no_argument, 0, OPT_HELP},
        {0, 0, 0, 0}};
    struct cli_common c;
    const char *filter = NULL;
    int format = -1;
    cli_init(&c, "ops");
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_HELP:
            return cli_help(help);
        case OPT_HYPERCALL:
            if (!xsmc_hypercall_find(optarg))
                return cli_error(&c, "--hypercall: '%s' is not a hypercall of the catalogue "
                                     "(xsmcap ops lists them)", optarg);
            filter = optarg;
            continue;
        case OPT_FORMAT:
            format = -1;
            for (int f = OPS_TEXT; f <= OPS_MARKDOWN; f++)
                if (strcmp(optarg, format_names[f]) == 0)
                    format = f;
            if (format < 0)
                return cli_error(&c, "--format: '%s' is not text, json, csv or markdown", optarg);
            continue;
        default:
            return cli_error(&c, "unknown option '%s' (xsmcap ops --help)", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_error(&c, "unexpected argument '%s'", argv[optind]);
    switch (format) {
    case OPS_JSON: return print_json(filter);
    case OPS_CSV: return print_csv(filter);
    case OPS_MARKDOWN: return print_markdown(filter);
    default: return print_text(filter);
    }
}
