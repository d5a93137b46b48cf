#ifndef CLIBCRYPTO_SHIM_H
#define CLIBCRYPTO_SHIM_H
// Only SHA-256, for the page script's Content-Security-Policy hash: OpenSSL's libcrypto, which every Debian and
// Ubuntu system has, instead of compiling BoringSSL (swift-crypto) for one digest.
#include <openssl/sha.h>
#endif
