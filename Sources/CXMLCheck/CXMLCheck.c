#include "CXMLCheck.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

struct cxml_stream {
    cxml_handlers handlers;
    /* Whether text and end tags go to the handlers throughout, or only while cxml_stream_want_characters has
       turned them on. */
    int text_throughout;
    xmlSAXHandler sax;
    xmlParserCtxtPtr parser;
    /* Scratch space for NUL-terminated attribute values, reused between start tags. */
    cxml_attribute *attributes;
    int attribute_capacity;
    char *values;
    size_t values_capacity;
};

static int ensure_capacity(cxml_stream *stream, int count, size_t bytes) {
    if (count > stream->attribute_capacity) {
        cxml_attribute *grown = realloc(stream->attributes, sizeof(cxml_attribute) * (size_t)count);
        if (grown == NULL) return 0;
        stream->attributes = grown;
        stream->attribute_capacity = count;
    }
    if (bytes > stream->values_capacity) {
        char *grown = realloc(stream->values, bytes);
        if (grown == NULL) return 0;
        stream->values = grown;
        stream->values_capacity = bytes;
    }
    return 1;
}

static void on_start_element(void *user_data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                             int namespace_count, const xmlChar **namespaces, int attribute_count,
                             int defaulted_count, const xmlChar **attributes) {
    (void)uri;
    (void)namespaces;
    (void)defaulted_count;
    cxml_stream *stream = user_data;
    if (stream->handlers.start_element == NULL) return;

    /* libxml2 passes five pointers per attribute: local name, prefix, URI, value start, value end. */
    size_t bytes = 0;
    for (int i = 0; i < attribute_count; i++) {
        bytes += (size_t)(attributes[i * 5 + 4] - attributes[i * 5 + 3]) + 1;
    }
    if (!ensure_capacity(stream, attribute_count, bytes)) {
        xmlStopParser(stream->parser);
        return;
    }
    char *cursor = stream->values;
    for (int i = 0; i < attribute_count; i++) {
        const char *value = (const char *)attributes[i * 5 + 3];
        size_t length = (size_t)(attributes[i * 5 + 4] - attributes[i * 5 + 3]);
        stream->attributes[i].name = (const char *)attributes[i * 5];
        stream->attributes[i].prefix = (const char *)attributes[i * 5 + 1];
        stream->attributes[i].value = cursor;
        /* Without entity substitution, libxml2's SAX2 hands over every '&' of an attribute value as "&#38;"
           (to keep entity boundaries); turn it back into '&' so the value is the decoded text. */
        for (size_t j = 0; j < length; j++) {
            if (value[j] == '&' && j + 5 <= length && memcmp(value + j, "&#38;", 5) == 0) {
                *cursor++ = '&';
                j += 4;
            } else {
                *cursor++ = value[j];
            }
        }
        *cursor++ = '\0';
    }
    stream->handlers.start_element(stream->handlers.context, (const char *)localname, (const char *)prefix,
                                   namespace_count, stream->attributes, attribute_count,
                                   (long)xmlSAX2GetLineNumber(stream->parser));
}

static void on_end_element(void *user_data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)prefix;
    (void)uri;
    cxml_stream *stream = user_data;
    if (stream->handlers.end_element != NULL) {
        stream->handlers.end_element(stream->handlers.context, (const char *)localname);
    }
}

static void on_characters(void *user_data, const xmlChar *text, int length) {
    cxml_stream *stream = user_data;
    if (stream->handlers.characters != NULL) {
        stream->handlers.characters(stream->handlers.context, (const char *)text, length);
    }
}

static void on_error(void *user_data, xmlErrorPtr error) {
    cxml_stream *stream = user_data;
    if (error == NULL || stream->handlers.problem == NULL) return;
    cxml_level level = CXML_LEVEL_WARNING;
    if (error->level == XML_ERR_ERROR) level = CXML_LEVEL_ERROR;
    if (error->level == XML_ERR_FATAL) level = CXML_LEVEL_FATAL;
    /* libxml2's messages end with a newline; the caller formats its own lines. */
    char message[512];
    const char *text = error->message != NULL ? error->message : "unknown XML error";
    size_t length = strlen(text);
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == ' ')) length--;
    if (length >= sizeof message) length = sizeof message - 1;
    memcpy(message, text, length);
    message[length] = '\0';
    stream->handlers.problem(stream->handlers.context, level, error->code, (long)error->line, error->int2, message);
}

cxml_stream *cxml_stream_create(const cxml_handlers *handlers) {
    cxml_stream *stream = calloc(1, sizeof *stream);
    if (stream == NULL) return NULL;
    stream->handlers = *handlers;
    stream->text_throughout = handlers->characters_at_start;
    /* Only our callbacks: no tree is built, so memory does not grow with the document. */
    memset(&stream->sax, 0, sizeof stream->sax);
    stream->sax.initialized = XML_SAX2_MAGIC;
    stream->sax.startElementNs = on_start_element;
    /* Without a handler, libxml2 does not even hand over the text. A stream that wants no text at the start may
       want it later (cxml_stream_want_characters). */
    int text = handlers->characters != NULL && handlers->characters_at_start;
    stream->sax.endElementNs = handlers->end_element != NULL && text ? on_end_element : NULL;
    stream->sax.characters = text ? on_characters : NULL;
    stream->sax.cdataBlock = text ? on_characters : NULL;
    stream->sax.serror = on_error;
    stream->parser = xmlCreatePushParserCtxt(&stream->sax, stream, NULL, 0, NULL);
    if (stream->parser == NULL) {
        free(stream);
        return NULL;
    }
    /* Never fetch anything from the network and never expand external entities. */
    xmlCtxtUseOptions(stream->parser, XML_PARSE_NONET);
    return stream;
}

void cxml_stream_want_characters(cxml_stream *stream, int wanted) {
    if (stream->text_throughout || stream->handlers.characters == NULL) return;
    /* The parser reads its own copy of the SAX handlers at each event: without a characters handler it does
       not hand over the text at all, which is most of a document's events. */
    xmlSAXHandlerPtr sax = stream->parser->sax;
    sax->characters = wanted ? on_characters : NULL;
    sax->cdataBlock = wanted ? on_characters : NULL;
    sax->endElementNs = wanted && stream->handlers.end_element != NULL ? on_end_element : NULL;
}

int cxml_stream_feed(cxml_stream *stream, const char *bytes, size_t length, int is_last) {
    /* Feed in slices: xmlParseChunk takes an int length, and one huge chunk trips libxml2's 10 MB lookup limit
       ("Huge input lookup"), which small chunks never reach. */
    const size_t slice = 1 << 18;
    while (length > slice) {
        int status = xmlParseChunk(stream->parser, bytes, (int)slice, 0);
        if (status != 0) return status;
        bytes += slice;
        length -= slice;
    }
    return xmlParseChunk(stream->parser, bytes, (int)length, is_last);
}

void cxml_stream_free(cxml_stream *stream) {
    if (stream == NULL) return;
    xmlFreeParserCtxt(stream->parser);
    free(stream->attributes);
    free(stream->values);
    free(stream);
}

const char *cxml_library_version(void) {
    return xmlParserVersion;
}
