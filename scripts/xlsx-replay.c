/*
 * xlsx-replay: writes a workbook from a trace of libxlsxwriter calls (FINSAM_XLSX_TRACE), as a bare C
 * program would: the floor finsam's workbook writer is measured against (scripts/bench-workbook.sh).
 *
 *   cc -O2 scripts/xlsx-replay.c -o xlsx-replay $(pkg-config --cflags --libs xlsxwriter)
 *   xlsx-replay TRACE OUT.xlsx [REPEAT]
 *
 * The trace is read and parsed into memory first; only the libxlsxwriter calls and workbook_close are
 * timed. Prints the best wall time and the best CPU time of REPEAT runs, in seconds.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../Sources/CXlsxWriter/shim.h"
/* finsam's zip level: the same wrapper around minizip, so the same bytes for the same work. */
#include "../Sources/CZipLevel/zip_level.c"
#include "../Sources/CZipLevel/zip_pool.c"

typedef struct {
    int nf;
    char **s;     /* fields, unescaped */
    long *i;      /* each field as an integer */
    double *d;    /* each field as a double */
} cmd_t;

static char *unescape(char *f) {
    char *r = f, *w = f;
    while (*r) {
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
            r++;
        } else {
            *w++ = *r++;
        }
    }
    *w = 0;
    return f;
}

static cmd_t *load(const char *path, size_t *count) {
    FILE *fp = fopen(path, "rb");
    if (!fp) { perror(path); exit(2); }
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc(size + 1);
    if (fread(buf, 1, size, fp) != (size_t)size) { perror("read"); exit(2); }
    buf[size] = 0;
    fclose(fp);
    size_t lines = 0;
    for (long k = 0; k < size; k++) if (buf[k] == '\n') lines++;
    cmd_t *cmds = calloc(lines + 1, sizeof(cmd_t));
    size_t n = 0;
    char *line = buf;
    while (*line) {
        char *end = strchr(line, '\n');
        if (end) *end = 0;
        int nf = 1;
        for (char *p = line; *p; p++) if (*p == '\t') nf++;
        cmd_t *c = &cmds[n++];
        c->nf = nf;
        c->s = malloc(nf * sizeof(char *));
        c->i = malloc(nf * sizeof(long));
        c->d = malloc(nf * sizeof(double));
        char *f = line;
        for (int k = 0; k < nf; k++) {
            char *tab = strchr(f, '\t');
            if (tab) *tab = 0;
            c->s[k] = unescape(f);
            c->i[k] = strtol(f, NULL, 10);
            c->d[k] = strtod(f, NULL);
            f = tab ? tab + 1 : f + strlen(f);
        }
        if (!end) break;
        line = end + 1;
    }
    *count = n;
    return cmds;
}

#define MAXF 4096
#define MAXS 100000
#define MAXC 256

