#!/usr/bin/env python3
"""Writes a workbook from a trace of libxlsxwriter calls (FINSAM_XLSX_TRACE) with Python's XlsxWriter: the
same cells, formats, tables, comments and charts, for the benchmark's comparison with a common Python writer.

    xlsx-replay.py TRACE OUT.xlsx [REPEAT]

The trace is parsed first; only the XlsxWriter calls and close() are timed. Prints the best wall and CPU
times of REPEAT runs, in seconds.
"""
import functools
import os
import sys
import zipfile
import time
import datetime

import xlsxwriter

CHART_TYPES = {7: ("column", None), 8: ("column", "stacked"), 9: ("column", "percent_stacked"), 11: ("line", None)}


def unescape(f):
    if "\\" not in f:
        return f
    out, i = [], 0
    while i < len(f):
        c = f[i]
        if c == "\\" and i + 1 < len(f):
            n = f[i + 1]
            out.append({"t": "\t", "n": "\n", "r": "\r"}.get(n, n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def load(path):
    with open(path, encoding="utf-8") as fh:
        return [[unescape(f) for f in line.rstrip("\n").split("\t")] for line in fh]


def color(v):
    return "#%06X" % int(v)


def replay(cmds, out):
    formats, sheets, charts, series = {}, [], [], {}
    wb = None
    start, cpu_start = time.perf_counter(), time.process_time()
    for f in cmds:
        op = f[0]
        if op == "str":
            sheets[int(f[1])].write_string(int(f[2]), int(f[3]), f[5], formats.get(int(f[4])))
        elif op == "num":
            sheets[int(f[1])].write_number(int(f[2]), int(f[3]), float(f[5]), formats.get(int(f[4])))
        elif op == "formula":
            sheets[int(f[1])].write_formula(int(f[2]), int(f[3]), f[6], formats.get(int(f[4])), float(f[5]))
        elif op == "blank":
            sheets[int(f[1])].write_blank(int(f[2]), int(f[3]), None, formats.get(int(f[4])))
        elif op == "url":
            sheets[int(f[1])].write_url(int(f[2]), int(f[3]), f[5], formats.get(int(f[4])), f[6])
        elif op == "comment":
            sheets[int(f[1])].write_comment(int(f[2]), int(f[3]), f[6], {"width": int(f[4]), "height": int(f[5])})
        elif op == "workbook":
            # constant_memory as finsam's workbook (the trace's last field), for the sheets it streams.
            wb = xlsxwriter.Workbook(out, {"constant_memory": len(f) > 8 and f[8] == "1"})
            if len(f) > 9:
                # finsam's zip level (XlsxWriter, like libxlsxwriter, has no option for it).
                level = int(f[9])
                xlsxwriter.workbook.ZipFile = functools.partial(zipfile.ZipFile, compresslevel=level)
            wb.set_properties({
                "title": f[2], "subject": f[3], "author": f[4], "company": f[5], "keywords": f[6], "comments": f[7],
                "created": datetime.datetime.fromtimestamp(int(f[1]), datetime.timezone.utc).replace(tzinfo=None),
            })
        elif op == "format":
            props = {}
            if f[2]:
                props["num_format"] = f[2]
            if f[3] == "1":
                props["bold"] = True
            if f[4] == "1":
                props["italic"] = True
            if float(f[5]) > 0:
                props["font_size"] = float(f[5])
            if f[14] == "1":
                props["underline"] = 1
                props["font_color"] = "#0563C1"
            if int(f[6]) >= 0:
                props["font_color"] = color(f[6])
            if int(f[7]) >= 0:
                props["pattern"] = 1
                props["bg_color"] = color(f[7])
            if f[8] == "1":
                props["top"] = 1
            if f[9] == "1":
                props["bottom"] = 1
            if f[10] == "1":
                props["text_wrap"] = True
            if int(f[11]) > 0:
                props["indent"] = min(int(f[11]), 15)
            if f[12] != "0":
                props["align"] = {"1": "left", "2": "center", "3": "right"}[f[12]]
            if f[13] == "1":
                props["valign"] = "top"
            formats[int(f[1])] = wb.add_format(props)
        elif op == "sheet":
            ws = wb.add_worksheet(f[1])
            if ws.constant_memory and len(f) > 2 and f[2] == "0":
                # Kept in memory, as finsam keeps it (libxlsxwriter's mode is per workbook, like XlsxWriter's).
                ws._opt_close()
                os.unlink(ws.row_data_filename)
                ws.constant_memory = False
            sheets.append(ws)
        elif op == "column":
            sheets[int(f[1])].set_column(int(f[2]), int(f[2]), float(f[3]), formats.get(int(f[4])), {"hidden": f[5] == "1"})
        elif op == "row":
            sheets[int(f[1])].set_row(int(f[2]), float(f[3]))
        elif op == "freeze":
            sheets[int(f[1])].freeze_panes(int(f[2]), int(f[3]))
        elif op == "table":
            n = int(f[7])
            columns = [{"header": f[8 + 2 * h], "header_format": formats.get(int(f[9 + 2 * h]))} for h in range(n)]
            sheets[int(f[1])].add_table(int(f[2]), int(f[3]), int(f[4]), int(f[3]) + n - 1, {
                "name": f[5], "style": "Table Style Medium %s" % f[6], "columns": columns})
        elif op == "highlight":
            sheets[int(f[1])].conditional_format(int(f[2]), int(f[3]), int(f[4]), int(f[5]), {
                "type": "cell", "criteria": ">", "value": float(f[6]), "format": formats.get(int(f[7]))})
        elif op == "print":
            ws = sheets[int(f[1])]
            if f[2] == "1":
                ws.set_landscape()
            ws.set_paper(9)
            if f[3] == "1":
                ws.fit_to_pages(1, 0)
            if int(f[4]) >= 0:
                ws.repeat_rows(int(f[4]), int(f[5]))
        elif op == "printarea":
            sheets[int(f[1])].print_area(int(f[2]), int(f[3]), int(f[4]), int(f[5]))
        elif op == "tab":
            sheets[int(f[1])].set_tab_color(color(f[2]))
        elif op == "activate":
            sheets[int(f[1])].activate()
        elif op == "chart":
            kind, subtype = CHART_TYPES[int(f[1])]
            charts.append({"type": kind, "subtype": subtype, "series": [], "title": None, "y_axis": {}, "x_axis": {}, "legend": None, "blanks": None})
        elif op == "chart_title":
            charts[int(f[1])]["title"] = {"name": f[2], "name_font": {"size": 12, "bold": True}}
        elif op == "series":
            s = {"name": f[2], "categories": f[3], "values": f[4]}
            if int(f[5]) >= 0:
                s["fill"] = {"color": color(f[5])}
                s["line"] = {"color": color(f[5])}
            charts[int(f[1])]["series"].append(s)
        elif op == "markers":
            s = charts[int(f[1])]["series"][int(f[2])]
            s["line"] = {"none": True}
            s["marker"] = {"type": "diamond", "size": 9, "fill": {"color": color(f[3])}, "border": {"color": color(f[3])}}
        elif op == "dashed":
            s = charts[int(f[1])]["series"][int(f[2])]
            s["line"] = {"color": color(f[3]), "width": 2, "dash_type": "dash"}
            s["marker"] = {"type": "none"}
        elif op == "axis":
            y = charts[int(f[1])]["y_axis"]
            y["num_format"] = f[2]
            if f[3]:
                y["name"] = f[3]
            if f[4] == "1":
                y["min"] = float(f[5])
            if f[6] == "1":
                y["max"] = float(f[7])
        elif op == "labels_low":
            charts[int(f[1])]["x_axis"]["label_position"] = "low"
        elif op == "legend_bottom":
            charts[int(f[1])]["legend"] = {"position": "bottom"}
        elif op == "gaps":
            charts[int(f[1])]["blanks"] = "gap"
        elif op == "insert_chart":
            spec = charts[int(f[4])]
            options = {"type": spec["type"]}
            if spec["subtype"]:
                options["subtype"] = spec["subtype"]
            chart = wb.add_chart(options)
            for s in spec["series"]:
                chart.add_series(s)
            if spec["title"]:
                chart.set_title(spec["title"])
            chart.set_y_axis(spec["y_axis"])
            chart.set_x_axis(spec["x_axis"])
            if spec["legend"]:
                chart.set_legend(spec["legend"])
            if spec["blanks"]:
                chart.show_blanks_as(spec["blanks"])
            sheets[int(f[1])].insert_chart(int(f[2]), int(f[3]), chart, {
                "x_scale": float(f[5]), "y_scale": float(f[6]), "x_offset": int(f[7]), "y_offset": int(f[8])})
        elif op == "close":
            wb.close()
        else:
            raise SystemExit(f"unknown trace operation {op}")
    return time.perf_counter() - start, time.process_time() - cpu_start


def main():
    cmds = load(sys.argv[1])
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    runs = [replay(cmds, sys.argv[2]) for _ in range(repeat)]
    print("%.6f %.6f" % (min(w for w, _ in runs), min(c for _, c in runs)))


if __name__ == "__main__":
    main()
