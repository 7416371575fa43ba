#include "CIdentityResources.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char cog_table[] = {
#embed "../VigieIdentity/Resources/cog.txt"
};

const unsigned char *vigie_cog_table(size_t *length) {
    *length = sizeof cog_table;
    return cog_table;
}
