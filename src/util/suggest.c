/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Nearest names by edit distance (optimal string alignment: a transposed
 * pair of letters, the commonest typing slip, costs one edit, not two).
 * Two rows of the dynamic programme plus the one before, bounded by
 * XSMC_SUGGEST_MAX_LEN, and cut short once every cell exceeds the limit.
 */
#include <stdio.h>
#include <string.h>

#include "xsmcap/suggest.h"

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
    unsigned m = a < b ? a : b;
    return m < c ? m : c;
}

unsigned xsmc_edit_distance(const char *a, const char *b, unsigned limit)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > XSMC_SUGGEST_MAX_LEN || m > XSMC_SUGGEST_MAX_LEN)
        return limit + 1;
    /* the lengths alone bound the distance from below */
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    unsigned rows[3][XSMC_SUGGEST_MAX_LEN + 1];
    unsigned *before = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++) {
        unsigned best = cur[0] = (unsigned)i;
        for (size_t j = 1; j <= m; j++) {
            unsigned cost = fold((unsigned char)a[i - 1]) != fold((unsigned char)b[j - 1]);
            unsigned d = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && fold((unsigned char)a[i - 1]) == fold((unsigned char)b[j - 2]) &&
                fold((unsigned char)a[i - 2]) == fold((unsigned char)b[j - 1]) && before[j - 2] + 1 < d)
                d = before[j - 2] + 1;
            cur[j] = d;
            if (d < best)
                best = d;
        }
        if (best > limit)
            return limit + 1;
        unsigned *t = before;
        before = prev;
        prev = cur;
        cur = t;
    }
    return prev[m] > limit ? limit + 1 : prev[m];
}

unsigned xsmc_suggest_threshold(size_t len)
{
    /* one slip in a short name, up to three in a long one */
    unsigned t = (unsigned)((len + 2) / 4);
    return t < 1 ? 1 : t > 3 ? 3 : t;
}

size_t xsmc_suggest_index(const char *word, size_t ncandidates,
                          const char *(*name_at)(size_t i, const void *ctx), const void *ctx,
                          size_t out[XSMC_SUGGEST_MAX])
{
    unsigned dist[XSMC_SUGGEST_MAX];
    size_t count = 0;
    if (!word)
        return 0;
    unsigned limit = xsmc_suggest_threshold(strlen(word));
    for (size_t i = 0; i < ncandidates; i++) {
        const char *name = name_at(i, ctx);
        if (!name)
            continue;
        unsigned d = xsmc_edit_distance(word, name, limit);
        if (d > limit)
            continue;
        int seen = 0;
        for (size_t k = 0; k < count && !seen; k++)
            seen = strcmp(name_at(out[k], ctx), name) == 0;
        if (seen)
            continue;
        /* insert after every kept name at the same or a smaller distance */
        size_t at = count;
        while (at > 0 && dist[at - 1] > d)
            at--;
        if (at == XSMC_SUGGEST_MAX)
            continue;
        size_t last = count < XSMC_SUGGEST_MAX ? count : XSMC_SUGGEST_MAX - 1;
        for (size_t k = last; k > at; k--) {
            out[k] = out[k - 1];
            dist[k] = dist[k - 1];
        }
        out[at] = i;
        dist[at] = d;
        if (count < XSMC_SUGGEST_MAX)
            count++;
    }
    return count;
}

size_t xsmc_suggest(const char *word, size_t ncandidates,
                    const char *(*name_at)(size_t i, const void *ctx), const void *ctx,
                    const char *out[XSMC_SUGGEST_MAX])
{
    size_t at[XSMC_SUGGEST_MAX];
    size_t n = xsmc_suggest_index(word, ncandidates, name_at, ctx, at);
    for (size_t k = 0; k < n; k++)
        out[k] = name_at(at[k], ctx);
    return n;
}

static const char *array_name(size_t i, const void *ctx)
{
    return ((const char *const *)ctx)[i];
}

size_t xsmc_suggest_names(const char *word, const char *const *names, size_t n,
                          const char *out[XSMC_SUGGEST_MAX])
{
    return xsmc_suggest(word, n, array_name, names, out);
}

const char *xsmc_suggest_text(const char *const *names, size_t n, char *buf, size_t len)
{
    size_t used = 0;
    if (!len)
        return buf;
    buf[0] = '\0';
    for (size_t i = 0; i < n && i < XSMC_SUGGEST_MAX; i++) {
        const char *sep = i == 0 ? "did you mean " : i + 1 == n ? " or " : ", ";
        int w = snprintf(buf + used, len - used, "%s'%s'%s", sep, names[i], i + 1 == n ? "?" : "");
        if (w < 0 || (size_t)w >= len - used) {
            buf[used] = '\0'; /* whole names only */
            break;
        }
        used += (size_t)w;
    }
    return buf;
}
