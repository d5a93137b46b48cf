#include "CMarkdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

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

static cmarkdown_kind kind_of(cmark_node *node) {
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_LINK: return CMARKDOWN_LINK;
    case CMARK_NODE_IMAGE: return CMARKDOWN_IMAGE;
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE: return CMARKDOWN_HTML;
    default: break;
    }
    const char *type = cmark_node_get_type_string(node);
    if (type == NULL) return CMARKDOWN_OTHER;
    if (strcmp(type, "table") == 0) return CMARKDOWN_TABLE;
    if (strcmp(type, "table_row") == 0) {
        return cmark_gfm_extensions_get_table_row_is_header(node) ? CMARKDOWN_TABLE_HEADER_ROW : CMARKDOWN_TABLE_ROW;
    }
    if (strcmp(type, "table_header") == 0) return CMARKDOWN_TABLE_HEADER_ROW;
    if (strcmp(type, "table_cell") == 0) return CMARKDOWN_TABLE_CELL;
    return CMARKDOWN_OTHER;
}

struct cmarkdown_document {
    cmark_parser *parser;
    cmark_node *root;
};

cmarkdown_document *cmarkdown_stream_finish_document(cmarkdown_stream *stream) {
    cmark_node *root = cmark_parser_finish(stream->parser);
    cmarkdown_document *document = root != NULL ? calloc(1, sizeof *document) : NULL;
    if (document == NULL) {
        if (root != NULL) cmark_node_free(root);
        cmark_parser_free(stream->parser);
        free(stream);
        return NULL;
    }
    document->parser = stream->parser;
    document->root = root;
    free(stream);
    return document;
}

enum { batch_capacity = 4096 };

void cmarkdown_document_walk(cmarkdown_document *document, void *context,
                             int (*batch)(void *context, const cmarkdown_event *events, size_t count)) {
    cmarkdown_event events[batch_capacity];
    size_t count = 0;
    cmark_iter *iter = cmark_iter_new(document->root);
    cmark_event_type event;
#define EMIT(event_type, event_kind, event_data, event_length)                                                       \
    do {                                                                                                           \
        events[count].type = (event_type);                                                                         \
        events[count].kind = (event_kind);                                                                         \
        events[count].data = (event_data);                                                                         \
        events[count].length = (event_length);                                                                     \
        if (++count == batch_capacity) {                                                                           \
            if (!batch(context, events, count)) goto done;                                                         \
            count = 0;                                                                                             \
        }                                                                                                          \
    } while (0)
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
            const char *literal = cmark_node_get_literal(node);
            if (literal != NULL) EMIT(CMARKDOWN_TEXT, CMARKDOWN_OTHER, literal, strlen(literal));
            continue;
        }
        if (type == CMARK_NODE_SOFTBREAK) {
            EMIT(CMARKDOWN_TEXT, CMARKDOWN_OTHER, "\n", 1);
            continue;
        }
        cmarkdown_kind kind = kind_of(node);
        if (kind == CMARKDOWN_OTHER) continue;
        if (event == CMARK_EVENT_ENTER) {
            const char *url = (kind == CMARKDOWN_LINK || kind == CMARKDOWN_IMAGE) ? cmark_node_get_url(node) : NULL;
            EMIT(CMARKDOWN_ENTER, kind, url, 0);
            /* Leaf nodes (raw HTML) have no exit event. */
            if (kind == CMARKDOWN_HTML) EMIT(CMARKDOWN_EXIT, kind, NULL, 0);
        } else {
            EMIT(CMARKDOWN_EXIT, kind, NULL, 0);
        }
    }
    if (count > 0) batch(context, events, count);
done:
#undef EMIT
    cmark_iter_free(iter);
}

void cmarkdown_document_free(cmarkdown_document *document, int release_tree) {
    if (document == NULL) return;
    if (release_tree) {
        cmark_node_free(document->root);
        cmark_parser_free(document->parser);
    }
    free(document);
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
