/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap ops: the operation catalogue, as a table, JSON, CSV or the Markdown of docs/operations.md. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: xsmcap ops [--hypercall H] [--arch A] [--hook HOOK]\n"
    "                  [--format text|json|csv|markdown]\n\n"
    "List every operation of the catalogue: each hypercall sub-operation whose\n"
    "outcome depends on who calls it or on whom, with its value, the\n"
    "architectures that compile it, the guest types that reach it, which domain\n"
    "it acts on (none, the domain the hypercall names, or the caller), and every\n"
    "check Xen makes on the way, XSM or not, in Xen's order, each citing the Xen\n"
    "function.  --hypercall keeps one hypercall, --arch the operations of one\n"
    "architecture, --hook those that check one XSM hook.  Any row is a valid OP\n"
    "of 'xsmcap query': PHYSDEVOP_setup_gsi or physdev_op:setup_gsi.\n"
    "--format markdown prints docs/operations.md, which also lists the probe form\n"
    "of each operation, the sub-operations whose outcome depends on nobody and\n"
    "the hooks no operation reaches.\n";

struct filter {
    const char *hypercall;
    int arch;      /* -1: every architecture */
    long hook;     /* -1: any */
};

static int selected(const struct xsmc_op *op, const struct filter *f)
{
    return (!f->hypercall || strcmp(op->hypercall, f->hypercall) == 0) &&
           (f->arch < 0 || xsmc_op_exists(op, (enum xsmc_arch)f->arch)) &&
           (f->hook < 0 || xsmc_op_checks_hook(op, (uint32_t)f->hook));
}

/* "gate; gate; gate" */
static void print_gates(FILE *out, const struct xsmc_op *op, const char *sep, int cite)
{
    char buf[256];
    for (unsigned i = 0; i < op->ngates; i++) {
        fprintf(out, "%s%s", i ? sep : "", xsmc_gate_text(&op->gates[i], buf, sizeof(buf)));
        if (cite)
            fprintf(out, " (`%s`)", op->gates[i].xen);
    }
}

static int print_text(const struct filter *f)
{
    size_t n = 0;
    char where[96], reach[96];
    printf("%-17s %-44s %5s %-22s %-6s %s\n", "HYPERCALL", "OPERATION", "VALUE", "ARCHITECTURES",
           "TARGET", "CHECKS IN XEN'S ORDER");
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        if (!selected(op, f))
            continue;
        printf("%-17s %-44s %5u %-22s %-6s ", op->hypercall, op->name, op->value,
               xsmc_platform_text(op->arches, where, sizeof(where)), xsmc_op_target_name(op->target));
        print_gates(stdout, op, "; ", 0);
        printf(" [reached from %s]\n", xsmc_platform_text(xsmc_op_reach(op), reach, sizeof(reach)));
        n++;
    }
    printf("%zu operations\n", n);
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

static int print_csv(const struct filter *f)
{
    printf("hypercall,name,value,architectures,reach,target,gates,what,note\n");
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        if (!selected(op, f))
            continue;
        char value[16], gates[1024] = "", buf[256], where[96], reach[96];
        snprintf(value, sizeof(value), "%u", op->value);
        for (unsigned g = 0; g < op->ngates; g++) {
            size_t used = strlen(gates);
            snprintf(gates + used, sizeof(gates) - used, "%s%s", g ? "; " : "",
                     xsmc_gate_text(&op->gates[g], buf, sizeof(buf)));
        }
        csv_field(op->hypercall, 0);
        csv_field(op->name, 0);
        csv_field(value, 0);
        csv_field(xsmc_platform_text(op->arches, where, sizeof(where)), 0);
        csv_field(xsmc_platform_text(xsmc_op_reach(op), reach, sizeof(reach)), 0);
        csv_field(xsmc_op_target_name(op->target), 0);
        csv_field(gates, 0);
        csv_field(op->what, 0);
        csv_field(op->note, 1);
    }
    return 0;
}

/*
 * The XSMC_P_* bits of a mask as platform words ("arm64", "arm32", "pv",
 * "hvm", "pvh"), so that a reader outside the library can evaluate a gate.
 */
static json_t *platforms_json(uint32_t mask)
{
    static const struct { uint32_t bit; const char *name; } words[] = {
        {XSMC_P_ARM64, "arm64"}, {XSMC_P_ARM32, "arm32"}, {XSMC_P_PV, "pv"},
        {XSMC_P_HVM, "hvm"}, {XSMC_P_PVH, "pvh"}};
    json_t *a = json_array();
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (mask & words[i].bit)
            json_array_append_new(a, json_string(words[i].name));
    return a;
}

