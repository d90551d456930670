"""Raw WeasyPrint baseline: every PDF of a guide, rendered one after another in ONE process.

Usage: raw_weasyprint.py GUIDE_DIR. Prints one line of JSON with the timings.

The render is generator.pdf.render_job itself, so WeasyPrint gets exactly the options,
stylesheets, fonts and URL fetcher the build uses, with no copied code. The HTML for every
job is made first (timed separately, reported as our own cost), and render_job is handed it
ready-made, so `render_seconds` is WeasyPrint's own work plus the thin wrapper around it.
`import_seconds` is the one-off cost of importing WeasyPrint, paid once here as in each worker.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    root = Path(argv[1])
    started = time.perf_counter()
    import weasyprint  # noqa: F401  (timed: the one-off import cost)

    from generator import pdf
    from generator.load import load_guide

    imported = time.perf_counter()
    guide = load_guide(root)
    jobs = pdf.pdf_jobs(guide)
    loaded = time.perf_counter()
    html = {job.filename: pdf.job_html(guide, job) for job in jobs}
    made = time.perf_counter()
    pdf.job_html = lambda _guide, job: html[job.filename]  # type: ignore[assignment]  # only the engine is timed
    by_kind: dict[str, list[float]] = {}
    for job in jobs:
        before = time.perf_counter()
        pdf.render_job(guide, job)
        by_kind.setdefault(job.kind, []).append(time.perf_counter() - before)
    rendered = time.perf_counter()
    result = {
        "import_seconds": imported - started,
        "load_seconds": loaded - imported,
        "html_seconds": made - loaded,
        "render_seconds": rendered - made,
        "by_kind": by_kind,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
