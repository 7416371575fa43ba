#include "CCorpusResources.h"
#include <string.h>

#pragma clang diagnostic ignored "-Wc23-extensions"

// What VigieCorpus.CorpusData and CorpusProfile read; nothing else of corpus/ (the sample, the per-decade surname
// lists, communes.csv) is needed to generate.
static const unsigned char file0[] = {
#embed "../../corpus/profile.json"
};
static const unsigned char file1[] = {
#embed "../../corpus/cog/pays.csv"
};
static const unsigned char file2[] = {
#embed "../../corpus/cog/population.csv"
};
static const unsigned char file3[] = {
#embed "../../corpus/cog/mouvements-communes.csv"
};
static const unsigned char file4[] = {
#embed "../../corpus/names/surnames.all.txt"
};
static const unsigned char file5[] = {
#embed "../../corpus/names/firstnames.f.all.txt"
};
static const unsigned char file6[] = {
#embed "../../corpus/names/firstnames.m.all.txt"
};
static const unsigned char file7[] = {
#embed "../../corpus/names/firstnames.f.1901.txt"
};
static const unsigned char file8[] = {
#embed "../../corpus/names/firstnames.f.1911.txt"
};
static const unsigned char file9[] = {
#embed "../../corpus/names/firstnames.f.1921.txt"
};
static const unsigned char file10[] = {
#embed "../../corpus/names/firstnames.f.1931.txt"
};
static const unsigned char file11[] = {
#embed "../../corpus/names/firstnames.f.1941.txt"
};
static const unsigned char file12[] = {
#embed "../../corpus/names/firstnames.f.1951.txt"
};
static const unsigned char file13[] = {
#embed "../../corpus/names/firstnames.f.1961.txt"
};
static const unsigned char file14[] = {
#embed "../../corpus/names/firstnames.f.1971.txt"
};
static const unsigned char file15[] = {
#embed "../../corpus/names/firstnames.f.1981.txt"
};
static const unsigned char file16[] = {
#embed "../../corpus/names/firstnames.f.1991.txt"
};
static const unsigned char file17[] = {
#embed "../../corpus/names/firstnames.f.2001.txt"
};
static const unsigned char file18[] = {
#embed "../../corpus/names/firstnames.f.2011.txt"
};
static const unsigned char file19[] = {
#embed "../../corpus/names/firstnames.m.1901.txt"
};
static const unsigned char file20[] = {
#embed "../../corpus/names/firstnames.m.1911.txt"
};
static const unsigned char file21[] = {
#embed "../../corpus/names/firstnames.m.1921.txt"
};
static const unsigned char file22[] = {
#embed "../../corpus/names/firstnames.m.1931.txt"
};
static const unsigned char file23[] = {
#embed "../../corpus/names/firstnames.m.1941.txt"
};
static const unsigned char file24[] = {
#embed "../../corpus/names/firstnames.m.1951.txt"
};
static const unsigned char file25[] = {
#embed "../../corpus/names/firstnames.m.1961.txt"
};
static const unsigned char file26[] = {
#embed "../../corpus/names/firstnames.m.1971.txt"
};
static const unsigned char file27[] = {
#embed "../../corpus/names/firstnames.m.1981.txt"
};
static const unsigned char file28[] = {
#embed "../../corpus/names/firstnames.m.1991.txt"
};
static const unsigned char file29[] = {
#embed "../../corpus/names/firstnames.m.2001.txt"
};
static const unsigned char file30[] = {
#embed "../../corpus/names/firstnames.m.2011.txt"
};

static const struct { const char *path; const unsigned char *bytes; size_t length; } files[] = {
    {"profile.json", file0, sizeof file0},
    {"cog/pays.csv", file1, sizeof file1},
    {"cog/population.csv", file2, sizeof file2},
    {"cog/mouvements-communes.csv", file3, sizeof file3},
    {"names/surnames.all.txt", file4, sizeof file4},
    {"names/firstnames.f.all.txt", file5, sizeof file5},
    {"names/firstnames.m.all.txt", file6, sizeof file6},
    {"names/firstnames.f.1901.txt", file7, sizeof file7},
    {"names/firstnames.f.1911.txt", file8, sizeof file8},
    {"names/firstnames.f.1921.txt", file9, sizeof file9},
    {"names/firstnames.f.1931.txt", file10, sizeof file10},
    {"names/firstnames.f.1941.txt", file11, sizeof file11},
    {"names/firstnames.f.1951.txt", file12, sizeof file12},
    {"names/firstnames.f.1961.txt", file13, sizeof file13},
    {"names/firstnames.f.1971.txt", file14, sizeof file14},
    {"names/firstnames.f.1981.txt", file15, sizeof file15},
    {"names/firstnames.f.1991.txt", file16, sizeof file16},
    {"names/firstnames.f.2001.txt", file17, sizeof file17},
    {"names/firstnames.f.2011.txt", file18, sizeof file18},
    {"names/firstnames.m.1901.txt", file19, sizeof file19},
    {"names/firstnames.m.1911.txt", file20, sizeof file20},
    {"names/firstnames.m.1921.txt", file21, sizeof file21},
    {"names/firstnames.m.1931.txt", file22, sizeof file22},
    {"names/firstnames.m.1941.txt", file23, sizeof file23},
    {"names/firstnames.m.1951.txt", file24, sizeof file24},
    {"names/firstnames.m.1961.txt", file25, sizeof file25},
    {"names/firstnames.m.1971.txt", file26, sizeof file26},
    {"names/firstnames.m.1981.txt", file27, sizeof file27},
    {"names/firstnames.m.1991.txt", file28, sizeof file28},
    {"names/firstnames.m.2001.txt", file29, sizeof file29},
    {"names/firstnames.m.2011.txt", file30, sizeof file30},
};

const unsigned char *vigie_corpus_file(const char *path, size_t *length) {
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (strcmp(files[i].path, path) == 0) {
            *length = files[i].length;
            return files[i].bytes;
        }
    }
    *length = 0;
    return NULL;
}

const char *vigie_corpus_file_name(size_t index) {
    return index < sizeof files / sizeof files[0] ? files[index].path : NULL;
}
