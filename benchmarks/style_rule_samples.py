"""Count each yearbook rule on a folder of reports (one file each; the consistency rules file by
file) and print a fixed random sample of 20 matches per rule with context, for judging false alarms.

    python benchmarks/style_rule_samples.py /tmp/style-rules/reports
"""

import collections
import glob
import json
import random
import subprocess
import sys
from pathlib import Path

CONSISTENCY = ["percent-sign", "length-unit", "mass-unit", "area-unit"]


def run(paths: list[str], select: str) -> list[dict]:
    cmd = ["yblint", "check", *paths, "--select", select, "--format", "json", "--fail-on", "error"]
    out = subprocess.run(cmd, capture_output=True, text=True)
    return json.loads(out.stdout)["findings"]


def main(folder: str) -> None:
    files = sorted(glob.glob(folder + "/*.txt"))
    found = [f for f in run(files, "yearbook") if f["rule"] not in CONSISTENCY]
    for f in files:
        found += run([f], ",".join(CONSISTENCY))
    by = collections.defaultdict(list)
    for f in found:
        by[f["rule"]].append(f)
    texts = {p: Path(p).read_text(encoding="utf-8").splitlines() for p in files}
    for rule in sorted(set(by) | set(CONSISTENCY)):
        fs = by.get(rule, [])
        print(f"== {rule}: {len(fs)}")
        for f in random.Random(0).sample(fs, min(20, len(fs))):
            line = texts[f["path"]][f["line"] - 1]
            c0 = f["column"] - 1
            c1 = f["end_column"] - 1 if f["end_line"] == f["line"] else len(line)
            where = f"{Path(f['path']).name}:{f['line']}:{f['column']}"
            print(f"  {where}  {line[max(0, c0 - 14) : c0]}【{line[c0:c1]}】{line[c1 : c1 + 10]}")


if __name__ == "__main__":
    main(sys.argv[1])
