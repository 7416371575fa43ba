// System ICU headers, seen only by the CICU shim's C file.
#include <unicode/utypes.h>
#include <unicode/utrans.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
