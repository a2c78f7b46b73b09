#ifndef FINSAM_ZIP_POOL_H
#define FINSAM_ZIP_POOL_H

/* minizip's types, as its zip.h declares them (the header is not installed with libxlsxwriter's runtime). */
typedef void *zipFile;
typedef unsigned int uInt;
typedef unsigned long uLong;
typedef struct {
    uInt tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year;
} tm_zip;
typedef struct {
    tm_zip tmz_date;
    uLong dosDate;
    uLong internal_fa;
    uLong external_fa;
} zip_fileinfo;

/* What the zip_pool_* calls return when the call is not theirs and goes to minizip unchanged. */
#define ZIP_POOL_PASS 1

/* `plain`: libxlsxwriter's kind of entry (deflated by minizip, no extra fields, comment or password). */
int zip_pool_open(zipFile file, const char *filename, const zip_fileinfo *zipfi, int plain, int level,
                  int window_bits, int mem_level, int strategy, uLong version_made_by, uLong flag_base, int zip64,
                  int workers);
int zip_pool_write(zipFile file, const void *buf, unsigned len);
int zip_pool_close_entry(zipFile file);
int zip_pool_close(zipFile file, const char *comment);

/* minizip's own functions (the next definitions after the executable's), for the calls that are not the pool's. */
int zip_minizip_open(zipFile file, const char *filename, const zip_fileinfo *zipfi, const void *extrafield_local,
                     uInt size_extrafield_local, const void *extrafield_global, uInt size_extrafield_global,
                     const char *comment, int method, int level, int raw, int window_bits, int mem_level,
                     int strategy, const char *password, uLong crc_for_crypting, uLong version_made_by,
                     uLong flag_base, int zip64);
int zip_minizip_write(zipFile file, const void *buf, unsigned len);
int zip_minizip_close_entry(zipFile file);

#endif