static long current_rss_kb(void) {
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static double seconds(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static double replay(cmd_t *cmds, size_t n, const char *out, double *cpu) {
    static lxw_format *formats[MAXF];
    static lxw_worksheet *sheets[MAXS];
    static lxw_chart *charts[MAXC];
    static lxw_chart_series *series[MAXC][16];
    static int nseries[MAXC];
    int nsheets = 0, ncharts = 0;
    memset(nseries, 0, sizeof nseries);
    lxw_workbook *wb = NULL;
    double wall0 = seconds(CLOCK_MONOTONIC), cpu0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
    for (size_t k = 0; k < n; k++) {
        cmd_t *c = &cmds[k];
        const char *op = c->s[0];
        long *I = c->i;
        double *D = c->d;
        char **S = c->s;
#define FMT(x) (I[x] ? formats[I[x]] : NULL)
        if (!strcmp(op, "str")) {
            worksheet_write_string(sheets[I[1]], I[2], I[3], S[5], FMT(4));
        } else if (!strcmp(op, "num")) {
            worksheet_write_number(sheets[I[1]], I[2], I[3], D[5], FMT(4));
        } else if (!strcmp(op, "formula")) {
            worksheet_write_formula_num(sheets[I[1]], I[2], I[3], S[6], FMT(4), D[5]);
        } else if (!strcmp(op, "blank")) {
            worksheet_write_blank(sheets[I[1]], I[2], I[3], FMT(4));
        } else if (!strcmp(op, "url")) {
            worksheet_write_url_opt(sheets[I[1]], I[2], I[3], S[5], FMT(4), S[6], NULL);
        } else if (!strcmp(op, "comment")) {
            lxw_comment_options o = {0};
            o.width = I[4];
            o.height = I[5];
            worksheet_write_comment_opt(sheets[I[1]], I[2], I[3], S[6], &o);
        } else if (!strcmp(op, "workbook")) {
            lxw_workbook_options o = {0};
            if (c->nf > 8) o.constant_memory = (uint8_t)I[8];
            if (c->nf > 9) finsam_set_zip_level((int)I[9]);
            if (c->nf > 10) finsam_set_zip_workers((int)I[10]);
            wb = workbook_new_opt(out, &o);
            lxw_doc_properties p = {0};
            p.title = S[2]; p.subject = S[3]; p.author = S[4]; p.company = S[5]; p.keywords = S[6]; p.comments = S[7];
            p.created = (time_t)I[1];
            workbook_set_properties(wb, &p);
        } else if (!strcmp(op, "format")) {
            lxw_format *f = workbook_add_format(wb);
            if (*S[2]) format_set_num_format(f, S[2]);
            if (I[3]) format_set_bold(f);
            if (I[4]) format_set_italic(f);
            if (D[5] > 0) format_set_font_size(f, D[5]);
            if (I[14]) { format_set_underline(f, LXW_UNDERLINE_SINGLE); format_set_font_color(f, 0x0563C1); }
            if (I[6] >= 0) format_set_font_color(f, I[6]);
            if (I[7] >= 0) { format_set_pattern(f, LXW_PATTERN_SOLID); format_set_bg_color(f, I[7]); }
            if (I[8]) format_set_top(f, LXW_BORDER_THIN);
            if (I[9]) format_set_bottom(f, LXW_BORDER_THIN);
            if (I[10]) format_set_text_wrap(f);
            if (I[11] > 0) format_set_indent(f, I[11] > 15 ? 15 : I[11]);
            if (I[12] == 1) format_set_align(f, LXW_ALIGN_LEFT);
            if (I[12] == 2) format_set_align(f, LXW_ALIGN_CENTER);
            if (I[12] == 3) format_set_align(f, LXW_ALIGN_RIGHT);
            if (I[13]) format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
            formats[I[1]] = f;
        } else if (!strcmp(op, "sheet")) {
            lxw_worksheet *ws = workbook_add_worksheet(wb, S[1]);
            /* In a constant_memory workbook, the sheets finsam did not stream are kept in memory, as it does. */
            if (c->nf > 2 && !I[2]) finsam_worksheet_keep_in_memory(ws);
            sheets[nsheets++] = ws;
        } else if (!strcmp(op, "column")) {
            if (I[5]) {
                lxw_row_col_options o = {0};
                o.hidden = 1;
                worksheet_set_column_opt(sheets[I[1]], I[2], I[2], D[3], FMT(4), &o);
            } else {
                worksheet_set_column(sheets[I[1]], I[2], I[2], D[3], FMT(4));
            }
        } else if (!strcmp(op, "row")) {
            worksheet_set_row(sheets[I[1]], I[2], D[3], NULL);
        } else if (!strcmp(op, "freeze")) {
            worksheet_freeze_panes(sheets[I[1]], I[2], I[3]);
        } else if (!strcmp(op, "table")) {
            int nh = I[7];
            lxw_table_column **cols = calloc(nh + 1, sizeof(lxw_table_column *));
            for (int h = 0; h < nh; h++) {
                cols[h] = calloc(1, sizeof(lxw_table_column));
                cols[h]->header = S[8 + 2 * h];
                cols[h]->header_format = FMT(9 + 2 * h);
            }
            lxw_table_options o = {0};
            o.name = S[5];
            o.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
            o.style_type_number = I[6];
            o.columns = cols;
            worksheet_add_table(sheets[I[1]], I[2], I[3], I[4], I[3] + nh - 1, &o);
        } else if (!strcmp(op, "highlight")) {
            lxw_conditional_format cf = {0};
            cf.type = LXW_CONDITIONAL_TYPE_CELL;
            cf.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
            cf.value = D[6];
            cf.format = FMT(7);
            worksheet_conditional_format_range(sheets[I[1]], I[2], I[3], I[4], I[5], &cf);
        } else if (!strcmp(op, "print")) {
            if (I[2]) worksheet_set_landscape(sheets[I[1]]);
            worksheet_set_paper(sheets[I[1]], 9);
            if (I[3]) worksheet_fit_to_pages(sheets[I[1]], 1, 0);
            if (I[4] >= 0) worksheet_repeat_rows(sheets[I[1]], I[4], I[5]);
        } else if (!strcmp(op, "printarea")) {
            worksheet_print_area(sheets[I[1]], I[2], I[3], I[4], I[5]);
        } else if (!strcmp(op, "tab")) {
            worksheet_set_tab_color(sheets[I[1]], I[2]);
        } else if (!strcmp(op, "activate")) {
            worksheet_activate(sheets[I[1]]);
        } else if (!strcmp(op, "chart")) {
            charts[ncharts++] = workbook_add_chart(wb, I[1]);
        } else if (!strcmp(op, "chart_title")) {
            chart_title_set_name(charts[I[1]], S[2]);
            lxw_chart_font font = {0};
            font.size = 12;
            font.bold = 1;
            chart_title_set_name_font(charts[I[1]], &font);
        } else if (!strcmp(op, "series")) {
            lxw_chart_series *s = chart_add_series(charts[I[1]], S[3], S[4]);
            chart_series_set_name(s, S[2]);
            if (I[5] >= 0) {
                lxw_chart_fill fill = {0};
                fill.color = I[5];
                chart_series_set_fill(s, &fill);
                lxw_chart_line line = {0};
                line.color = I[5];
                chart_series_set_line(s, &line);
            }
            series[I[1]][nseries[I[1]]++] = s;
        } else if (!strcmp(op, "markers")) {
            lxw_chart_series *s = series[I[1]][I[2]];
            lxw_chart_line line = {0};
            line.none = 1;
            chart_series_set_line(s, &line);
            chart_series_set_marker_type(s, LXW_CHART_MARKER_DIAMOND);
            chart_series_set_marker_size(s, 9);
            lxw_chart_fill fill = {0};
            fill.color = I[3];
            chart_series_set_marker_fill(s, &fill);
            lxw_chart_line border = {0};
            border.color = I[3];
            chart_series_set_marker_line(s, &border);
        } else if (!strcmp(op, "dashed")) {
            lxw_chart_series *s = series[I[1]][I[2]];
            lxw_chart_line line = {0};
            line.color = I[3];
            line.width = 2;
            line.dash_type = LXW_CHART_LINE_DASH_DASH;
            chart_series_set_line(s, &line);
            chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
        } else if (!strcmp(op, "axis")) {
            lxw_chart *ch = charts[I[1]];
            chart_axis_set_num_format(ch->y_axis, S[2]);
            if (*S[3]) chart_axis_set_name(ch->y_axis, S[3]);
            if (I[4]) chart_axis_set_min(ch->y_axis, D[5]);
            if (I[6]) chart_axis_set_max(ch->y_axis, D[7]);
        } else if (!strcmp(op, "labels_low")) {
            chart_axis_set_label_position(charts[I[1]]->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
        } else if (!strcmp(op, "legend_bottom")) {
            chart_legend_set_position(charts[I[1]], LXW_CHART_LEGEND_BOTTOM);
        } else if (!strcmp(op, "gaps")) {
            chart_show_blanks_as(charts[I[1]], LXW_CHART_BLANKS_AS_GAP);
        } else if (!strcmp(op, "insert_chart")) {
            lxw_chart_options o = {0};
            o.x_scale = D[5];
            o.y_scale = D[6];
            o.x_offset = I[7];
            o.y_offset = I[8];
            worksheet_insert_chart_opt(sheets[I[1]], I[2], I[3], charts[I[4]], &o);
        } else if (!strcmp(op, "close")) {
            lxw_error err = workbook_close(wb);
            if (err) { fprintf(stderr, "workbook_close: %s\n", lxw_strerror(err)); exit(1); }
        } else {
            fprintf(stderr, "unknown trace operation %s\n", op);
            exit(2);
        }
    }
    *cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
    return seconds(CLOCK_MONOTONIC) - wall0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s TRACE OUT.xlsx [REPEAT]\n", argv[0]);
        return 2;
    }
    size_t n;
    cmd_t *cmds = load(argv[1], &n);
    int repeat = argc > 3 ? atoi(argv[3]) : 1;
    double best = 1e9, best_cpu = 1e9;
    /* The workbook's own memory: the peak during the replays above what the loaded trace already holds. */
    long before_kb = current_rss_kb();
    for (int r = 0; r < repeat; r++) {
        double cpu;
        double t = replay(cmds, n, argv[2], &cpu);
        if (t < best) best = t;
        if (cpu < best_cpu) best_cpu = cpu;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr, "rss_mb %.0f\n", (ru.ru_maxrss - before_kb) / 1024.0);
    printf("%.6f %.6f\n", best, best_cpu);
    return 0;
}
