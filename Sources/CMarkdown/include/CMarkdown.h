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

/// Releases a string returned by cmarkdown_render_gfm or cmarkdown_stream_finish.
void cmarkdown_free(char *html);

/// A parse fed in chunks of any size (split anywhere, even inside a line or a character), for documents
/// rendered piece by piece. The options and extensions are those of cmarkdown_render_gfm.
typedef struct cmarkdown_stream cmarkdown_stream;

/// Starts a parse. Returns NULL when out of memory.
cmarkdown_stream *cmarkdown_stream_create(void);

/// Feeds the next chunk.
void cmarkdown_stream_feed(cmarkdown_stream *stream, const char *markdown, size_t length);

/// Finishes the parse, renders the HTML and releases the stream. Returns what cmarkdown_render_gfm returns.
char *cmarkdown_stream_finish(cmarkdown_stream *stream);

/// The kinds of node a walk reports; everything else is CMARKDOWN_OTHER.
typedef enum cmarkdown_kind {
    CMARKDOWN_OTHER = 0,
    CMARKDOWN_TABLE,
    CMARKDOWN_TABLE_HEADER_ROW,
    CMARKDOWN_TABLE_ROW,
    CMARKDOWN_TABLE_CELL,
    CMARKDOWN_LINK,
    CMARKDOWN_IMAGE,
    /// Raw HTML, block or inline (safe mode would leave "<!-- raw HTML omitted -->" in its place).
    CMARKDOWN_HTML,
} cmarkdown_kind;

/// Callbacks of a walk over the parsed document, in document order. Any may be NULL.
typedef struct cmarkdown_walker {
    void *context;
    /// A node starts; `url` is the destination of links and images, otherwise NULL.
    void (*enter)(void *context, cmarkdown_kind kind, const char *url);
    /// A node ends (container nodes only).
    void (*exit)(void *context, cmarkdown_kind kind);
    /// Text as a reader sees it: text and code-span literals, "\n" for a soft line break. Not NUL-terminated.
    void (*text)(void *context, const char *text, size_t length);
} cmarkdown_walker;

/// Finishes the parse, walks the document tree (the tree cmark-gfm renders to HTML) and releases the
/// stream. Returns 0, or -1 when the parse failed.
///
/// With release_tree = 0 the tree and the parser are deliberately not freed: a process that ends right after
/// leaves them to the system, as compilers do with -disable-free (freeing the tree of a million table rows
/// takes over a second).
int cmarkdown_stream_walk(cmarkdown_stream *stream, const cmarkdown_walker *walker, int release_tree);

#ifdef __cplusplus
}
#endif

#endif
