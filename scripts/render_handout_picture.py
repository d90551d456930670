"""Render page 1 of the default guide's three-circle handout to docs/images/three-circles-handout.png.

The README shows this picture; refresh it with `make handout-picture` after changing the
handout's templates or the diagram. Needs poppler's pdftoppm (`make system-deps`).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.content.loader import load_guide  # noqa: E402
from generator.content.model import ThreeCirclesHandout  # noqa: E402
from generator.pdf.job_list import pdf_jobs  # noqa: E402
from generator.pdf.job_render import render_job  # noqa: E402

OUT = REPO / "docs" / "images" / "three-circles-handout.png"
DPI = 90


def main() -> int:
    guide = load_guide(REPO)
    ids = {a.id for a in guide.activities if isinstance(a.handout, ThreeCirclesHandout)}
    job = next((j for j in pdf_jobs(guide) if j.kind == "handout" and j.activity_id in ids), None)
    if job is None:
        print("The guide has no three-circle handout to show.", file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / job.filename
        pdf.write_bytes(render_job(guide, job))
        stem = str(OUT.with_suffix(""))
        command = ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", str(pdf), stem]
        subprocess.run(command, check=True)
    print(f"Wrote {OUT.relative_to(REPO)} (page 1 of {job.filename})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
