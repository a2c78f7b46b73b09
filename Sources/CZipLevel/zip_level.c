#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include "include/zip_level.h"

/* minizip's types, as zip.h declares them (its header is not installed with libxlsxwriter's runtime). */
typedef void *zipFile;
typedef unsigned int uInt;
typedef unsigned long uLong;

typedef int (*open_entry_fn)(zipFile, const char *, const void *, const void *, uInt, const void *, uInt,
                             const char *, int, int, int, int, int, int, const char *, uLong, uLong, uLong, int);

static atomic_int zip_level = -1;
static atomic_long entries_opened = 0;

void finsam_set_zip_level(int level) { atomic_store(&zip_level, level); }

long finsam_zip_entries_opened(void) { return atomic_load(&entries_opened); }

/* Defined in the executable, so libxlsxwriter's call resolves here first; the real function is the next one
   the dynamic linker finds (libminizip's). */
int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const void *zipfi, const void *extrafield_local,
                            uInt size_extrafield_local, const void *extrafield_global, uInt size_extrafield_global,
                            const char *comment, int method, int level, int raw, int windowBits, int memLevel,
                            int strategy, const char *password, uLong crcForCrc, uLong versionMadeBy, uLong flagBase,
                            int zip64) {
    static open_entry_fn real;
    if (!real) real = (open_entry_fn)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    if (!real) return -104; /* ZIP_INTERNALERROR: minizip is not loaded, nothing to call */
    int chosen = atomic_load(&zip_level);
    if (chosen >= 0 && chosen <= 9) level = chosen;
    atomic_fetch_add(&entries_opened, 1);
    return real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy, password,
                crcForCrc, versionMadeBy, flagBase, zip64);
}
