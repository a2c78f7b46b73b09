#!/usr/bin/env python3
"""Writes the sample förbund's ledger for 2024 as SIE 4 (PC8, with #KSUMMA) and SIE 5 (XML, UTF-8).

Samordningsförbundet Norrvik (org.nr 222000-1234) is the förbund of samples/norrvik-arsredovisning-2024.txt.
The accounts follow Kommun-BAS; their balances are chosen so that the statements built from the ledger equal
the report's resultaträkning and balansräkning for 2024 and 2023 exactly. The year's vouchers are generated
deterministically: every result account's total is booked in quarterly parts against the bank (depreciation
against accumulated depreciation), and the change of every other balance account against the bank at year
end. The script checks what finsam checks (each voucher balances, IB + vouchers = UB, RES = vouchers) before
writing anything.

    python3 scripts/make-sample-sie.py      # writes samples/norrvik-2024.se and samples/norrvik-2024.sie
"""
import os
import zlib
from xml.sax.saxutils import quoteattr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# account: (name, kind) — kind as SIE 5 names it (asset, liability, equity, cost, income).
ACCOUNTS = {
    "1220": ("Inventarier och datorer", "asset"),
    "1229": ("Ackumulerade avskrivningar på inventarier", "asset"),
    "1510": ("Kundfordringar", "asset"),
    "1790": ("Förutbetalda kostnader och upplupna intäkter", "asset"),
    "1930": ("Bank, företagskonto", "asset"),
    "2010": ("Eget kapital", "equity"),
    "2440": ("Leverantörsskulder", "liability"),
    "2990": ("Upplupna kostnader och förutbetalda intäkter", "liability"),
    "3511": ("Medlemsbidrag från staten (Försäkringskassan)", "income"),
    "3512": ("Medlemsbidrag från Region Norrvik", "income"),
    "3513": ("Medlemsbidrag från Norrviks kommun", "income"),
    "3520": ("EU-medel (ESF) och övriga bidrag", "income"),
    "4610": ("Köp av insatser från medlemmarna", "cost"),
    "5010": ("Löner till anställda", "cost"),
    "5410": ("Sociala avgifter och pensionskostnader", "cost"),
    "6010": ("Lokalhyra", "cost"),
    "6410": ("Revision och förtroendevaldas arvoden", "cost"),
    "6990": ("Övriga kostnader, kontorsmaterial och resor", "cost"),
    "7830": ("Avskrivningar på inventarier", "cost"),
    "8410": ("Ränteintäkter på bankmedel", "income"),
    "8510": ("Räntekostnader och bankavgifter", "cost"),
}

KR = 100  # öre per krona

# Results per year (debit positive: income negative), in kronor. They add up to the report's lines:
# intäkter 12 450 000 (11 980 500), kostnader 12 105 300 (11 402 750), avskrivningar 24 000,
# finansiella intäkter 41 250 (18 400), finansiella kostnader 1 950 (2 150), årets resultat 360 000 (570 000).
RES = {
    0: {"3511": -3_000_000, "3512": -1_500_000, "3513": -1_500_000, "3520": -6_450_000,
        "4610": 8_960_300, "5010": 1_850_000, "5410": 600_000, "6010": 420_000, "6410": 120_000, "6990": 155_000,
        "7830": 24_000, "8410": -41_250, "8510": 1_950},
    -1: {"3511": -2_900_000, "3512": -1_450_000, "3513": -1_450_000, "3520": -6_180_500,
         "4610": 8_402_750, "5010": 1_740_000, "5410": 570_000, "6010": 410_000, "6410": 115_000, "6990": 165_000,
         "7830": 24_000, "8410": -18_400, "8510": 2_150},
}

