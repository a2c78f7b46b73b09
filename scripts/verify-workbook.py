#!/usr/bin/env python3
"""Checks a finsam workbook against its JSON and against LibreOffice's recalculation.

    verify-workbook.py facts  WORKBOOK.xlsx BATCH.json [FACTS.csv]
        (the facts from the Fakta sheets, or from the CSV when the workbook has none: `--facts csv`; the CSV
        defaults to WORKBOOK-fakta.csv beside the workbook, its values are compared with the JSON exactly)
    verify-workbook.py formulas WORKBOOK.xlsx RECALCULATED.xlsx
    verify-workbook.py tamper IN.xlsx OUT.xlsx          (one stored formula result made wrong: a negative control)
    verify-workbook.py hide-sheets IN.xlsx OUT.xlsx SHEET...   (every other sheet hidden, for rendering)

Exit status 0 when every check passes; the failures are printed.
"""
import csv
import json
import os
import re
import sys
import zipfile
from decimal import Decimal

import openpyxl

TOLERANCE = 1e-9


def same(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))
    return a == b


def parse_ref(ref):
    """`-'Östra Södertörn'!E12` → (negated, sheet, 'E12')."""
    m = re.fullmatch(r"(-?)'((?:[^']|'')+)'!([A-Z]+[0-9]+)", ref)
    if not m:
        raise ValueError(f"not a cell reference: {ref}")
    return m.group(1) == "-", m.group(2).replace("''", "'"), m.group(3)


def fact_key(d, concept, member, scenario, file, line, column):
    return (int(d), concept, member or None, scenario, file, int(line), column)


def facts_from_sheets(values):
    """Fakta (continued on Fakta 2, … past Excel's last row): one row per fact, keyed like the JSON."""
    rows = {}
    for name in [n for n in values.sheetnames if n == "Fakta" or re.fullmatch(r"Fakta \d+", n)]:
        fakta = values[name]
        head = [c.value for c in fakta[4]]
        for row in fakta.iter_rows(min_row=5, values_only=True):
            if row[0] is None:
                continue
            r = dict(zip(head, row))
            key = fact_key(r["Dok.nr"], r["Begrepp"], r["Medlem"], r["Scenario"], r["Fil"], r["Rad"], r["Kolumn"])
            rows.setdefault(key, []).append(r)
    return rows


def facts_from_csv(path, failures):
    """The CSV of `--facts csv`: UTF-8 with BOM, `;`, decimal comma, CRLF; values as exact decimals."""
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        failures.append(f"{path}: no UTF-8 byte order mark")
    if raw.replace(b"\r\n", b"").count(b"\n") > raw.count(b'"'):
        failures.append(f"{path}: line ends other than CRLF")
    rows = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=";", quotechar='"', strict=True)
        head = next(reader)
        for record in reader:
            if len(record) != len(head):
                failures.append(f"{path}:{reader.line_num}: {len(record)} fields, the header {len(head)}")
                continue
            r = dict(zip(head, record))
            r["Värde"] = Decimal(r["Värde"].replace(",", "."))
            r["Kolumn"] = int(r["Kolumn"]) if r["Kolumn"] else None
            key = fact_key(r["Dok.nr"], r["Begrepp"], r["Medlem"], r["Scenario"], r["Fil"], r["Rad"], r["Kolumn"])
            rows.setdefault(key, []).append(r)
    return rows


