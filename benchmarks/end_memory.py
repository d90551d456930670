"""The end of a large build without building it: a booklet's join, the A5 booklet's join into
sheets, and the offline zip, fed a built guide's booklet parts repeated to thousands, each
measured in a fresh process (its peak RSS, ru_maxrss).

    .venv/bin/python -m benchmarks.end_memory PARTS_FOLDER COUNT [COUNT...]

PARTS_FOLDER is a built guide's build/.booklet-parts (its guide is the one in the current
folder, whose parts' link targets are used). Each count runs the booklet, large-print and A5
joins twice (first build: no part's pieces kept; second: all kept) and the zip of a folder
holding the joined booklets. Prints one Markdown table row per count.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

VARIANTS = ("", "large-print", "a5-booklet")


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _repeat(source: Path, target: Path, count: int) -> list[str]:
    """count parts in target, hard links to source's parts in turn (the front apart): their names."""
    names = sorted(p.stem for p in source.glob("*.pdf") if p.name != "front.pdf")
    target.mkdir(parents=True, exist_ok=True)
    os.link(source / "front.pdf", target / "front.pdf")
    made = []
    for index in range(count):
        name = names[index % len(names)]
        made.append(f"{index:05d}~{name}")
        os.link(source / f"{name}.pdf", target / f"{made[-1]}.pdf")
    return made


def join_once(folder: Path, variant: str, out: Path) -> str:
    """In this process: open every part in folder and join them as the build's make_booklet does."""
    from generator.common.messages import messages_for
    from generator.content.loader import load_guide
    from generator.pdf.booklet import PIECES
    from generator.pdf.join.booklet import Part, join
    from generator.pdf.join.footer import SIZE
    from generator.pdf.join.imposed import join_imposed
    from generator.pdf.variants import FOOTER_SIZES, printing_sheet, variant_parts
    from generator.render.direction import text_direction

    guide = load_guide(Path.cwd())
    targets = {p.name: p.link_targets for p in variant_parts(guide, None, variant)}
    before = _current_mib()
    keep = "imposed" if variant == "a5-booklet" else "pieces"
    paths = sorted(p for p in folder.glob("*.pdf") if p.name != "front.pdf")
    parts = [Part.open(p, targets.get(p.stem.partition("~")[2], ()), keep=keep) for p in paths]
    after_open = _current_mib()
    front = Part.open((folder / "front.pdf").read_bytes())
    size = FOOTER_SIZES.get(variant, SIZE)
    label = messages_for(guide.config).raw("Page %(number)s of %(total)s")
    direction = text_direction(guide.config.language)
    first = next((i for i, p in enumerate(parts) if "activities" in p.anchors), len(parts))
    nested = [i > first for i in range(len(parts))]
    if variant == "a5-booklet":
        join_imposed(front, parts, out, *printing_sheet(guide), guide.config.language, size, label, direction)
    else:
        join(front, parts, nested, out, size, label, direction)
    kept = len(list(folder.glob(f"*{PIECES}")))
    return f"{before:.0f} {after_open:.0f} {_rss_mib():.0f} {out.stat().st_size / 2**20:.1f} {kept}"


def zip_once(site: Path, bundle: Path) -> str:
    from generator.offline.bundle import write_zip

    before = _current_mib()
    write_zip(site, bundle, folder="guide-offline")
    return f"{before:.0f} {_rss_mib():.0f} {bundle.stat().st_size / 2**20:.1f}"


def _fresh(*args: str) -> list[str]:
    """A step in a fresh Python process: its printed numbers."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.end_memory", *args], check=True, capture_output=True)
    return done.stdout.decode().split()


def main(argv: list[str]) -> None:
    if argv[0] == "--join":
        print(join_once(Path(argv[1]), argv[2], Path(argv[3])))
        return
    if argv[0] == "--zip":
        print(zip_once(Path(argv[1]), Path(argv[2])))
        return
    source = Path(argv[0])
    print("| parts | variant | run | RSS before (MiB) | after opening | peak | output MiB |")
    print("|---|---|---|---|---|---|---|")
    for count in (int(c) for c in argv[1:]):
        with tempfile.TemporaryDirectory(prefix="guidegen-end-") as temp:
            site = Path(temp) / "site" / "pdf"
            site.mkdir(parents=True)
            for variant in VARIANTS:
                folder = Path(temp) / (variant or "guide")
                _repeat(source / variant if variant else source, folder, count)
                out = site / f"{variant or 'guide'}.pdf"
                for run in ("first", "second"):
                    before, opened, peak, size, _ = _fresh("--join", str(folder), variant, str(out))
                    print(f"| {count} | {variant or 'booklet'} | {run} | {before} | {opened} | {peak} | {size} |")
                    sys.stdout.flush()
                shutil.rmtree(folder)
            before, peak, size = _fresh("--zip", str(Path(temp) / "site"), str(Path(temp) / "out.zip"))
            print(f"| {count} | zip of the three | - | {before} | - | {peak} | {size} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