static const char *pair_name(unsigned pair)
{
    static const char *const names[] = {"caller-target", "caller-caller", "caller-other",
                                        "target-other", "caller-new"};
    return pair < sizeof(names) / sizeof(names[0]) ? names[pair] : NULL;
}

static json_t *lookup_flags_json(unsigned flags)
{
    json_t *a = json_array();
    if (flags & XSMC_LK_SELF_OK)
        json_array_append_new(a, json_string("domid-self-ok"));
    if (flags & XSMC_LK_DOMCTL_ERR)
        json_array_append_new(a, json_string("eperm-unless-control"));
    if (flags & XSMC_LK_OWN_ID_ERR)
        json_array_append_new(a, json_string("own-domid-fails"));
    return a;
}

/* The members a reader needs to evaluate the gate without the library. */
static void gate_fields_json(json_t *c, const struct xsmc_gate *gt)
{
    json_object_set_new(c, "runs", gt->runs ? platforms_json(gt->runs) : json_null());
    switch (gt->kind) {
    case XSMC_G_XSM:
    case XSMC_G_XSM_FILTER:
        json_object_set_new(c, "subop2", json_integer(gt->subop2));
        json_object_set_new(c, "pair", json_string(pair_name(gt->pair)));
        return;
    case XSMC_G_GUEST:
    case XSMC_G_TARGET_TYPE:
        json_object_set_new(c, "allow", platforms_json(gt->allow));
        break;
    case XSMC_G_KCONFIG:
    case XSMC_G_NOT_KCONFIG:
        json_object_set_new(c, "kconfig", json_string(xsmc_kopt_name(gt->kopt)));
        break;
    case XSMC_G_LOOKUP:
        json_object_set_new(c, "lookup", lookup_flags_json(gt->flags));
        break;
    default:
        break;
    }
    const char *err = xsmc_errno_name(gt->err);
    json_object_set_new(c, "errno", err ? json_string(err) : json_integer(gt->err));
}

/* Who reaches the operation's hypercall at all (xen/include/hypercall-defs.c). */
static json_t *entry_json(const struct xsmc_op *op)
{
    const struct xsmc_hypercall *hc = xsmc_hypercall_find(op->hypercall);
    json_t *e = json_object();
    json_object_set_new(e, "reach", platforms_json(hc ? hc->reach : 0));
    if (hc && hc->kopt >= 0) {
        json_object_set_new(e, "kconfig", json_string(xsmc_kopt_name((unsigned)hc->kopt)));
        json_object_set_new(e, "kconfig_on", json_boolean(!hc->kopt_off));
    } else {
        json_object_set_new(e, "kconfig", json_null());
    }
    return e;
}

static json_t *op_json(const struct xsmc_op *op)
{
    char buf[256], where[96];
    json_t *o = json_object();
    json_t *gates = json_array();
    for (unsigned g = 0; g < op->ngates; g++) {
        const struct xsmc_gate *gt = &op->gates[g];
        json_t *c = json_object();
        json_object_set_new(c, "kind", json_string(xsmc_gate_kind_name(gt->kind)));
        json_object_set_new(c, "text", json_string(xsmc_gate_text(gt, buf, sizeof(buf))));
        if (gt->kind == XSMC_G_XSM || gt->kind == XSMC_G_XSM_FILTER) {
            json_object_set_new(c, "hook", json_string(xsmc_hook_info(gt->hook)->name));
            json_object_set_new(c, "subop", json_integer(gt->subop));
        }
        json_object_set_new(c, "xen", json_string(gt->xen));
        gate_fields_json(c, gt);
        json_array_append_new(gates, c);
    }
    json_object_set_new(o, "hypercall", json_string(op->hypercall));
    json_object_set_new(o, "name", json_string(op->name));
    json_object_set_new(o, "value", json_integer(op->value));
    json_object_set_new(o, "architectures", json_string(xsmc_platform_text(op->arches, where, sizeof(where))));
    json_object_set_new(o, "reach", json_string(xsmc_platform_text(xsmc_op_reach(op), where, sizeof(where))));
    json_object_set_new(o, "target", json_string(xsmc_op_target_name(op->target)));
    json_object_set_new(o, "what", json_string(op->what));
    json_object_set_new(o, "gates", gates);
    json_object_set_new(o, "note", json_string(op->note));
    json_object_set_new(o, "probe", op->probe.why ? json_string(op->probe.why) : json_null());
    json_object_set_new(o, "probed", json_boolean(op->probe.harmless));
    json_object_set_new(o, "arches", platforms_json(op->arches));
    json_object_set_new(o, "entry", entry_json(op));
    return o;
}

