/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen's Flask classes and the hook -> Flask mapping, as data (classes.def, hookmap.def). */
#include <string.h>

#include "xsmcap/flask.h"

struct flask_class {
    const char *name;
    const char *perms;
};

static const struct flask_class classes[XSMC_FLASK_CLASSES] = {
#define XSMC_FLASK_CLASS(name, perms) {#name, perms},
#include "classes.def"
#undef XSMC_FLASK_CLASS
};

const char *xsmc_flask_class_name(unsigned index)
{
    return index < XSMC_FLASK_CLASSES ? classes[index].name : NULL;
}

const char *xsmc_flask_class_perms(unsigned index)
{
    return index < XSMC_FLASK_CLASSES ? classes[index].perms : NULL;
}

int xsmc_flask_perm(const char *cls, const char *perm, unsigned *class_value, uint32_t *bit)
{
    size_t plen = strlen(perm);
    for (unsigned i = 0; i < XSMC_FLASK_CLASSES; i++) {
        if (strcmp(classes[i].name, cls) != 0)
            continue;
        const char *p = classes[i].perms;
        for (unsigned pos = 0; *p; pos++) {
            size_t n = strcspn(p, " ");
            if (n == plen && strncmp(p, perm, n) == 0) {
                *class_value = i + 1;
                *bit = 1u << pos;
                return 0;
            }
            p += n;
            p += *p == ' ';
        }
        return -1;
    }
    return -1;
}

#define OTHER XSMC_FLASK_OTHER_SUBOPS
#define NO {XSMC_FS_NONE, XSMC_FT_DOM, NULL, NULL}
#define CK(s, t, cls, perms) {XSMC_FS_##s, XSMC_FT_##t, #cls, perms}
#define XSMC_FLASK_MAP(hook, subop, subop2, kind, c1, c2, c3, fn, note) \
    {XSMC_HOOK_##hook, subop, subop2, XSMC_FLASK_##kind, {c1, c2, c3}, fn, note},

static const struct xsmc_flask_map map[] = {
#include "hookmap.def"
};

#undef XSMC_FLASK_MAP
#undef CK
#undef NO
#undef OTHER

size_t xsmc_flask_map_count(void)
{
    return sizeof(map) / sizeof(map[0]);
}

const struct xsmc_flask_map *xsmc_flask_map_at(size_t i)
{
    return i < xsmc_flask_map_count() ? &map[i] : NULL;
}

const char *xsmc_flask_kind_name(enum xsmc_flask_kind kind)
{
    static const char *const names[XSMC_FLASK_KINDS] = {
        "full", "shared", "unmapped"};
    return (unsigned)kind < XSMC_FLASK_KINDS ? names[kind] : NULL;
}
