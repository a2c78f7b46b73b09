#include <stdatomic.h>
#include <stddef.h>
#include "include/zip_level.h"
#include "zip_pool.h"

/*
 * minizip's entry points as libxlsxwriter calls them while it closes a workbook. They are defined in the
 * executable, so libxlsxwriter's calls resolve here first; minizip's own functions are the next ones the dynamic
 * linker finds (zip_pool.c looks them up). The level is replaced here; zip_pool.c deflates the entries beside
 * the closing thread.
 */

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
    int chosen = atomic_load(&zip_level);
    if (chosen >= 0 && chosen <= 9) level = chosen;
    atomic_fetch_add(&entries_opened, 1);
    int plain = method == 8 && !raw && !password && !extrafield_local && !size_extrafield_local &&
                !extrafield_global && !size_extrafield_global && !comment && level != 0;
    int pooled = zip_pool_open(file, filename, zipfi, plain, level, windowBits, memLevel, strategy, versionMadeBy,
                               flagBase, zip64, atomic_load(&zip_workers));
    if (pooled != ZIP_POOL_PASS) return pooled;
    return zip_minizip_open(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                            size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
                            password, crcForCrc, versionMadeBy, flagBase, zip64);
}

int zipWriteInFileInZip(zipFile file, const void *buf, unsigned len) {
    int pooled = zip_pool_write(file, buf, len);
    return pooled != ZIP_POOL_PASS ? pooled : zip_minizip_write(file, buf, len);
}

int zipCloseFileInZip(zipFile file) {
    int pooled = zip_pool_close_entry(file);
    return pooled != ZIP_POOL_PASS ? pooled : zip_minizip_close_entry(file);
}

int zipClose(zipFile file, const char *comment) { return zip_pool_close(file, comment); }
