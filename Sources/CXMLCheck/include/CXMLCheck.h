#ifndef CXMLCHECK_H
#define CXMLCHECK_H

/*
 * A small facade over libxml2's streaming (SAX2 push) XML parser.
 *
 * Swift code must not import libxml2's headers directly: on Debian, libxml2 is built with ICU,
 * and its headers clash with Foundation's ('UErrorCode' has different definitions). This header
 * therefore uses only plain C types; only CXMLCheck.c includes <libxml/...>.
 *
 * Every parser owns its handlers and its error channel: there is no process-wide error state.
 */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One attribute of a start tag: local name and decoded value, both NUL-terminated UTF-8, and the prefix of its
/// qualified name (NULL without one).
typedef struct cxml_attribute {
    const char *name;
    const char *value;
    const char *prefix;
} cxml_attribute;

/// How serious a reported problem is.
typedef enum cxml_level {
    CXML_LEVEL_WARNING = 1,
    CXML_LEVEL_ERROR = 2,
    CXML_LEVEL_FATAL = 3
} cxml_level;

/// Callbacks invoked while a document is parsed. Any of them may be NULL.
typedef struct cxml_handlers {
    /// Passed back unchanged as the first argument of every callback.
    void *context;
    /// A start tag, with its local name, the prefix of its qualified name (NULL without one), how many namespace
    /// declarations (xmlns attributes, which are not among the attributes) it has, its attributes and 1-based line.
    void (*start_element)(void *context, const char *name, const char *prefix, int namespace_count,
                          const cxml_attribute *attributes, int attribute_count, long line);
    /// An end tag (also called for empty-element tags).
    void (*end_element)(void *context, const char *name);
    /// Character data, entity and character references already decoded. Not NUL-terminated.
    void (*characters)(void *context, const char *text, int length);
    /// A problem found by the parser, with its 1-based line and column and libxml2's message.
    void (*problem)(void *context, cxml_level level, int code, long line, int column, const char *message);
    /// Whether character data and every end tag go to the handlers from the start (1). With 0, they go only
    /// while cxml_stream_want_characters has turned them on (end tags included, so that the handler learns
    /// where the text it wanted ends).
    int characters_at_start;
} cxml_handlers;

/// An XML push parser that is fed the document in chunks of any size.
typedef struct cxml_stream cxml_stream;

/// Creates a parser. The handlers are copied. Returns NULL when out of memory.
cxml_stream *cxml_stream_create(const cxml_handlers *handlers);

/// Feeds the next chunk; pass is_last = 1 with the final chunk (which may be empty).
/// Returns 0 while the document is well-formed so far, otherwise libxml2's error code.
int cxml_stream_feed(cxml_stream *stream, const char *bytes, size_t length, int is_last);

/// Turns the delivery of character data (and of end tags) on or off, from within a callback or between chunks.
void cxml_stream_want_characters(cxml_stream *stream, int wanted);

/// Releases the parser.
void cxml_stream_free(cxml_stream *stream);

/// The version of the libxml2 library in use, for example "20914".
const char *cxml_library_version(void);

#ifdef __cplusplus
}
#endif

#endif