static int print_json(const struct filter *f)
{
    json_t *root = xsmc_json_root("ops");
    json_t *list = json_array();
    json_t *unchecked = json_array();
    for (size_t i = 0; i < xsmc_op_count(); i++)
        if (selected(xsmc_op_at(i), f))
            json_array_append_new(list, op_json(xsmc_op_at(i)));
    for (size_t i = 0; i < xsmc_unchecked_count(); i++) {
        const struct xsmc_unchecked_op *u = xsmc_unchecked_at(i);
        if (f->hypercall && strcmp(u->hypercall, f->hypercall) != 0)
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "hypercall", json_string(u->hypercall));
        json_object_set_new(o, "name", json_string(u->name));
        json_object_set_new(o, "value", json_integer(u->value));
        json_object_set_new(o, "xen", json_string(u->xen));
        json_object_set_new(o, "reason", json_string(u->reason));
        json_array_append_new(unchecked, o);
    }
    json_object_set_new(root, "hypercall", f->hypercall ? json_string(f->hypercall) : json_null());
    json_object_set_new(root, "arch", f->arch < 0 ? json_null()
                                      : json_string(xsmc_arch_name((enum xsmc_arch)f->arch)));
    json_object_set_new(root, "hook", f->hook < 0 ? json_null()
                                      : json_string(xsmc_hook_info((uint32_t)f->hook)->name));
    json_object_set_new(root, "count", json_integer((json_int_t)json_array_size(list)));
    json_object_set_new(root, "ops", list);
    json_object_set_new(root, "unchecked", unchecked);
    return xsmc_json_dump(stdout, root) ? 2 : 0;
}

static void markdown_hypercall(const struct xsmc_hypercall *hc, const struct filter *f)
{
    char reach[96];
    printf("\n## %s\n\n`__HYPERVISOR_%s` = %u; constants `%s*`. In the hypercall table of %s",
           hc->name, hc->name, hc->number, hc->prefix,
           xsmc_platform_text(hc->reach, reach, sizeof(reach)));
    if (hc->kopt >= 0)
        printf(" when `CONFIG_%s` is %s", xsmc_kopt_name((unsigned)hc->kopt), hc->kopt_off ? "off" : "on");
    printf(" (`xen/include/hypercall-defs.c`; %s); other callers get -ENOSYS.\n\n", hc->entry);
    printf("| operation | value | architectures | reached from | target | checks in Xen's order | "
           "probe form | note |\n|---|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        if (strcmp(op->hypercall, hc->name) != 0 || !selected(op, f))
            continue;
        char where[96];
        printf("| `%s` | %u | %s | ", op->name, op->value, xsmc_platform_text(op->arches, where, sizeof(where)));
        printf("%s | %s | ", xsmc_platform_text(xsmc_op_reach(op), where, sizeof(where)),
               xsmc_op_target_name(op->target));
        print_gates(stdout, op, "; ", 1);
        printf(" | %s%s | %s |\n", op->probe.harmless ? "probed: " : op->probe.why ? "none: " : "",
               op->probe.why ? op->probe.why : "", op->note);
    }
}

