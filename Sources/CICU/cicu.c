#include "cicu.h"
// System ICU headers, seen only by the CICU shim's C file.
#include <unicode/utypes.h>
#include <unicode/utrans.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *const transform_ids[CICU_TRANSFORM_COUNT] = {
    "Any-Latin; Latin-ASCII; Upper",
    "Latin-ASCII; Upper",
};

// One master per transform, opened once (expensive); each thread clones it on first use, since a
// UTransliterator must not be used by two threads at once. The clone is closed when its thread exits.
static UTransliterator *masters[CICU_TRANSFORM_COUNT];
static pthread_once_t masters_once = PTHREAD_ONCE_INIT;
static pthread_key_t clones_key;

static void close_clones(void *value) {
    UTransliterator **clones = (UTransliterator **)value;
    for (int i = 0; i < CICU_TRANSFORM_COUNT; i++) {
        if (clones[i] != NULL) utrans_close(clones[i]);
    }
    free(clones);
}

static void open_masters(void) {
    pthread_key_create(&clones_key, close_clones);
    for (int i = 0; i < CICU_TRANSFORM_COUNT; i++) {
        UChar id[128];
        int32_t idLength = 0;
        UErrorCode status = U_ZERO_ERROR;
        u_strFromUTF8(id, 128, &idLength, transform_ids[i], -1, &status);
        if (U_FAILURE(status)) { masters[i] = NULL; continue; }
        masters[i] = utrans_openU(id, idLength, UTRANS_FORWARD, NULL, 0, NULL, &status);
        if (U_FAILURE(status)) masters[i] = NULL;
    }
}

static UTransliterator *thread_transliterator(int32_t transform) {
    if (transform < 0 || transform >= CICU_TRANSFORM_COUNT) return NULL;
    pthread_once(&masters_once, open_masters);
    if (masters[transform] == NULL) return NULL;
    UTransliterator **clones = (UTransliterator **)pthread_getspecific(clones_key);
    if (clones == NULL) {
        clones = (UTransliterator **)calloc(CICU_TRANSFORM_COUNT, sizeof(UTransliterator *));
        if (clones == NULL) return NULL;
        pthread_setspecific(clones_key, clones);
    }
    if (clones[transform] == NULL) {
        UErrorCode status = U_ZERO_ERROR;
        clones[transform] = utrans_clone(masters[transform], &status);
        if (U_FAILURE(status)) { clones[transform] = NULL; return NULL; }
    }
    return clones[transform];
}

int32_t cicu_transliterate(int32_t transform, const uint16_t *src, int32_t srcLength,
                           uint16_t *dest, int32_t destCapacity) {
    UTransliterator *t = thread_transliterator(transform);
    if (t == NULL || srcLength < 0 || destCapacity < 0) return -1;
    if (srcLength > destCapacity) return -2;
    // utrans_transUChars works in place: copy first, then transform within dest's capacity.
    memcpy(dest, src, (size_t)srcLength * sizeof(uint16_t));
    int32_t length = srcLength;
    int32_t limit = srcLength;
    UErrorCode status = U_ZERO_ERROR;
    utrans_transUChars(t, (UChar *)dest, &length, destCapacity, 0, &limit, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -2;
    if (U_FAILURE(status)) return -1;
    return length;
}

int32_t cicu_icu_version(char *dest, int32_t capacity) {
    UVersionInfo info;
    u_getVersion(info);
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(info, text);
    int32_t length = (int32_t)strlen(text);
    if (capacity <= 0) return length;
    int32_t copied = length < capacity - 1 ? length : capacity - 1;
    memcpy(dest, text, (size_t)copied);
    dest[copied] = 0;
    return length;
}
