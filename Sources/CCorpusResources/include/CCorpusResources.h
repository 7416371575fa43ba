// Files embedded in the binary with C23 #embed (clang 19+, Swift 6.1+ toolchains), so that a copied `vigie` runs
// without the SwiftPM resource bundle (Bundle.module calls fatalError when the bundle is not next to the binary).
// The files stay where they are maintained; this target only compiles them in. A test checks the embedded bytes
// against the files.
#ifndef CCORPUSRESOURCES_H
#define CCORPUSRESOURCES_H
#include <stddef.h>

/// The file of the repository's corpus/ directory at `path` (relative, e.g. "names/surnames.all.txt"), or NULL when
/// it is not one the generator reads; sets *length.
const unsigned char *vigie_corpus_file(const char *path, size_t *length);

/// The relative path of the i-th embedded file (0-based), or NULL past the last.
const char *vigie_corpus_file_name(size_t index);

#endif
