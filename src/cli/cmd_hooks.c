/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap hooks: the hook catalogue, with each hook's action under a profile. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: xsmcap hooks [--profile P] [--format text|json]\n\n"
    "List every hook of Xen's default XSM policy (xen/include/xsm/dummy.h): its\n"
    "action under the profile, what Xen passes as source and target, whether\n"
    "SILO overrides it, and the Xen call site it models.\n";

static const char *target_text(int t)
{
    return t == XSMC_T_NONE ? "none" : t == XSMC_T_SELF ? "self" : "domain";
}

static int print_json(const struct cli_common *c)
{
    json_t *root = xsmc_json_root("hooks");
    json_t *list = json_array();
    json_object_set_new(root, "profile", json_string(xsmc_profile_name(c->profile)));
    json_object_set_new(root, "count", json_integer(XSMC_HOOK_COUNT));
    for (uint32_t i = 0; i < XSMC_HOOK_COUNT; i++) {
        const struct xsmc_hook_info *h = xsmc_hook_info(i);
        json_t *o = json_object();
        json_t *per = json_object();
        char model[128];
        snprintf(model, sizeof(model), "xen/include/xsm/dummy.h:xsm_%s", h->name);
        for (int p = 0; p < XSMC_PROFILE_COUNT; p++)
            json_object_set_new(per, xsmc_profile_name(p),
                                json_string(xsmc_action_name(h->action[p])));
        json_object_set_new(o, "name", json_string(h->name));
        json_object_set_new(o, "action", json_string(xsmc_action_name(h->action[c->profile])));
        json_object_set_new(o, "actions", per);
        json_object_set_new(o, "logic", json_string(xsmc_logic_name(h->logic)));
        json_object_set_new(o, "src", json_string(h->src_arg));
        json_object_set_new(o, "target", json_string(target_text(h->target)));
        json_object_set_new(o, "silo", json_boolean(h->silo));
        json_object_set_new(o, "kconfig", *h->kconfig ? json_string(h->kconfig) : json_null());
        json_object_set_new(o, "models", json_string(model));
        json_object_set_new(o, "xen_caller", json_string(h->xen_caller));
        json_array_append_new(list, o);
    }
    json_object_set_new(root, "hooks", list);
    return xsmc_json_dump(stdout, root) ? 2 : 0;
}

static int print_text(const struct cli_common *c)
{
    printf("%-28s %-8s %-7s %-6s %-4s %s\n", "HOOK", "ACTION", "UPSTRM", "TARGET", "SILO",
           "XEN CALL SITE");
    for (uint32_t i = 0; i < XSMC_HOOK_COUNT; i++) {
        const struct xsmc_hook_info *h = xsmc_hook_info(i);
        printf("%-28s %-8s %-7s %-6s %-4s %s\n", h->name,
               xsmc_action_name(h->action[c->profile]),
               xsmc_action_name(h->action[XSMC_PROFILE_UPSTREAM]), target_text(h->target),
               h->silo ? "yes" : "-", h->xen_caller);
    }
    printf("%d hooks; profile %s\n", XSMC_HOOK_COUNT, xsmc_profile_name(c->profile));
    return 0;
}

static const struct cli_verb verb = {"hooks", help, 0, CLI_O_PROFILE | CLI_O_FORMAT,
                                     CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON), NULL};

int cmd_hooks(int argc, char **argv)
{
    struct cli_common c;
    cli_init(&c, &verb, argc, argv);
    if (cli_next_option(&c, argc, argv) == CLI_EXIT)
        return c.exit;
    if (optind < argc)
        return cli_error(&c, "unexpected argument '%s'", argv[optind]);
    return c.format == FMT_JSON ? print_json(&c) : print_text(&c);
}
