// Files embedded in the binary with C23 #embed (clang 19+, Swift 6.1+ toolchains), so that a copied `vigie` runs
// without the SwiftPM resource bundle (Bundle.module calls fatalError when the bundle is not next to the binary).
// The files stay where they are maintained; this target only compiles them in. A test checks the embedded bytes
// against the files.
#ifndef CIDENTITYRESOURCES_H
#define CIDENTITYRESOURCES_H
#include <stddef.h>

/// Sources/VigieIdentity/Resources/cog.txt (built by scripts/build-cog.py); sets *length.
const unsigned char *vigie_cog_table(size_t *length);

#endif
