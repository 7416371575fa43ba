#include "CINSiResources.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char cnda_identities[] = {
#embed "../VigieINSi/Resources/cnda-identities.csv"
};

const unsigned char *vigie_cnda_identities(size_t *length) {
    *length = sizeof cnda_identities;
    return cnda_identities;
}
