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

/// A walk's events, handed over in batches (see cmarkdown_document_walk).
typedef enum cmarkdown_event_type {
    CMARKDOWN_ENTER = 1,
    CMARKDOWN_EXIT = 2,
    CMARKDOWN_TEXT = 3,
} cmarkdown_event_type;

/// One event: a node of `kind` starts (`data` is the destination of links and images, else NULL) or ends, or
/// text (`data`, `length` bytes, not NUL-terminated; `kind` is CMARKDOWN_OTHER).
typedef struct cmarkdown_event {
    cmarkdown_event_type type;
    cmarkdown_kind kind;
    const char *data;
    size_t length;
} cmarkdown_event;

/// A parsed document.
typedef struct cmarkdown_document cmarkdown_document;

/// Finishes the parse and releases the stream; the document, or NULL when the parse failed.
cmarkdown_document *cmarkdown_stream_finish_document(cmarkdown_stream *stream);

/// Walks the document tree (the tree cmark-gfm renders to HTML) in document order, handing the events to
/// `batch` a few thousand at a time (return 0 from it to stop). Text is what a reader sees: text and code-span
/// literals, "\n" for a soft line break. The texts and URLs the events point to stay valid until
/// cmarkdown_document_free, so the batches may be read on another thread while the walk goes on.
void cmarkdown_document_walk(cmarkdown_document *document, void *context,
                             int (*batch)(void *context, const cmarkdown_event *events, size_t count));

/// Releases the document. With release_tree = 0 the tree and the parser are deliberately not freed: a process
/// that ends right after leaves them to the system, as compilers do with -disable-free (freeing the tree of a
/// million table rows takes over a second).
void cmarkdown_document_free(cmarkdown_document *document, int release_tree);

#ifdef __cplusplus
}
#endif

#endif
