#!/usr/bin/env python3
"""Print a large test report: the five sample reports concatenated until N characters.

Usage: scripts/make-report.py 500000 > /tmp/report_500k.txt
"""
import pathlib
import sys

names = ["zhanjiang-etdz_2020.txt", "zhanjiang-etdz_2022.txt", "zhanhe_2020.txt", "xiashan_2019.txt", "yingzai_2025.txt"]
want = int(sys.argv[1]) if len(sys.argv) > 1 else 500_000
root = pathlib.Path(__file__).resolve().parent.parent / "sample_reports"
texts = [(root / n).read_text(encoding="utf-8") for n in names]
out, n = [], 0
while n < want:
    for t in texts:
        out.append(t + "\n")
        n += len(t) + 1
        if n >= want:
            break
sys.stdout.write("".join(out))
