#ifndef CICU_H
#define CICU_H
// The only door to ICU. This header exposes no ICU type on purpose (see DESIGN.md, CICU).
#include <stdint.h>
#endif
