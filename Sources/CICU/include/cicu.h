#ifndef CICU_H
#define CICU_H
// The only door to ICU. This header exposes no ICU type on purpose (see DESIGN.md, CICU): Swift modules that
// import Foundation cannot also see the system ICU headers (Foundation carries its own ICU, another version).
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The transforms Vigie uses. Each is opened once per process and cloned once per thread (ICU transliterators
/// are not safe to use from several threads at once); opening one costs ~340 µs, a clone far less.
typedef enum {
    /// `Any-Latin; Latin-ASCII; Upper`: the INS form's transliteration (other scripts romanised, diacritics
    /// removed, ligatures expanded, root-locale upper case).
    CICU_TRANSFORM_INS = 0,
    /// `Latin-ASCII; Upper`: Latin only, other scripts kept (for tests and diagnostics).
    CICU_TRANSFORM_LATIN_ASCII_UPPER = 1,
    CICU_TRANSFORM_COUNT = 2
} cicu_transform;

/// Transforms UTF-16 `src` into `dest` with the given transform.
/// Returns the output length in UTF-16 units; -2 when `destCapacity` is too small (call again with more);
/// -1 on any other ICU failure (unknown transform, out of memory).
int32_t cicu_transliterate(int32_t transform, const uint16_t *src, int32_t srcLength,
                           uint16_t *dest, int32_t destCapacity);

/// Writes the ICU version ("72.1") as a NUL-terminated string; returns its length.
int32_t cicu_icu_version(char *dest, int32_t capacity);

#ifdef __cplusplus
}
#endif
#endif
