#!/usr/bin/env python3
"""Times pysie-accounting (PyPI) reading a SIE 4 file: `PySIE.open`, its documented entry point, which reads
the balances and every voucher. Prints one line in the same form as `finsam bench-sie`."""
import os
import sys
import time

from pysie_accounting.pysie import PySIE

path, sru_csv = sys.argv[1], sys.argv[2]
sie = PySIE()
sie.sie_encoding = "cp437"  # PC8, as SIE 4 prescribes; ASCII is a subset
start = time.perf_counter()
sie.open_trans(sru_csv)
sie.open(path)
elapsed = time.perf_counter() - start
size = os.path.getsize(path)
print(f"pysie bytes={size} seconds={elapsed:.3f} mb_per_s={size / 1e6 / elapsed:.1f} accounts={len(sie.sru)} vouchers={len(sie.verifikat)}")