# Balances (debit positive), in kronor. IB 0 is UB -1 after the 2023 result was moved to equity.
IB = {
    0: {"1220": 96_000, "1229": -24_000, "1510": 180_300, "1790": 800_000, "1930": 4_125_600,
        "2010": -2_640_000, "2440": -1_637_900, "2990": -900_000},
    -1: {"1510": 200_000, "1790": 892_300, "1930": 3_665_600,
         "2010": -2_070_000, "2440": -1_787_900, "2990": -900_000},
}
UB = {
    0: {"1220": 96_000, "1229": -48_000, "1510": 215_400, "1790": 1_000_000, "1930": 4_610_900,
        "2010": -2_640_000, "2440": -1_874_300, "2990": -1_000_000},
    -1: {"1220": 96_000, "1229": -24_000, "1510": 180_300, "1790": 800_000, "1930": 4_125_600,
         "2010": -2_070_000, "2440": -1_637_900, "2990": -900_000},
}

YEARS = {0: ("20240101", "20241231"), -1: ("20230101", "20231231")}
QUARTER_DAYS = ["20240315", "20240614", "20240913", "20241213"]


def split(total_ore, parts):
    base = int(total_ore / parts)
    amounts = [base] * parts
    amounts[-1] += total_ore - base * parts
    return amounts


def vouchers():
    """The 2024 vouchers: (date, text, [(account, öre)])."""
    out = []
    for account, total in RES[0].items():
        counter = "1229" if account == "7830" else "1930"
        for q, amount in enumerate(split(total * KR, 4)):
            out.append((QUARTER_DAYS[q], f"{ACCOUNTS[account][0]}, kvartal {q + 1}", [(account, amount), (counter, -amount)]))
    for account in ("1510", "1790", "2440", "2990"):
        change = (UB[0][account] - IB[0][account]) * KR
        out.append(("20241231", f"Periodisering: {ACCOUNTS[account][0]}", [(account, change), ("1930", -change)]))
    out.sort(key=lambda v: v[0])
    return out


def check(vs):
    sums = {}
    for _, text, rows in vs:
        assert sum(a for _, a in rows) == 0, f"obalanserad verifikation: {text}"
        for account, amount in rows:
            sums[account] = sums.get(account, 0) + amount
    for account, (_, kind) in ACCOUNTS.items():
        moved = sums.get(account, 0)
        if kind in ("income", "cost"):
            assert moved == RES[0].get(account, 0) * KR, f"RES 0 {account}"
        else:
            assert IB[0].get(account, 0) * KR + moved == UB[0].get(account, 0) * KR, f"UB 0 {account}"
    for y in (0, -1):
        assert sum(IB[y].values()) == 0, f"IB {y} balanserar inte"
        assert sum(UB[y].values()) + sum(RES[y].values()) == 0, f"UB + RES {y}"


def amount(ore):
    sign = "-" if ore < 0 else ""
    ore = abs(ore)
    return f"{sign}{ore // 100}.{ore % 100:02d}"


def quote(text):
    return '"' + text.replace('"', '\\"') + '"'


def sie4(vs):
    """Records after the opening #KSUMMA; the checksum is over them (SIE filformat 4C, section 10)."""
    lines = [
        '#PROGRAM "finsam exempelgenerator" 1.0',
        "#FORMAT PC8",
        "#GEN 20250214 finsam",
        "#SIETYP 4",
        '#PROSA "Exempelfil för Samordningsförbundet Norrvik, skriven av finsam (inte en riktig bokföring)"',
        "#FNR NORRVIK",
        "#ORGNR 222000-1234",
        '#FNAMN "Samordningsförbundet Norrvik"',
        '#ADRESS "Ekonomifunktionen" "Box 12" "999 99 NORRVIK" "0999-12 34 56"',
        "#RAR 0 20240101 20241231",
        "#RAR -1 20230101 20231231",
        # SIE 4 has no code for Kommun-BAS; finsam chooses the chart by organisation number.
        "#KPTYP EUBAS97",
    ]
    ktyp = {"asset": "T", "liability": "S", "equity": "S", "cost": "K", "income": "I"}
    for account, (name, kind) in ACCOUNTS.items():
        lines.append(f"#KONTO {account} {quote(name)}")
        lines.append(f"#KTYP {account} {ktyp[kind]}")
    for y in (0, -1):
        for account, v in IB[y].items():
            lines.append(f"#IB {y} {account} {amount(v * KR)}")
        for account, v in UB[y].items():
            lines.append(f"#UB {y} {account} {amount(v * KR)}")
        for account, v in RES[y].items():
            lines.append(f"#RES {y} {account} {amount(v * KR)}")
    for n, (date, text, rows) in enumerate(vs, start=1):
        lines.append(f"#VER A {n} {date} {quote(text)} 20250110")
        lines.append("{")
        for account, a in rows:
            lines.append(f"   #TRANS {account} {{}} {amount(a)}")
        lines.append("}")
    return lines


