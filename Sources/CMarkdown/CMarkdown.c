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

char *cmarkdown_render_gfm(const char *markdown, size_t length) {
    pthread_once(&registered, register_extensions);
    /* CMARK_OPT_DEFAULT is safe mode: raw HTML and javascript:/vbscript:/data: links are not passed through. */
    const int options = CMARK_OPT_DEFAULT;
    cmark_parser *parser = cmark_parser_new(options);
    if (parser == NULL) return NULL;
    const char *names[] = {"table", "autolink", "tagfilter"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        cmark_syntax_extension *extension = cmark_find_syntax_extension(names[i]);
        if (extension != NULL) cmark_parser_attach_syntax_extension(parser, extension);
    }
    cmark_parser_feed(parser, markdown, length);
    cmark_node *document = cmark_parser_finish(parser);
    char *html = NULL;
    if (document != NULL) {
        html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
        cmark_node_free(document);
    }
    cmark_parser_free(parser);
    return html;
}

void cmarkdown_free(char *html) {
    free(html);
}