def check_facts(xlsx, batch_json, facts_csv=None):
    batch = json.load(open(batch_json, encoding="utf-8"))
    # The exact decimals, for the CSV (the sheet holds doubles).
    exact = json.load(open(batch_json, encoding="utf-8"), parse_float=Decimal, parse_int=Decimal)
    values = openpyxl.load_workbook(xlsx, data_only=True)
    failures = []

    # The overview names each document's sheet; documents are numbered in JSON order.
    overview = values["Översikt"]
    header = [c.value for c in overview[4]]
    sheet_of = {}
    for row in overview.iter_rows(min_row=5, values_only=True):
        if row[0] is None:
            continue
        sheet_of[int(row[0])] = row[header.index("Blad")]
    if len(sheet_of) != len(batch["documents"]):
        failures.append(f"Översikt lists {len(sheet_of)} documents, the JSON {len(batch['documents'])}")

    has_sheet = "Fakta" in values.sheetnames
    if facts_csv is None and not has_sheet:
        facts_csv = re.sub(r"\.xlsx$", "", xlsx, flags=re.I) + "-fakta.csv"
    if facts_csv is not None:
        if has_sheet:
            failures.append(f"the workbook has a Fakta sheet and the facts are also in {facts_csv}")
        if not os.path.exists(facts_csv):
            failures.append(f"no Fakta sheet and no {facts_csv}")
            return failures
        rows = facts_from_csv(facts_csv, failures)
        source = os.path.basename(facts_csv)
    else:
        rows = facts_from_sheets(values)
        source = "Fakta"

    checked = cells_checked = lines_checked = 0
    for d, doc in enumerate(batch["documents"], start=1):
        sheet_name = sheet_of.get(d)
        for f_index, fact in enumerate(doc["facts"]):
            src = fact["source"]
            key = (d, fact["concept"], fact["member"], fact["scenario"], src["file"], src["line"], src["column"])
            hits = rows.get(key, [])
            where = f"{src['file']}:{src['line']}:{src['column']} {fact['concept']}"
            if not hits:
                failures.append(f"{where}: not in {source}")
                continue
            row = hits.pop(0)
            expected = fact["value"]
            if facts_csv is not None:
                exact_value = exact["documents"][d - 1]["facts"][f_index]["value"]
                if row["Värde"] != exact_value:
                    failures.append(f"{where}: {source} has {row['Värde']}, JSON {exact_value}")
            elif not same(row["Värde"], expected):
                failures.append(f"{where}: Fakta has {row['Värde']}, JSON {expected}")
            checked += 1
            ref = row["Cell"]
            if not ref:
                continue
            negated, sheet, a1 = parse_ref(ref)
            if sheet != sheet_name:
                failures.append(f"{where}: cell {ref} is not on the document's sheet {sheet_name}")
                continue
            cell = values[sheet][a1]
            shown = -cell.value if negated and isinstance(cell.value, (int, float)) else cell.value
            if not same(shown, expected):
                failures.append(f"{where}: {ref} shows {cell.value}, JSON value {expected}")
            # A text report's fact comes from its row's line; a ledger row gathers records from several lines
            # (#UB, #RES) and the sheet shows the row's own, which the JSON does not carry.
            if doc["format"] == "text-report":
                line_cell = values[sheet].cell(row=cell.row, column=1).value
                if line_cell != src["line"]:
                    failures.append(f"{where}: {ref} stands on source line {line_cell}, not {src['line']}")
                lines_checked += 1
            cells_checked += 1
    leftover = sum(len(v) for v in rows.values())
    if leftover:
        failures.append(f"{source} has {leftover} rows the JSON does not have")

    unmapped = sum(len(doc["unmapped"]) for doc in batch["documents"])
    omappade = sum(1 for r in values["Omappade"].iter_rows(min_row=5, values_only=True) if r[0] is not None)
    if omappade != unmapped:
        failures.append(f"Omappade lists {omappade} rows, the JSON {unmapped}")
    findings = len(batch["findings"])
    avvikelser = sum(1 for r in values["Avvikelser"].iter_rows(min_row=5, values_only=True) if r[0] is not None)
    if avvikelser != findings:
        failures.append(f"Avvikelser lists {avvikelser} findings, the JSON {findings}")

    print(f"facts: {checked} facts in {source} equal the JSON; {cells_checked} shown with that value in their document's "
          f"cell, {lines_checked} of those (text reports) on their source line; {omappade} unmapped rows; {avvikelser} findings")
    return failures


