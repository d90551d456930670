"""The benchmark's memory sampler (benchmarks/measure.py) names the process that held the most
when the tree's summed PSS peaked, and when that was: read from /proc, not computed."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import ModuleType

import pytest

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="the sampler reads /proc")

# A parent that forks a child; the child holds 96 MiB of its own for two seconds (the
# sampler looks every 0.1 s), after the parent has printed its line.
HOLDER = """
import os, sys, time
print("forking", flush=True)
if os.fork() == 0:
    held = bytearray(96 * 1024 * 1024)
    for i in range(0, len(held), 4096):
        held[i] = 1
    time.sleep(2)
    os._exit(0)
os.wait()
print("done", flush=True)
"""


def test_the_peak_is_the_child_holding_memory(benchmark_script: Callable[[str], ModuleType]) -> None:
    measure = benchmark_script("measure")

    sample = measure.run([sys.executable, "-c", HOLDER], env=dict(os.environ), sample_memory=True)

    (name, largest), *others = sample.at_peak
    assert largest > 90 * 2**20
    assert name.startswith("python")
    assert len(others) == 1 and others[0][1] < largest / 4  # the parent: small
    forked = next(at for at, line in sample.lines if line == "forking")
    done = next(at for at, line in sample.lines if line == "done")
    assert forked < sample.peak_seconds < done
    assert sample.total >= largest
