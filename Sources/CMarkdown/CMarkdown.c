#include "CMarkdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdlib.h>

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_extensions(void) {
    cmark_gfm_core_extensions_ensure_registered();
}

/* CMARK_OPT_DEFAULT is safe mode: raw HTML and javascript:/vbscript:/data: links are not passed through. */
static const int options = CMARK_OPT_DEFAULT;

struct cmarkdown_stream {
    cmark_parser *parser;
};

cmarkdown_stream *cmarkdown_stream_create(void) {
    pthread_once(&registered, register_extensions);
    cmarkdown_stream *stream = calloc(1, sizeof *stream);
    if (stream == NULL) return NULL;
    stream->parser = cmark_parser_new(options);
    if (stream->parser == NULL) {
        free(stream);
        return NULL;
    }
    const char *names[] = {"table", "autolink", "tagfilter"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        cmark_syntax_extension *extension = cmark_find_syntax_extension(names[i]);
        if (extension != NULL) cmark_parser_attach_syntax_extension(stream->parser, extension);
    }
    return stream;
}

void cmarkdown_stream_feed(cmarkdown_stream *stream, const char *markdown, size_t length) {
    cmark_parser_feed(stream->parser, markdown, length);
}

char *cmarkdown_stream_finish(cmarkdown_stream *stream) {
    cmark_node *document = cmark_parser_finish(stream->parser);
    char *html = NULL;
    if (document != NULL) {
        html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(stream->parser));
        cmark_node_free(document);
    }
    cmark_parser_free(stream->parser);
    free(stream);
    return html;
}

char *cmarkdown_render_gfm(const char *markdown, size_t length) {
    cmarkdown_stream *stream = cmarkdown_stream_create();
    if (stream == NULL) return NULL;
    cmarkdown_stream_feed(stream, markdown, length);
    return cmarkdown_stream_finish(stream);
}

void cmarkdown_free(char *html) {
    free(html);
}