def check_formulas(original, recalculated):
    src_f = openpyxl.load_workbook(original, data_only=False)
    src_v = openpyxl.load_workbook(original, data_only=True)
    lo_v = openpyxl.load_workbook(recalculated, data_only=True)
    failures = []
    count = 0
    for ws in src_f.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                count += 1
                stored = src_v[ws.title][cell.coordinate].value
                recomputed = lo_v[ws.title][cell.coordinate].value
                if not same(stored, recomputed):
                    failures.append(f"{ws.title}!{cell.coordinate} {cell.value}: stored {stored!r}, LibreOffice {recomputed!r}")
    print(f"formulas: {count} formulas, {count - len(failures)} give the stored value after LibreOffice recalculates")
    if count == 0:
        failures.append("no formulas found: nothing was checked")
    return failures


def tamper(src, dst):
    """Copies the workbook with the stored result of its first formula on the first sheet changed, so the
    formula check can be shown to fail when a stored value is wrong."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                m = re.search(r'<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f><v>([^<]*)</v>', text)
                if not m:
                    raise SystemExit("no formula with a stored value on the first sheet")
                wrong = str(float(m.group(2)) + 1000)
                text = text[:m.start(2)] + wrong + text[m.end(2):]
                print(f"tampered: {m.group(1)} stored {m.group(2)} → {wrong}")
                data = text.encode("utf-8")
            zout.writestr(item, data)


def hide_sheets(src, dst, keep):
    """Copies the workbook with every sheet but `keep` hidden, so a PDF export prints only those."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        names = re.findall(r'<sheet [^>]*name="([^"]*)"', zin.read("xl/workbook.xml").decode("utf-8"))
        names = [n.replace("&amp;", "&").replace("&apos;", "'").replace("&quot;", '"') for n in names]
        kept_files = {f"xl/worksheets/sheet{i + 1}.xml" for i, n in enumerate(names) if n in keep}
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet") and item.filename.endswith(".xml"):
                # Only kept sheets may be selected: LibreOffice prints the selected sheets.
                text = data.decode("utf-8").replace(' tabSelected="1"', "")
                if item.filename in kept_files:
                    text = text.replace("<sheetView ", '<sheetView tabSelected="1" ', 1)
                data = text.encode("utf-8")
            if item.filename == "xl/workbook.xml":
                text = data.decode("utf-8")

                def hide(m):
                    tag = m.group(0)
                    name = re.search(r'name="([^"]*)"', tag).group(1)
                    name = name.replace("&amp;", "&").replace("&apos;", "'").replace("&quot;", '"')
                    if name in keep or 'state="' in tag:
                        return tag
                    return tag.replace("<sheet ", '<sheet state="hidden" ', 1)

                text = re.sub(r"<sheet [^>]*/>", hide, text)
                # LibreOffice prints a sheet's print area even when the sheet is hidden: drop those of hidden sheets.
                hidden = {str(i) for i, n in enumerate(names) if n not in keep}
                text = re.sub(r'<definedName name="_xlnm\.Print_(?:Area|Titles)" localSheetId="(\d+)">[^<]*</definedName>',
                              lambda m: "" if m.group(1) in hidden else m.group(0), text)
                text = text.replace("<definedNames></definedNames>", "")
                # The active sheet cannot be hidden: make the first kept sheet the active one.
                tags = re.findall(r"<sheet [^>]*/>", text)
                first = next(i for i, t in enumerate(tags) if 'state="hidden"' not in t)
                text = re.sub(r'activeTab="\d+"', f'activeTab="{first}"', text)
                if "activeTab=" not in text:
                    text = text.replace("<workbookView ", f'<workbookView activeTab="{first}" ', 1)
                data = text.encode("utf-8")
            zout.writestr(item, data)


def main(argv):
    cmd = argv[1]
    if cmd == "facts":
        failures = check_facts(argv[2], argv[3], argv[4] if len(argv) > 4 else None)
    elif cmd == "formulas":
        failures = check_formulas(argv[2], argv[3])
    elif cmd == "tamper":
        tamper(argv[2], argv[3])
        return 0
    elif cmd == "hide-sheets":
        hide_sheets(argv[2], argv[3], set(argv[4:]))
        return 0
    else:
        print(__doc__)
        return 2
    for f in failures[:50]:
        print("  FAIL", f)
    if len(failures) > 50:
        print(f"  … and {len(failures) - 50} more")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