def ksumma(lines):
    """CRC-32 of the records' tags and fields, without separators, field quotes and braces."""
    crc = 0
    for line in lines:
        i, n = 0, len(line)
        while i < n:
            c = line[i]
            if c in " \t{}":
                i += 1
            elif c == '"':
                i += 1
                field = []
                while line[i] != '"':
                    if line[i] == "\\" and line[i + 1] == '"':
                        i += 1
                    field.append(line[i])
                    i += 1
                i += 1
                crc = zlib.crc32("".join(field).encode("cp437"), crc)
            else:
                j = i
                while j < n and line[j] not in " \t{}":
                    j += 1
                crc = zlib.crc32(line[i:j].encode("cp437"), crc)
                i = j
    return crc


def sie5(vs):
    x = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<Sie xmlns="http://www.sie.se/sie5" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
         "  <FileInfo>",
         '    <SoftwareProduct name="finsam exempelgenerator" version="1.0" />',
         '    <FileCreation time="2025-02-14T09:00:00+01:00" by="finsam" />',
         '    <Company organizationId="222000-1234" name="Samordningsförbundet Norrvik" />',
         "    <FiscalYears>",
         '      <FiscalYear start="2023-01" end="2023-12" closed="true" />',
         '      <FiscalYear start="2024-01" end="2024-12" primary="true" />',
         "    </FiscalYears>",
         '    <AccountingCurrency currency="SEK" />',
         "  </FileInfo>",
         "  <Accounts>"]
    months = {0: ("2024-01", "2024-12"), -1: ("2023-01", "2023-12")}
    for account, (name, kind) in ACCOUNTS.items():
        x.append(f"    <Account id={quoteattr(account)} name={quoteattr(name)} type={quoteattr(kind)}>")
        for y in (0, -1):
            if kind in ("income", "cost"):
                if account in RES[y]:
                    x.append(f'      <ClosingBalance month="{months[y][1]}" amount="{amount(RES[y][account] * KR)}" />')
            else:
                if account in IB[y]:
                    x.append(f'      <OpeningBalance month="{months[y][0]}" amount="{amount(IB[y][account] * KR)}" />')
                if account in UB[y]:
                    x.append(f'      <ClosingBalance month="{months[y][1]}" amount="{amount(UB[y][account] * KR)}" />')
        x.append("    </Account>")
    x.append("  </Accounts>")
    x.append('  <Journal id="A" name="Löpande bokföring">')
    for n, (date, text, rows) in enumerate(vs, start=1):
        iso = f"{date[:4]}-{date[4:6]}-{date[6:]}"
        x.append(f'    <JournalEntry id="{n}" journalDate="{iso}" text={quoteattr(text)}>')
        x.append(f'      <EntryInfo date="2025-01-10" by="finsam" />')
        for account, a in rows:
            x.append(f'      <LedgerEntry accountId="{account}" amount="{amount(a)}" />')
        x.append("    </JournalEntry>")
    x.append("  </Journal>")
    x.append("</Sie>")
    return x


def main():
    vs = vouchers()
    check(vs)
    body = sie4(vs)
    text = "\r\n".join(["#FLAGGA 0", "#KSUMMA"] + body + [f"#KSUMMA {ksumma(body)}"]) + "\r\n"
    with open(os.path.join(ROOT, "samples", "norrvik-2024.se"), "wb") as f:
        f.write(text.encode("cp437"))
    with open(os.path.join(ROOT, "samples", "norrvik-2024.sie"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(sie5(vs)) + "\n")


if __name__ == "__main__":
    main()
