#ifndef FINSAM_ZIP_LEVEL_H
#define FINSAM_ZIP_LEVEL_H

/*
 * The zlib compression level of the workbook's zip entries. libxlsxwriter always asks minizip for zlib's
 * default (6) and has no option for it; deflate is then about half of what closing a large workbook costs,
 * and it runs on one core after everything else is done. zip_level.c wraps minizip's
 * zipOpenNewFileInZip4_64, the one call libxlsxwriter opens each entry with, and passes this level instead.
 * -1 (the start value) leaves libxlsxwriter's choice alone. Process-wide: set it before workbook_close.
 */
void finsam_set_zip_level(int level);

/*
 * How many threads deflate the zip entries beside the one that closes the workbook (zip_pool.c); 0 (the start
 * value) leaves it all to minizip on the closing thread. The file is the same bytes either way.
 * Process-wide: set it before workbook_close.
 */
void finsam_set_zip_workers(int workers);

/* CPU seconds the deflating threads have spent since the process started (the closing thread's is its own). */
double finsam_zip_worker_cpu_seconds(void);

/* How many entries went through the deflating threads since the process started (tests check they are used). */
long finsam_zip_entries_pooled(void);

/*
 * For tests: an entry past `spill` bytes goes to minizip directly, and past `queue` bytes waiting the closing
 * thread deflates too. 0 restores the defaults (32 MB, 8 MB).
 */
void finsam_set_zip_pool_limits(long spill, long queue);

/* How many zip entries were opened through the wrapper since the process started (a test checks it is used). */
long finsam_zip_entries_opened(void);

#endif
