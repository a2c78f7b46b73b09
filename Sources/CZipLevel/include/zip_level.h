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

/* How many zip entries were opened through the wrapper since the process started (a test checks it is used). */
long finsam_zip_entries_opened(void);

#endif
