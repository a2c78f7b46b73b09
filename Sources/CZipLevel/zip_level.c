#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <stdatomic.h>
#include <stddef.h>
#include "include/zip_level.h"
#include "zip_pool.h"

/*
 * minizip's entry points as libxlsxwriter calls them while it closes a workbook. They are defined in the
 * executable, so libxlsxwriter's calls resolve here first; minizip's own functions are the next ones the dynamic
 * linker finds. The level is replaced here; zip_pool.c deflates the entries beside the closing thread.
 */

typedef int (*open_entry_fn)(zipFile, const char *, const zip_fileinfo *, const void *, uInt, const void *, uInt,
                             const char *, int, int, int, int, int, int, const char *, uLong, uLong, uLong, int);
typedef int (*write_fn)(zipFile, const void *, unsigned);
typedef int (*close_entry_fn)(zipFile);
typedef int (*close_fn)(zipFile, const char *);

static atomic_int zip_level = -1;
static atomic_int zip_workers = 0;
static atomic_long entries_opened = 0;

void finsam_set_zip_level(int level) { atomic_store(&zip_level, level); }

void finsam_set_zip_workers(int workers) { atomic_store(&zip_workers, workers); }

long finsam_zip_entries_opened(void) { return atomic_load(&entries_opened); }

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const zip_fileinfo *zipfi, const void *extrafield_local,
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
    int plain = method == 8 && !raw && !password && !extrafield_local && !size_extrafield_local &&
                !extrafield_global && !size_extrafield_global && !comment && level != 0;
    int pooled = zip_pool_open(file, filename, zipfi, plain, level, windowBits, memLevel, strategy, versionMadeBy,
                               flagBase, zip64, atomic_load(&zip_workers));
    if (pooled != ZIP_POOL_PASS) return pooled;
    return real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy, password,
                crcForCrc, versionMadeBy, flagBase, zip64);
}

int zipWriteInFileInZip(zipFile file, const void *buf, unsigned len) {
    int pooled = zip_pool_write(file, buf, len);
    if (pooled != ZIP_POOL_PASS) return pooled;
    static write_fn real;
    if (!real) real = (write_fn)dlsym(RTLD_NEXT, "zipWriteInFileInZip");
    return real ? real(file, buf, len) : -104;
}

int zipCloseFileInZip(zipFile file) {
    int pooled = zip_pool_close_entry(file);
    if (pooled != ZIP_POOL_PASS) return pooled;
    static close_entry_fn real;
    if (!real) real = (close_entry_fn)dlsym(RTLD_NEXT, "zipCloseFileInZip");
    return real ? real(file) : -104;
}

int zipClose(zipFile file, const char *comment) { return zip_pool_close(file, comment); }
