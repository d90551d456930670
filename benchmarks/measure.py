"""Run one command in a fresh process and measure its wall time and peak memory.

Peak memory is reported two ways, because the build forks PDF workers:
- `largest`: the biggest resident set of any single process in the tree (wait4's rusage,
  which covers the child and every descendant it waited for);
- `total`: the highest sum over the whole tree at one moment of each process's proportional
  set size (PSS: its own pages plus its share of pages it shares with others, such as forked
  workers with their parent), sampled from /proc every SAMPLE_SECONDS (Linux only; 0 elsewhere).
  Summing resident sets instead would count every shared page once per process.
The same samples give the CPU time of the build's PDF workers (the processes it names
"guidegen-pdf"): unlike wall time, it hardly changes when other programs compete for the cores.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.1  # one /proc scan costs about 1 ms: about 1 % of one core
PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")
PROC = Path("/proc")


class CommandFailed(RuntimeError):
    """A measured command exited with an error; the message carries its output."""


@dataclass(frozen=True)
class Sample:
    seconds: float  # wall time
    cpu: float  # user + system seconds of the process and its waited-for descendants
    largest: int  # bytes
    total: int  # bytes; 0 when not sampled
    worker_cpu: float = 0.0  # CPU seconds of the descendants (the build's PDF workers); 0 when not sampled
    lines: tuple[tuple[float, str], ...] = ()  # each line of output with its time since the start
    load: float = 0.0  # the 1-minute load average when measured (preview edits; 0 elsewhere)
    settled_cpu: float = 0.0  # a preview edit's CPU seconds until every page is rebuilt (0 elsewhere)
    at_peak: tuple[tuple[str, int], ...] = ()  # (process name, PSS bytes) of each process when `total` peaked
    peak_seconds: float = 0.0  # when `total` peaked, in seconds since the start

    def phase_start(self, prefix: str) -> float | None:
        """When the first output line starting with prefix appeared, in seconds."""
        return next((at for at, line in self.lines if line.startswith(prefix)), None)


def run(command: Sequence[str], *, env: dict[str, str], sample_memory: bool = False) -> Sample:
    """Run command to completion; raise CommandFailed with its output if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    reader = _LineReader(process, started)
    sampler = _TreeSampler(process.pid, started) if sample_memory and PROC.is_dir() else None
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    total, worker_cpu = sampler.stop() if sampler else (0, 0.0)
    at_peak, peak_seconds = (sampler.at_peak, sampler.peak_seconds) if sampler else ((), 0.0)
    lines = reader.finish()
    if process.returncode != 0:
        text = "\n".join(line for _, line in lines[-40:])
        raise CommandFailed(f"{' '.join(command)} exited with {process.returncode}:\n{text}")
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(
        seconds, cpu, usage.ru_maxrss * 1024, total, worker_cpu, lines, at_peak=at_peak, peak_seconds=peak_seconds
    )


class _LineReader:
    """Reads the child's output in a thread, noting when each line arrived."""

    def __init__(self, process: subprocess.Popen[bytes], started: float) -> None:
        self.lines: list[tuple[float, str]] = []
        self._stream = process.stdout
        self._started = started
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        assert self._stream is not None
        for raw in self._stream:
            self.lines.append((time.perf_counter() - self._started, raw.decode(errors="replace").rstrip()))

    def finish(self) -> tuple[tuple[float, str], ...]:
        self._thread.join()
        assert self._stream is not None
        self._stream.close()
        return tuple(self.lines)


class _TreeSampler:
    """Samples, in a thread, the summed resident memory of a process tree and its workers' CPU time."""

    def __init__(self, pid: int, started: float) -> None:
        self.pid = pid
        self.started = started
        self.peak = 0
        self.at_peak: tuple[tuple[str, int], ...] = ()  # what each process held at that moment, largest first
        self.peak_seconds = 0.0
        self.cpu: dict[int, float] = {}  # descendant -> CPU seconds when last seen
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> tuple[int, float]:
        """Peak summed memory (bytes) and the descendants' CPU seconds (up to one interval short each)."""
        self._done.set()
        self._thread.join()
        return self.peak, sum(self.cpu.values())

    def _loop(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            processes = _processes()
            tree = _tree(self.pid, processes)
            held = {pid: _rss(pid) for pid in tree}
            if sum(held.values()) > self.peak:
                self.peak = sum(held.values())
                self.at_peak = tuple(sorted(((_name(pid), size) for pid, size in held.items()), key=lambda p: -p[1]))
                self.peak_seconds = time.perf_counter() - self.started
            self.cpu.update({pid: processes[pid][1] for pid in tree if pid != self.pid and _is_pdf_worker(pid)})


def _tree(root: int, processes: dict[int, tuple[int, float]]) -> set[int]:
    """root and its live descendants."""
    tree, grew = {root}, True
    while grew:
        found = {pid for pid, (parent, _) in processes.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    return tree


def _processes() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, user + system CPU seconds) for every process."""
    found = {}
    for entry in os.listdir(PROC):
        if entry.isdigit():
            try:
                fields = (PROC / entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
            except OSError:
                continue  # the process ended while we looked
            found[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS)
    return found


def process_cpu(pid: int) -> float:
    """User + system CPU seconds so far of a running process, its living descendants (workers it
    forked) and the children it has waited for (0 where there is no /proc)."""
    if not PROC.is_dir():
        return 0.0
    processes = _processes()
    total = sum(processes[each][1] for each in _tree(pid, processes) if each in processes)
    try:
        fields = (PROC / str(pid) / "stat").read_bytes().rsplit(b")", 1)[1].split()
    except OSError:
        return total
    return total + (int(fields[13]) + int(fields[14])) / TICKS


def busy_threads(pid: int) -> int:
    """How many of a process's threads are running or waiting for a core (R) or for the disk (D):
    on a loaded machine a thread that works is mostly waiting for a core, so its CPU time says
    little about whether it is done, its state does (0 where there is no /proc)."""
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except OSError:
        return 0
    count = 0
    for task in tasks:
        try:
            state = (task / "stat").read_bytes().rsplit(b")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue  # the thread ended meanwhile
        count += state in (b"R", b"D")
    return count


def _is_pdf_worker(pid: int) -> bool:
    """The build names its PDF workers (the offline site's MkDocs child is "guidegen-mkdocs")."""
    return _name(pid) == "guidegen-pdf"


def _name(pid: int) -> str:
    """The process's name: "guidegen-pdf", "guidegen-mkdocs", or the build's own ("python")."""
    try:
        return (PROC / str(pid) / "comm").read_text().strip()
    except OSError:
        return ""


def _rss(pid: int) -> int:
    """Proportional set size in bytes (resident size where the kernel has no smaps_rollup)."""
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    try:
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0
