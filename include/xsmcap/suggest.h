/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * "Did you mean ...?": the known names nearest a name that matched none,
 * for every place a user or a file writes a name (properties, variables,
 * options, hooks, domains).  Generic over any list of candidates.
 */
#ifndef XSMCAP_SUGGEST_H
#define XSMCAP_SUGGEST_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* At most this many suggestions, nearest first. */
#define XSMC_SUGGEST_MAX 3
/* Names longer than this are never compared (no suggestion): the cost stays bounded. */
#define XSMC_SUGGEST_MAX_LEN 128

/*
 * Edit distance between a and b: insertions, deletions, substitutions and
 * transpositions of two adjacent characters cost 1 each (optimal string
 * alignment); letters compare without case.  Returns `limit + 1` as soon as
 * the distance is known to exceed `limit`, and for names longer than
 * XSMC_SUGGEST_MAX_LEN.
 */
unsigned xsmc_edit_distance(const char *a, const char *b, unsigned limit);

/* The largest distance still worth suggesting for a name of `len` characters (1 to 3). */
unsigned xsmc_suggest_threshold(size_t len);

/*
 * The candidates nearest `word`, at most XSMC_SUGGEST_MAX, within
 * xsmc_suggest_threshold(strlen(word)): nearest first, ties in the
 * candidates' order, each name once.  `name_at(i, ctx)` gives candidate i
 * (NULL is skipped).  Returns how many were written to out.
 */
size_t xsmc_suggest(const char *word, size_t ncandidates,
                    const char *(*name_at)(size_t i, const void *ctx), const void *ctx,
                    const char *out[XSMC_SUGGEST_MAX]);
/*
 * The same, as the candidates' indices: for a caller whose candidates are
 * compared under one name and shown under another (a sub-operation's
 * short name standing for its full constant).
 */
size_t xsmc_suggest_index(const char *word, size_t ncandidates,
                          const char *(*name_at)(size_t i, const void *ctx), const void *ctx,
                          size_t out[XSMC_SUGGEST_MAX]);
/* The same over an array of names. */
size_t xsmc_suggest_names(const char *word, const char *const *names, size_t n,
                          const char *out[XSMC_SUGGEST_MAX]);

/*
 * "did you mean 'a', 'b' or 'c'?" for the n names (n <= XSMC_SUGGEST_MAX),
 * "" when n is 0; buf gets at most len bytes.  Returns buf.
 */
const char *xsmc_suggest_text(const char *const *names, size_t n, char *buf, size_t len);

#ifdef __cplusplus
}
#endif
#endif
