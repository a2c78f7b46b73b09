#!/usr/bin/env python3
"""Writes a deterministic SIE 4E file of about SIZE megabytes with vouchers, for bench/sie4.sh.

    python3 bench/sie4_generate.py OUT.se SIZE_MB OUT_SRU.csv

The ledger is consistent (every voucher balances, #UB = #IB + vouchers, #RES = vouchers), so a correct
reader reports nothing. The records are written in the quoted form pysie-accounting's expressions expect
(`#VER "A" "1" date "text" regdate`, `#TRANS account {} amount`), ASCII only, so both readers read the
same bytes. The second file maps the SRU codes to the tax-form fields pysie-accounting insists on.
"""
import os
import sys

out, size_mb, sru_csv = sys.argv[1], float(sys.argv[2]), sys.argv[3]
target = int(size_mb * 1_000_000)

BALANCE = [1220, 1229, 1510, 1630, 1790, 1910, 1930, 1940, 2010, 2091, 2440, 2610, 2640, 2710, 2730, 2990]
RESULT = [3010 + 10 * i for i in range(40)] + [4010 + 10 * i for i in range(40)] + [5010 + 10 * i for i in range(60)] \
    + [7010 + 10 * i for i in range(30)] + [7830, 8310, 8410]
ACCOUNTS = BALANCE + RESULT

state = 12345


def rand(n):
    """A linear congruential generator: the same file on every machine."""
    global state
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    return state % n


def amount(ore):
    sign = "-" if ore < 0 else ""
    ore = abs(ore)
    return f"{sign}{ore // 100}.{ore % 100:02d}"


ib = {a: 0 for a in BALANCE}
for a in BALANCE[:-1]:
    ib[a] = (rand(2_000_000) - 1_000_000) * 100
ib[BALANCE[-1]] = -sum(ib[a] for a in BALANCE[:-1])
moved = {a: 0 for a in ACCOUNTS}

body = out + ".vouchers"
written = 0
n = 0
with open(body, "w", encoding="ascii", newline="\n") as f:
    chunk = []
    while written < target:
        n += 1
        day = 20240101 + (rand(12)) * 100 + rand(28)
        rows = []
        total = 0
        for _ in range(1 + rand(4)):
            a = RESULT[rand(len(RESULT))] if rand(3) else BALANCE[rand(len(BALANCE))]
            v = rand(10_000_000) - 5_000_000
            rows.append((a, v))
            total += v
        rows.append((BALANCE[6], -total))  # the bank takes the rest
        lines = [f'#VER "A" "{n}" {day} "Verifikation {n}" {day}', "{"]
        for a, v in rows:
            moved[a] += v
            lines.append(f"   #TRANS {a} {{}} {amount(v)}")
        lines.append("}")
        text = "\n".join(lines) + "\n"
        chunk.append(text)
        written += len(text)
        if len(chunk) >= 10000:
            f.write("".join(chunk))
            chunk = []
    f.write("".join(chunk))

with open(out, "w", encoding="ascii", newline="\n") as f:
    f.write("#FLAGGA 0\n#PROGRAM \"finsam bench\" 1.0\n#FORMAT PC8\n#GEN 20250101\n#SIETYP 4\n")
    f.write("#ORGNR 556000-0001\n#FNAMN \"Benchmark AB\"\n#RAR 0 20240101 20241231\n#KPTYP EUBAS97\n")
    for a in ACCOUNTS:
        f.write(f'#KONTO {a} "Konto {a}"\n#SRU {a} {7000 + a % 1000}\n')
    for a in BALANCE:
        f.write(f"#IB 0 {a} {amount(ib[a])}\n")
    for a in BALANCE:
        f.write(f"#UB 0 {a} {amount(ib[a] + moved[a])}\n")
    for a in RESULT:
        f.write(f"#RES 0 {a} {amount(moved[a])}\n")
    with open(body, encoding="ascii") as b:
        while True:
            block = b.read(1 << 22)
            if not block:
                break
            f.write(block)
os.remove(body)

with open(sru_csv, "w", encoding="ascii") as f:
    f.write("SRU,Ink2\n")
    for code in sorted({7000 + a % 1000 for a in ACCOUNTS}):
        f.write(f"{code},{code}\n")
print(f"{out}: {os.path.getsize(out)} bytes, {n} vouchers")
