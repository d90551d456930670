"""A warm `guidegen check` with nothing changed (issue 30 point 6), measured, not a timed test.

`.venv/bin/python benchmarks/check.py --sizes 11,100 --repeat 10` checks the default guide (11
activities: a copy of this repository's guide) and synthetic guides (benchmarks/synthetic.py)
once untimed, so the guide's cache folder is warm, then `--repeat` times more, each in a fresh
process, and prints the median CPU time (user + system: it hardly changes with the load of
other programs) and wall time of each, with the load average. Goals: 0.3 s at the default
guide, 0.6 s at 100 activities. Python writes its bytecode as usual (PYTHONDONTWRITEBYTECODE
is removed), as on an editor's machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import REPO, make_guide

GOALS = {11: 0.3, 100: 0.6}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(guide: Path, env: dict[str, str]) -> tuple[float, float]:
    """One check in a fresh process: (CPU seconds, wall seconds)."""
    cpu, wall = _children_cpu(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=guide,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall, cpu = time.perf_counter() - wall, _children_cpu() - cpu
    if done.returncode not in (0, 1):  # 1: the guide has problems, still a full check
        raise RuntimeError(f"check failed in {guide}:\n{done.stdout}{done.stderr}")
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="11,100", help="activities per guide (11: the default)")
    parser.add_argument("--repeat", type=int, default=10)
    options = parser.parse_args()
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(REPO)  # this checkout's generator package, whatever the guide
    print(f"load average before: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| activities | CPU median (s) | wall median (s) | goal (s) |")
    print("|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as temp:
        for size in (int(text) for text in options.sizes.split(",")):
            guide = make_guide(Path(temp) / f"guide-{size}", size)
            _run(guide, env)  # the cold check fills the cache folder
            samples = [_run(guide, env) for _ in range(options.repeat)]
            cpu = statistics.median(sample[0] for sample in samples)
            wall = statistics.median(sample[1] for sample in samples)
            goal = GOALS.get(size)
            print(f"| {size} | {cpu:.2f} | {wall:.2f} | {goal if goal else '-'} |", flush=True)
    print(f"load average after: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
