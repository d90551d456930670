"""Peak memory of full builds of synthetic guides (issue 30 point 6: at most 400 MiB for all of
a 2,000-activity build's processes together), and what each process held at that moment.

    .venv/bin/python benchmarks/memory.py --sizes 100,250,500 [--nice 19] [--output FILE] [--keep DIR]

Each build is a fresh `guidegen build` of an empty build/ folder, run under `nice` (the machine
is shared), measured by measure.run: the highest sum of every process's PSS at one moment,
sampled every 0.1 s, with each process's share then (the build itself is "python", its PDF
workers and their copies "guidegen-pdf", the MkDocs child "guidegen-mkdocs"), and the CPU time
of the whole tree. The slope between the two largest sizes, and a straight line from it to
2,000 activities, are printed as such: a projection, not a measurement.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Sample, run
from scenarios import environment
from synthetic import make_guide

MIB = 1024 * 1024
GOAL_ACTIVITIES = 2000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,250,500", help="activities in each synthetic guide")
    parser.add_argument("--nice", type=int, default=19, help="niceness of the builds (default 19)")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    parser.add_argument("--keep", type=Path, help="make the guides here and keep them, built (for no-op rebuilds)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    rows = []
    with tempfile.TemporaryDirectory(prefix="guidegen-memory-") as scratch:
        folder = args.keep or scratch
        for size in sizes:
            root = make_guide(Path(folder) / f"guide-{size}", size)
            print(f"[{time.strftime('%H:%M:%S')}] full build of {size} activities", file=sys.stderr)
            command = ["nice", "-n", str(args.nice), sys.executable, "-m", "generator", "build", "--guide", str(root)]
            rows.append((size, run(command, env=environment(), sample_memory=True), os.getloadavg()))
    report = _report(commit, rows)
    print(report)
    if args.output:
        args.output.write_text(report + "\n", encoding="utf-8")


def _report(commit: str, rows: list[tuple[int, Sample, tuple[float, float, float]]]) -> str:
    lines = [
        f"Peak memory of a full build, commit {commit}, PSS summed over every process of the build",
        "",
        "| activities | peak, all processes | at the peak, by process (MiB) | largest process | CPU "
        "| wall (load average) |",
        "|---|---|---|---|---|---|",
    ]
    for size, sample, load in rows:
        lines.append(
            f"| {size} | {sample.total / MIB:.0f} MiB | {_by_process(sample)} | {sample.largest / MIB:.0f} MiB "
            f"| {sample.cpu:.0f} s | {sample.seconds:.0f} s ({load[0]:.1f}) |"
        )
    if len(rows) >= 2:
        (small, first, _), (large, last, _) = rows[-2], rows[-1]
        slope = (last.total - first.total) / MIB / (large - small)
        projected = last.total / MIB + slope * (GOAL_ACTIVITIES - large)
        lines += [
            "",
            f"Slope between {small} and {large} activities: {slope:.3f} MiB per activity. "
            f"Projection (a straight line, not a measurement) to {GOAL_ACTIVITIES:,} activities: {projected:.0f} MiB.",
        ]
    return "\n".join(lines)


def _by_process(sample: Sample) -> str:
    """'python 30, guidegen-pdf 70+70+20+20, guidegen-mkdocs 50' in MiB."""
    sizes: dict[str, list[int]] = {}
    for name, size in sample.at_peak:
        sizes.setdefault(name or "?", []).append(round(size / MIB))
    order = Counter({name: sum(values) for name, values in sizes.items()})
    return ", ".join(f"{name} {'+'.join(map(str, sizes[name]))}" for name, _ in order.most_common())


if __name__ == "__main__":
    main()
