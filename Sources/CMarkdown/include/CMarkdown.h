#ifndef CMARKDOWN_H
#define CMARKDOWN_H

/*
 * A small facade over cmark-gfm, GitHub's Markdown renderer: Markdown in, HTML out, with the extensions
 * GitHub uses for tables and links. Only CMarkdown.c includes cmark-gfm's headers.
 */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Renders GitHub Flavored Markdown to HTML with the table, autolink and tagfilter extensions, in safe
/// mode (raw HTML is replaced by a comment, dangerous URLs are dropped). Returns a NUL-terminated string
/// to release with cmarkdown_free, or NULL when out of memory.
char *cmarkdown_render_gfm(const char *markdown, size_t length);

/// Releases a string returned by cmarkdown_render_gfm.
void cmarkdown_free(char *html);

#ifdef __cplusplus
}
#endif

#endif
