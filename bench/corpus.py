#!/usr/bin/env python3
"""Writes a deterministic national corpus for bench/run.sh from the reports and ledger in samples/.

    python3 bench/corpus.py OUT_DIR [SCALE] [SIE_MB]

For each of 300 × SCALE organisations (a name, an organisation number and a scale factor of its own):

- an annual report from samples/norrvik-arsredovisning-2024.txt,
- an interim report from samples/sjovik-delarsrapport-2024-06-30.txt, moved three years on (2027-06-30): the
  sample is of another förbund, so its comparative columns must not meet the annual report's,
- a board paper (kallelse): an agenda, then the same interim report as its enclosure,

and for 50 × SCALE of them a SIE 4 ledger from samples/norrvik-2024.se, of about SIE_MB megabytes (default 21,
so 50 ledgers make more than 1 GB).

Names and organisation numbers are replaced throughout; every figure of a table (not years, dates, note
references, item numbers or percentages) is multiplied by the organisation's integer factor, so totals, notes
and statements still add up, and the ledger still gives the annual report's statements. The samples are short
(5 kB); real reports are 8 to 93 kB, a quarter of it tables (../shared/reports). So each report is padded with
prose written here from our own word lists, and with tables of interventions and participants that add up, to a
size drawn between 8 and 90 kB. A ledger is padded with vouchers in pairs, each followed by its reversal, in
the quoted form bench/sie4_generate.py writes (so pysie-accounting reads them too): the balances stay those of
the sample, and #UB = #IB + vouchers still holds.

Everything comes from a linear congruential generator: the same bytes on every machine. Prints one line per
kind of file with counts and sizes.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "samples")

out_dir = sys.argv[1]
scale = int(sys.argv[2]) if len(sys.argv) > 2 else 1
sie_mb = float(sys.argv[3]) if len(sys.argv) > 3 else 21.0
ORGS = 300 * scale
LEDGERS = 50 * scale


class Random:
    """A linear congruential generator: the same sequence on every machine."""

    def __init__(self, seed):
        self.state = seed & 0x7FFFFFFF

    def next(self, n):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 4) % n

    def pick(self, items):
        return items[self.next(len(items))]


# Names: 25 × 16 compounds, and with a compass word before them for larger corpora.
FIRST = ["Norr", "Söder", "Väster", "Öster", "Berg", "Sjö", "Skog", "Ås", "Dal", "Hag", "Ek", "Björk", "Lind",
         "Sand", "Strand", "Fors", "Holm", "Mark", "Ljung", "Hed", "Lund", "Malm", "Kvarn", "Bro", "Älv"]
LAST = ["vik", "by", "dal", "berg", "ås", "holm", "köping", "hamn", "näs", "sjö", "torp", "ström", "fors", "å",
        "land", "bo"]
COMPASS = ["", "Norra ", "Södra ", "Västra ", "Östra ", "Inre ", "Yttre "]


def names(count):
    out = []
    for prefix in COMPASS:
        for a in FIRST:
            for b in LAST:
                if a.lower().endswith(b) or (a + b).lower() in ("norrvik", "sjövik", "bergby"):
                    continue
                out.append(prefix + a + b)
    assert len(out) >= count, "too few names"
    return out[:count]


def genitive(name):
    return name if name.endswith("s") else name + "s"


# --- Figures -------------------------------------------------------------------------------------------------

MINUS = "-−–"
NUMBER = re.compile(r"^(?P<open>\()?(?P<sign>[-−–])?(?P<int>\d{1,3}(?:[ \u00a0]\d{3})*|\d+)(?:,(?P<frac>\d+))?(?P<close>\))?$")
TAG = re.compile(r"^((?:<[^>]+>|\*\*)*)(.*?)((?:<[^>]+>|\*\*)*)$")


def grouped(n, sep=" "):
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return sep.join(parts)


def scale_field(field, k):
    """A table field with a figure, the figure multiplied by k; anything else unchanged."""
    m = TAG.match(field)
    before, body, after = m.group(1), m.group(2), m.group(3)
    n = NUMBER.match(body)
    if not n or body.endswith("%"):
        return field
    digits = n.group("int")
    frac = n.group("frac")
    plain = digits.replace(" ", "").replace("\u00a0", "")
    if frac is None and len(plain) == 4 and plain[:2] in ("19", "20") and " " not in digits:
        return field  # a year
    sep = "\u00a0" if "\u00a0" in digits else " "
    if frac is not None and len(frac) == 3 and len(plain) <= 3 and " " not in digits:
        # `6,120` in a table of thousands: the comma separates thousands.
        value = int(plain + frac) * k
        text = f"{value // 1000},{value % 1000:03d}" if value >= 1000 else str(value)
    elif frac is not None:
        value = int(plain + frac) * k
        whole, part = divmod(value, 10 ** len(frac))
        text = grouped(whole, sep) + "," + str(part).rjust(len(frac), "0")
    else:
        text = grouped(int(plain) * k, sep)
    sign = n.group("sign") or ""
    return before + (n.group("open") or "") + sign + text + (n.group("close") or "") + after


def scale_tables(text, k):
    """Multiplies every figure of the tab-separated lines by k, leaving `Not` columns, item numbers before a
    text, tables of contents and percentages alone."""
    out = []
    note_column = None
    contents = False
    furniture = re.compile(r"^(|Signering av justerare|på varje sida|Sida \d+)$")
    for line in text.split("\n"):
        if line.startswith("#"):
            contents = "innehåll" in line.lower()
        if "\t" not in line:
            if not furniture.match(line.strip()):
                note_column = None  # the table ended
            out.append(line)
            continue
        if contents:
            out.append(line)  # page numbers of a table of contents
            continue
        fields = line.split("\t")
        plain = [TAG.match(f).group(2).strip() for f in fields]
        if any(p.lower() == "not" for p in plain):
            note_column = [p.lower() for p in plain].index("not")
        if ".." in line:
            out.append(line)
            continue
        new = []
        for i, f in enumerate(fields):
            if i == note_column:
                new.append(f)
            elif i == 0 and len(fields) > 1 and any(re.search(r"[A-Za-zÅÄÖåäö]", p) for p in plain[1:2]):
                new.append(f)  # an item number before its text, or a label
            else:
                new.append(scale_field(f, k))
        out.append("\t".join(new))
    return "\n".join(out)


# --- Prose and padding tables (our own words) ------------------------------------------------------------------

SUBJECTS = ["Förbundet", "Styrelsen", "Beredningsgruppen", "Kansliet", "Förbundschefen", "Medlemmarna",
            "Processledaren", "Verksamheten", "Arbetsgruppen", "Ledningsgruppen"]
VERBS = ["har under året arbetat med", "har fortsatt att utveckla", "har följt upp", "har prioriterat",
         "har samordnat", "har utvärderat", "har förstärkt", "har lagt särskild vikt vid", "har diskuterat",
         "har tagit fram underlag om"]
OBJECTS = ["samverkan mellan parterna", "insatser för unga vuxna", "stödet till personer långt från arbetsmarknaden",
           "den gemensamma kartläggningen", "arbetet med individuella planer", "kompetensutvecklingen för handläggare",
           "strukturerna för uppföljning", "metoder för arbetslivsinriktad rehabilitering", "dialogen med arbetsgivare",
           "informationen till invånarna", "rutinerna för intern kontroll", "den långsiktiga finansieringen",
           "samarbetet med civilsamhället", "arbetet med psykisk hälsa", "språkstödet för nyanlända"]
TAILS = ["tillsammans med Försäkringskassan och Arbetsförmedlingen.", "i nära dialog med kommunerna.",
         "enligt verksamhetsplanen.", "med goda resultat.", "vilket redovisas närmare nedan.",
         "och arbetet fortsätter under nästa år.", "inom ramen för den statliga styrningen.",
         "med stöd av regionens hälso- och sjukvård.", "utifrån deltagarnas behov.", "för att nå fler deltagare."]
EXTRAS = ["Totalt deltog {n} personer i insatserna, varav {m} kvinnor.",
          "Styrelsen har haft {n} sammanträden under perioden.",
          "Av de avslutade deltagarna gick {m} till arbete eller studier.",
          "Beredningsgruppen träffades {n} gånger.",
          "Arbetet beskrivs i bilaga {n} till protokollet.",
          "Insatsen startade i {month} och pågår året ut.",
          "Uppföljningen sker i SUS, det nationella systemet för uppföljning av samordningsförbund."]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "augusti", "september", "oktober", "november"]
HEADINGS = ["Samverkan", "Uppföljning och utvärdering", "Medarbetare", "Intern kontroll", "Framtida utveckling",
            "Insatser under året", "Information och kommunikation", "Målgrupper", "Väsentliga händelser",
            "Förbundets styrning", "Hållbarhet", "Kompetensutveckling"]
INTERVENTIONS = ["Vägen vidare", "Jobbspåret", "Nya steg", "Kraftkällan", "Framtidsverkstaden", "Hälsospåret",
                 "Språkbron", "Startpunkten", "Mötesplatsen", "Arbetslust", "Steg för steg", "Ung framtid",
                 "Rehabteamet", "Samverkansteamet", "Kompassen", "Navet", "Bryggan", "Vändpunkten", "Insteget",
                 "Motivationslyftet", "Resurs i arbete", "Trampolinen", "Tillsammans", "Växthuset", "Ljuspunkten",
                 "Hemmaplan", "Jobbcoachen", "Källan", "Vägvisaren", "Öppna dörrar"]


def sentence(rnd):
    if rnd.next(4) == 0:
        return rnd.pick(EXTRAS).format(n=2 + rnd.next(140), m=1 + rnd.next(60), month=rnd.pick(MONTHS))
    return f"{rnd.pick(SUBJECTS)} {rnd.pick(VERBS)} {rnd.pick(OBJECTS)} {rnd.pick(TAILS)}"


def paragraph(rnd):
    return " ".join(sentence(rnd) for _ in range(3 + rnd.next(6)))


def prose_section(rnd):
    lines = [f"### {rnd.pick(HEADINGS)}", ""]
    for _ in range(1 + rnd.next(3)):
        lines += [paragraph(rnd), ""]
    if rnd.next(3) == 0:
        for _ in range(2 + rnd.next(4)):
            lines.append(f"- {sentence(rnd)}")
        lines.append("")
    if rnd.next(4) == 0:
        lines += [f"**{rnd.pick(OBJECTS).capitalize()}**", "", paragraph(rnd), ""]
    return lines


class Interventions:
    """One organisation's interventions, each with the same figures in every table that lists it, and for a
    year always the same interventions: a figure printed twice, in one report or in two, agrees."""

    def __init__(self, rnd, k):
        self.seed = rnd.next(1 << 20)
        self.budget, self.outcome, self.women, self.men = [], [], [], []
        for _ in INTERVENTIONS:
            b = (50 + rnd.next(900)) * 1000 * k
            self.budget.append(b)
            self.outcome.append(b - (rnd.next(100) - 30) * 1000 * k)
            self.women.append((1 + rnd.next(40)) * k)
            self.men.append((1 + rnd.next(40)) * k)


def signed(n):
    return grouped(n) if n >= 0 else "-" + grouped(-n)


def intervention_table(iv, year):
    rnd = Random(iv.seed * 3000 + year)
    count = 4 + rnd.next(14)
    start = rnd.next(len(INTERVENTIONS))
    rows = [(start + i) % len(INTERVENTIONS) for i in range(count)]
    lines = [f"### Insatser {year}", "", f"Insats\tBudget {year}\tUtfall {year}\tDifferens"]
    for r in rows:
        b, u = iv.budget[r], iv.outcome[r]
        lines.append(f"{INTERVENTIONS[r]}\t{grouped(b)}\t{grouped(u)}\t{signed(b - u)}")
    tb, tu = sum(iv.budget[r] for r in rows), sum(iv.outcome[r] for r in rows)
    lines += [f"<b>Summa insatser</b>\t<b>{grouped(tb)}</b>\t<b>{grouped(tu)}</b>\t<b>{signed(tb - tu)}</b>", ""]
    return lines


def participant_table(iv, year):
    """Once per report, the same rows in every report of the organisation: its totals agree too."""
    count, start = 8, 0
    lines = [f"### Deltagare per insats {year}", "", "Insats\tKvinnor\tMän\tTotalt"]
    tw = tm = 0
    for i in range(count):
        r = (start + i) % len(INTERVENTIONS)
        w, m = iv.women[r], iv.men[r]
        tw, tm = tw + w, tm + m
        lines.append(f"{INTERVENTIONS[r]}\t{w}\t{m}\t{w + m}")
    lines += [f"<b>Totalt</b>\t<b>{tw}</b>\t<b>{tm}</b>\t<b>{tw + tm}</b>", ""]
    return lines


# Years of the padding tables of interventions: before any year of the samples' statements (2022 to 2025 and,
# shifted, 2025 to 2027), a year per table, so no two tables of one organisation give one year different totals.
FIRST_TABLE_YEAR = 2021


def padding(rnd, iv, year, target, with_participants=False):
    """Prose with a table now and then until the text is about `target` bytes; about a quarter tables. The
    participants' table (`year`) only where `with_participants` is true: once per organisation, as its counts by
    sex are not told apart when two documents are compared."""
    lines = []
    size = 0
    participants = not with_participants  # true once the table is written, or when none is wanted
    table_year = FIRST_TABLE_YEAR
    while size < target:
        block = prose_section(rnd)
        roll = rnd.next(3)
        if roll == 0:
            block += intervention_table(iv, table_year)
            table_year -= 1
        elif roll == 1 and not participants:
            block += participant_table(iv, year)
            participants = True
        lines += block
        size += sum(len(x.encode()) + 1 for x in block)
    return lines


def insert_after(text, marker, extra_lines):
    """After the first paragraph following `marker`."""
    lines = text.split("\n")
    i = lines.index(marker)
    j = i + 1
    while j < len(lines) and lines[j].strip() == "":
        j += 1
    while j < len(lines) and lines[j].strip() != "":
        j += 1
    return "\n".join(lines[:j] + [""] + extra_lines + lines[j:])


def rename(text, replacements):
    for old, new in replacements:
        text = text.replace(old, new)
    return text


# --- The corpus ---------------------------------------------------------------------------------------------------

def read(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        return f.read()


annual_template = read("norrvik-arsredovisning-2024.txt")
interim_template = read("sjovik-delarsrapport-2024-06-30.txt")
with open(os.path.join(SAMPLES, "norrvik-2024.se"), "rb") as f:
    ledger_template = f.read().decode("cp437")

# Fixed whatever the scale, so the first 300 organisations of a larger corpus are those of the smallest.
MAX_ORGS = 1200
assert ORGS <= MAX_ORGS, "at most scale 4"
org_names = names(2 * MAX_ORGS)
text_dir = os.path.join(out_dir, "text")
sie_dir = os.path.join(out_dir, "sie")
os.makedirs(text_dir, exist_ok=True)
os.makedirs(sie_dir, exist_ok=True)

sizes = {"annual": [0, 0], "interim": [0, 0], "kallelse": [0, 0], "sie": [0, 0]}


def write_text(path, text, kind):
    data = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    sizes[kind][0] += 1
    sizes[kind][1] += len(data)


def slug(name):
    s = name.lower()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o"), (" ", "-")):
        s = s.replace(a, b)
    return s


# The interim report's sample is of another förbund than the annual report's: moved YEAR_SHIFT years on, its
# comparative columns (2022-06-30 to 2024-12-31 in the sample) never meet the annual report's or the ledger's.
YEAR_SHIFT = 3
INTERIM_YEAR = 2024 + YEAR_SHIFT
YEAR = re.compile(r"\b20\d\d\b")


def interim_text(name, second, orgnr, k, rnd, iv):
    t = rename(interim_template, [("222000-5555", orgnr), ("Sjöviks", genitive(name)), ("Sjövik", name),
                                  ("Bergby", second)])
    t = YEAR.sub(lambda m: str(int(m.group(0)) + YEAR_SHIFT), t)
    t = scale_tables(t, k)
    target = 8000 + rnd.next(82000)
    return insert_after(t, "## Förvaltningsberättelse", padding(rnd, iv, INTERIM_YEAR, max(0, target - len(t.encode()))))


for i in range(ORGS):
    name = org_names[i]
    second = org_names[MAX_ORGS + i]
    orgnr = f"2220{1 + i // 10000:02d}-{i % 10000:04d}"
    k = 1 + (i * 7) % 5
    rnd = Random(1000 + i)
    iv = Interventions(rnd, k)
    base = os.path.join(text_dir, f"{i + 1:04d}-{slug(name)}")

    annual = rename(annual_template, [("222000-1234", orgnr), ("Norrviks", genitive(name)), ("Norrvik", name)])
    annual = scale_tables(annual, k)
    target = 8000 + rnd.next(82000)
    annual = insert_after(annual, "## Förvaltningsberättelse",
                          padding(rnd, iv, 2024, max(0, target - len(annual.encode())), with_participants=True))
    write_text(base + "-arsredovisning-2024.txt", annual, "annual")

    interim = interim_text(name, second, orgnr, k, rnd, iv)
    write_text(base + f"-delarsrapport-{INTERIM_YEAR}-06-30.txt", interim, "interim")

    day = 10 + rnd.next(18)
    agenda = ["Mötets öppnande", "Val av justerare", "Godkännande av dagordning", "Föregående protokoll",
              f"Delårsrapport {INTERIM_YEAR}-06-30", f"Budget och verksamhetsplan {INTERIM_YEAR + 1}", "Rapporter från insatserna",
              "Förbundschefen informerar", "Övriga frågor", "Mötets avslutande"]
    kallelse = [f"# Kallelse till styrelsemöte", "", f"Samordningsförbundet {name}", "",
                f"**Dag** torsdagen den {day} oktober {INTERIM_YEAR}", "**Tid** 13.00–16.00",
                f"**Plats** Förbundets kansli i {name}", "", "## Föredragningslista", ""]
    kallelse += [f"{n}\t{item}" for n, item in enumerate(agenda, 1)] + [""]
    for n, item in enumerate(agenda, 1):
        kallelse += [f"### {n}. {item}", "", paragraph(rnd), ""]
    kallelse += ["Sida 1", ""]
    # The enclosure is the interim report as published: the same figures in both documents.
    write_text(base + f"-kallelse-{INTERIM_YEAR}-10-{day}.txt", "\n".join(kallelse) + "\n" + interim, "kallelse")

# --- Ledgers ------------------------------------------------------------------------------------------------------

ACCOUNT = re.compile(r"^#KONTO (\d+) ", re.M)
AMOUNT = re.compile(r"^(#(?:IB|UB|RES|TRANS)\b.*?)(-?\d+)\.(\d\d)\s*$")


def scale_ledger(text, k):
    out = []
    for line in text.split("\r\n"):
        if line.startswith("#KSUMMA"):
            continue  # the checksum would no longer hold
        m = AMOUNT.match(line.strip()) if line.lstrip().startswith(("#IB", "#UB", "#RES", "#TRANS")) else None
        if m:
            ore = (int(m.group(2)) * 100 + (-1 if m.group(2).startswith("-") else 1) * int(m.group(3))) * k
            sign = "-" if ore < 0 else ""
            indent = line[: len(line) - len(line.lstrip())]
            line = f"{indent}{m.group(1)}{sign}{abs(ore) // 100}.{abs(ore) % 100:02d}"
        out.append(line)
        if line.startswith("#KONTO "):
            account = int(line.split()[1])
            out.append(f"#SRU {account} {7000 + account % 1000}")
    return "\r\n".join(out)


def voucher_pairs(rnd, accounts, bank, target, first):
    """Vouchers each followed by its reversal: every account nets to zero."""
    chunks = []
    size = 0
    n = first
    while size < target:
        day = 20240101 + rnd.next(12) * 100 + 1 + rnd.next(28)
        rows = [(rnd.pick(accounts), (rnd.next(10_000_000) - 5_000_000)) for _ in range(1 + rnd.next(4))]
        total = sum(v for _, v in rows)
        rows.append((bank, -total))
        # ASCII only, so the bodies can be shared by ledgers of any name and read by pysie-accounting as-is.
        for sign, text in ((1, "Verifikation"), (-1, "Rattelse av verifikation")):
            lines = [f'#VER "B" "{n}" {day} "{text} {n - (0 if sign == 1 else 1)}" {day}', "{"]
            for a, v in rows:
                ore = sign * v
                lines.append(f"   #TRANS {a} {{}} {'-' if ore < 0 else ''}{abs(ore) // 100}.{abs(ore) % 100:02d}")
            lines.append("}")
            chunk = "\r\n".join(lines) + "\r\n"
            chunks.append(chunk)
            size += len(chunk)
            n += 1
    return "".join(chunks)


# Ten voucher bodies, reused in turn: each costs seconds of Python to write.
accounts = [int(a) for a in ACCOUNT.findall(ledger_template.replace("\r\n", "\n"))]
bodies = []
sru = set()
for i in range(LEDGERS):
    name = org_names[i]
    orgnr = f"2220{1 + i // 10000:02d}-{i % 10000:04d}"
    k = 1 + (i * 7) % 5
    head = scale_ledger(rename(ledger_template, [("222000-1234", orgnr), ("NORRVIK", slug(name).upper()),
                                                 ("Norrviks", genitive(name)), ("Norrvik", name)]), k)
    if not head.endswith("\r\n"):
        head += "\r\n"
    if len(bodies) < 10:
        bodies.append(voucher_pairs(Random(5000 + len(bodies)), accounts, 1930, int(sie_mb * 1_000_000) - len(head), 1))
    data = head.encode("cp437") + bodies[i % len(bodies)].encode("ascii")
    with open(os.path.join(sie_dir, f"{i + 1:04d}-{slug(name)}-2024.se"), "wb") as f:
        f.write(data)
    sizes["sie"][0] += 1
    sizes["sie"][1] += len(data)

with open(os.path.join(out_dir, "sru.csv"), "w", encoding="ascii") as f:
    f.write("SRU,Ink2\n")
    for code in sorted({7000 + a % 1000 for a in accounts}):
        f.write(f"{code},{code}\n")

for kind, (count, size) in sizes.items():
    print(f"{kind}: {count} files, {size} bytes")
