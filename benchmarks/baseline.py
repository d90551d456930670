"""This code against the code of an earlier benchmark run, on the same guides, in one run.

    .venv/bin/python benchmarks/baseline.py [--ref COMMIT] [--sizes 100] [--repeat 3] [--output FILE]

`benchmarks/latest.md` was measured with the code of one commit (by default the last commit
that changed it). Later code does more work on the same guide (the print variants of issue
18), and later guides hold more (the default guide grew), so comparing today's table with that
file compares different work. This script measures both versions side by side instead:

- the earlier code is unpacked from git (`git archive`) and runs from there (PYTHONPATH);
- both versions build the earlier code's own guides: its default guide and its synthetic
  guides, made by its own synthetic.py (this code reads them unchanged);
- "this code, same work" turns off what the earlier code did not make (`variants: []`) when
  the earlier code had no print variants; "this code, as shipped" keeps them on, for
  information. When the earlier code made them too, the two are the same and only one is run;
- the versions take turns (earlier, same work, as shipped), each in a fresh process, and the
  report gives medians and the ratio this ÷ earlier.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from codebase import changed_since, code_under_test
from measure import Sample, run
from scenarios import environment
from synthetic import REPO, edit_activity

VARIANTS = "A5 booklet, large print or EPUB"
NO_WORSE = 1.05  # this ÷ earlier at most this: timings on a shared machine vary by a few per cent
VERSIONS = ("earlier", "same work", "as shipped")
MEASUREMENTS = ("full build", "no-op rebuild", "one activity edited")


@dataclass
class Guide:
    """One guide, copied once per version so each keeps its own build/ folder."""

    name: str
    roots: dict[str, Path]
    edit_id: str
    samples: dict[tuple[str, str], list[Sample]] = field(default_factory=dict)

    def median(self, version: str, measurement: str, key: Callable[[Sample], float]) -> float | None:
        found = self.samples.get((version, measurement), [])
        return statistics.median(key(s) for s in found) if found else None


def last_benchmark_commit() -> str:
    """The commit that last changed benchmarks/latest.md: the code its figures describe."""
    done = subprocess.run(
        ["git", "log", "-1", "--format=%H", "--", "benchmarks/latest.md"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def unpack(ref: str, dest: Path) -> Path:
    """The files of commit `ref`, as `git archive` gives them (no work tree, no index)."""
    archive = subprocess.run(["git", "archive", "--format=tar", ref], cwd=REPO, capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def earlier_env(earlier: Path) -> dict[str, str]:
    env = environment()
    env["PYTHONPATH"] = str(earlier)  # ahead of this repository's editable install
    return env


def makes_variants(earlier: Path) -> bool:
    """Whether the earlier code made the print variants (A5, large print, EPUB) already."""
    return any((earlier / "generator" / "pdf" / name).is_file() for name in ("editions.py", "variants.py"))


def versions_for(earlier: Path) -> tuple[str, ...]:
    """The versions to run: "as shipped" only when it differs from "same work"."""
    return VERSIONS if not makes_variants(earlier) else VERSIONS[:2]


def make_guides(earlier: Path, folder: Path, sizes: list[int]) -> list[Guide]:
    """The earlier code's default guide and synthetic guides, one copy per version."""
    made = []
    for size in [None, *sizes]:
        name = "default guide" if size is None else f"synthetic {size}"
        source = folder / name.replace(" ", "-")
        if size is None:
            source.mkdir()
            shutil.copy2(earlier / "site_config.yml", source / "site_config.yml")
            shutil.copytree(earlier / "content", source / "content")
        else:
            script = (
                "import sys; from pathlib import Path; sys.path.insert(0, 'benchmarks'); "
                f"from synthetic import make_guide; make_guide(Path({str(source)!r}), {size})"
            )
            subprocess.run([sys.executable, "-c", script], cwd=earlier, env=earlier_env(earlier), check=True)
        roots = {}
        for version in versions_for(earlier):
            root = folder / f"{source.name}-{version.replace(' ', '-')}"
            shutil.copytree(source, root)
            if version == "same work" and not makes_variants(earlier):
                with (root / "site_config.yml").open("a", encoding="utf-8") as config:
                    config.write("\n# Like for like with the earlier code: no print variants.\nvariants: []\n")
            roots[version] = root
        edit_id = sorted(p.stem for p in (source / "content" / "activities").glob("*.yml"))[0]
        made.append(Guide(name, roots, edit_id))
    return made


def measure(guide: Guide, earlier: Path, rep: int) -> None:
    """One build of each kind by each version, the versions taking turns."""
    envs = {"earlier": earlier_env(earlier), "same work": environment(), "as shipped": environment()}
    for measurement in MEASUREMENTS:
        for version in guide.roots:
            root = guide.roots[version]
            if measurement == "full build":
                shutil.rmtree(root / "build", ignore_errors=True)
            elif measurement == "one activity edited":
                edit_activity(root, guide.edit_id, str(rep + 1))
            command = [sys.executable, "-m", "generator", "build", "--guide", str(root)]
            sample = run(command, env=envs[version], sample_memory=measurement == "full build")
            guide.samples.setdefault((version, measurement), []).append(sample)