static int print_markdown(const struct filter *f)
{
    size_t reached = 0;
    for (uint32_t h = 0; h < XSMC_HOOK_COUNT; h++) {
        int hit = 0;
        for (size_t i = 0; i < xsmc_op_count() && !hit; i++)
            hit |= xsmc_op_checks_hook(xsmc_op_at(i), h);
        reached += (size_t)hit;
    }
    printf("# Operation catalogue\n\n"
           "<!-- Generated by `xsmcap ops --format markdown` from src/ops/ops.def, src/ops/defs/ and\n"
           "     src/ops/hypercalls.def; do not edit.  The ops-doc test fails when this file is out of\n"
           "     date (scripts/update-docs.sh regenerates it). -->\n\n"
           "Every hypercall sub-operation of Xen (reference snapshot c447b7308b) whose outcome depends\n"
           "on who calls it or on whom: %zu operations of %zu hypercalls, reaching %zu of the %d XSM\n"
           "hooks.  Each row is a valid OP of `xsmcap query`, by constant (`PHYSDEVOP_setup_gsi`) or\n"
           "as `hypercall:name` with or without the prefix (`physdev_op:setup_gsi`).\n\n"
           "- **architectures**: those whose handler implements the operation; elsewhere it does not\n"
           "  exist (`xsmcap query` refuses it as bad input).\n"
           "- **reached from**: the guest types whose hypercall table has the hypercall and that no\n"
           "  guest-type check refuses (x86 *pvh* guests use the *hvm* columns of Xen's table).\n"
           "- **target**: *none*; *domain*, the domain the hypercall names (`--on`, a domain or\n"
           "  `DOMID_SELF`); *caller*, the caller itself.\n"
           "- **checks**: every check between the hypercall entry and the effect that depends on the\n"
           "  caller or the target, XSM or not, in Xen's order, each with the Xen function making it;\n"
           "  the first that fails decides, with its errno.  Checks on runtime state are in the note.\n"
           "- **probe form**: the harmless arguments with which `xsmcap probe` issues the operation\n"
           "  under the real hypervisor (docs/live.md), and why they are harmless; or why none exists.\n",
           xsmc_op_count(), xsmc_hypercall_count(), reached, XSMC_HOOK_COUNT);
    for (size_t i = 0; i < xsmc_hypercall_count(); i++)
        if (!f->hypercall || strcmp(xsmc_hypercall_at(i)->name, f->hypercall) == 0)
            markdown_hypercall(xsmc_hypercall_at(i), f);
    printf("\n## Sub-operations whose outcome depends on nobody\n\n"
           "Every caller gets the same answer, so they are not operations of the catalogue.\n\n");
    size_t unchecked = 0;
    for (size_t i = 0; i < xsmc_unchecked_count(); i++) {
        const struct xsmc_unchecked_op *u = xsmc_unchecked_at(i);
        if (f->hypercall && strcmp(u->hypercall, f->hypercall) != 0)
            continue;
        if (!unchecked++)
            printf("| hypercall | constant | value | Xen | why |\n|---|---|---|---|---|\n");
        printf("| %s | `%s` | %u | %s | %s |\n", u->hypercall, u->name, u->value, u->xen,
               u->reason);
    }
    if (!unchecked)
        printf("None.\n");
    if (f->hypercall || f->arch >= 0 || f->hook >= 0)
        return 0; /* the hooks no row reaches belong to the whole catalogue */
    printf("\n## Hooks no operation reaches\n\n"
           "Query them by hook name (`xsmcap query HOOK`, labelled \"XSM hook only\").\n\n"
           "| hook | why |\n|---|---|\n");
    for (size_t i = 0; i < xsmc_unreached_count(); i++)
        printf("| `%s` | %s |\n", xsmc_hook_info(xsmc_unreached_at(i)->hook)->name,
               xsmc_unreached_at(i)->reason);
    return 0;
}

enum { OPT_HYPERCALL = OPT_VERB_FIRST, OPT_HOOK };

static const struct cli_opt own[] = {
    {"hypercall", required_argument, OPT_HYPERCALL},
    {"hook", required_argument, OPT_HOOK},
    {0, 0, 0}};
static const struct cli_verb verb = {
    "ops", help, 0, CLI_O_ARCH | CLI_O_FORMAT,
    CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON) | CLI_FMT(FMT_CSV) | CLI_FMT(FMT_MARKDOWN), own};

/* --hypercall H or --hook HOOK; 2 after an error line. */
static int filter_option(const struct cli_common *c, int opt, const char *arg, struct filter *f)
{
    char hint[256];
    uint32_t h;
    if (opt == OPT_HYPERCALL) {
        if (!xsmc_hypercall_find(arg))
            return cli_error(c, "--hypercall: '%s' is not a hypercall of the catalogue "
                                "(xsmcap ops lists them)%s", arg,
                             cli_hypercall_hint(arg, hint, sizeof(hint)));
        f->hypercall = arg;
        return 0;
    }
    if (xsmc_hook_from_name(arg, &h))
        return cli_error(c, "--hook: '%s' is not an XSM hook (xsmcap hooks)%s", arg,
                         cli_hook_hint(arg, hint, sizeof(hint)));
    f->hook = h;
    return 0;
}

int cmd_ops(int argc, char **argv)
{
    struct cli_common c;
    struct filter f = {NULL, -1, -1};
    cli_init(&c, &verb, argc, argv);
    int opt;
    while ((opt = cli_next_option(&c, argc, argv)) > 0)
        if (filter_option(&c, opt, optarg, &f))
            return 2;
    if (opt == CLI_EXIT)
        return c.exit;
    if (c.arch_given)
        f.arch = c.arch;
    if (optind < argc)
        return cli_error(&c, "unexpected argument '%s'", argv[optind]);
    switch (c.format) {
    case FMT_JSON: return print_json(&f);
    case FMT_CSV: return print_csv(&f);
    case FMT_MARKDOWN: return print_markdown(&f);
    default: return print_text(&f);
    }
}
