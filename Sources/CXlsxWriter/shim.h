#include <stdio.h>
#include <xlsxwriter.h>

/*
 * libxlsxwriter's constant_memory mode writes each row's XML to a temporary file as soon as the next row is
 * started, instead of keeping every cell in memory until workbook_close builds all the XML at once. It is an
 * option of the whole workbook, and in it every sheet refuses tables and writes out of row order. finsam
 * streams only the documents' sheets, which it writes row by row; this returns any other sheet of such a
 * workbook to the ordinary mode, exactly as if the workbook had been opened without the option: its unused
 * temporary file is closed and its cells are kept in memory (worksheet.c tests `optimize` on every write and
 * when the sheet is assembled; the packager writes shared strings whenever any sheet has them).
 * Call it right after workbook_add_worksheet, before anything is written to the sheet.
 */
static inline void finsam_worksheet_keep_in_memory(lxw_worksheet *sheet) {
    if (!sheet->optimize) return;
    if (sheet->optimize_tmpfile) fclose(sheet->optimize_tmpfile);
    sheet->optimize_tmpfile = NULL;
    sheet->file = NULL;
    sheet->optimize = LXW_FALSE;
}