def check_versions(earlier: Path) -> None:
    """Make sure each version imports its own code, or the comparison means nothing."""
    probe = [sys.executable, "-c", "import generator, pathlib; print(pathlib.Path(generator.__file__).parent.parent)"]
    for env, expected in ((earlier_env(earlier), earlier), (environment(), REPO)):
        found = subprocess.run(probe, env=env, capture_output=True, text=True, check=True)  # the builds' cwd
        if Path(found.stdout.strip()).resolve() != expected.resolve():
            raise SystemExit(f"baseline: expected generator from {expected}, got {found.stdout.strip()}")


def report(
    guides: list[Guide], ref: str, repeat: int, minutes: float, load: tuple[str, str], variants: bool = False
) -> str:
    same_work = (
        f'"Same work" is this code as shipped: the earlier code made the print variants too ({VARIANTS}).'
        if variants
        else f'"Same work" builds with `variants: []`, because the earlier code made no {VARIANTS}.'
    )
    lines = [
        "## This code against the code of the last benchmark (issue 13)",
        "",
        f"Earlier code: commit `{ref[:7]}`, the code that measured the previous `benchmarks/latest.md`. "
        f"Both build the earlier code's own guides; medians of {repeat} runs, taking turns, "
        f"{minutes:.1f} min; load average before {load[0]}, after {load[1]}.",
        "",
        "| guide | measurement | earlier code | this code, same work | this ÷ earlier | result "
        "| this code, as shipped (with the print variants) |",
        "|---|---|---|---|---|---|---|",
    ]
    for guide in guides:
        for measurement in MEASUREMENTS:
            times = [guide.median(v, measurement, lambda s: s.seconds) for v in VERSIONS]
            lines += _row(guide.name, measurement, times, "{:.2f} s")
        memory = [guide.median(v, "full build", lambda s: s.total / 2**20) for v in VERSIONS]
        lines += _row(guide.name, "peak memory, all processes (PSS)", memory, "{:.0f} MiB")
    lines += [
        "",
        f"- \"No worse\": this code's median at most {NO_WORSE:.2f}× the earlier code's (a few per cent is "
        f"the noise of a shared machine). {same_work}",
    ]
    return "\n".join(lines)


def _row(guide: str, label: str, values: list[float | None], unit: str) -> list[str]:
    """One table row: earlier, same work, ratio, result, as shipped (none when a value is missing;
    as shipped is same work when only that was run)."""
    before, same, shipped = values
    if before is None or same is None:
        return []
    shipped = same if shipped is None else shipped
    ratio = same / before
    result = "no worse" if ratio <= NO_WORSE else "**worse**"
    cells = [guide, label, unit.format(before), unit.format(same), f"{ratio:.2f}×", result, unit.format(shipped)]
    return ["| " + " | ".join(cells) + " |"]


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark this code against the code of an earlier run.")
    parser.add_argument("--ref", help="earlier commit (default: the last commit that changed benchmarks/latest.md)")
    parser.add_argument("--sizes", default="100", help="activities in each synthetic guide (default 100)")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="runs of each build (median)")
    parser.add_argument("--output", type=Path, help="also write the Markdown table to this file")
    args = parser.parse_args(argv)
    sizes = sorted({int(part) for part in args.sizes.split(",") if part.strip()})
    output = args.output.resolve() if args.output else None  # before the working folder changes
    ref = args.ref or last_benchmark_commit()
    started, before = time.perf_counter(), _load()
    with tempfile.TemporaryDirectory(prefix="guidegen-baseline-") as folder:
        earlier = unpack(ref, Path(folder) / "earlier")
        # `python -m` puts the working folder first on sys.path, ahead of PYTHONPATH: from this
        # repository, the "earlier" builds would import this code.
        os.chdir(folder)
        check_versions(earlier)
        code = code_under_test(environment())
        guides = make_guides(earlier, Path(folder), sizes)
        for rep in range(args.repeat):
            for guide in guides:
                print(f"[{time.strftime('%H:%M:%S')}] {guide.name}: run {rep + 1}", file=sys.stderr)
                measure(guide, earlier, rep)
        variants = makes_variants(earlier)
    text = report(guides, ref, args.repeat, (time.perf_counter() - started) / 60, (before, _load()), variants)
    drift = changed_since(code)
    text += f"\n\nThis code: {code.describe()}." + (f"\n\n**These figures are not valid**: {drift}." if drift else "")
    print(text)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    return 1 if drift else 0


if __name__ == "__main__":
    sys.exit(main())
