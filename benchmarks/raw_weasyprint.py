"""Raw WeasyPrint baseline: every PDF of a guide, rendered one after another in ONE process.

Usage: raw_weasyprint.py GUIDE_DIR. Prints one line of JSON with the timings.

The render is generator.pdf.jobs.render_job itself, so WeasyPrint gets exactly the options,
stylesheets, fonts and URL fetcher the build uses, with no copied code. The HTML for every
job is made first (timed separately, reported as our own cost), and render_job is handed it
ready-made, so `render_seconds` is WeasyPrint's own work plus the thin wrapper around it:
every handout, poster and booklet part. Joining the parts into the booklet (with its cover
and contents) is ours, so it is timed apart as `join_seconds` and not counted as the engine's.
`import_seconds` is the one-off cost of importing WeasyPrint, paid once here as in each worker.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    root = Path(argv[1])
    started = time.perf_counter()
    import weasyprint  # noqa: F401  (timed: the one-off import cost)

    from generator.content.loader import load_guide
    from generator.pdf import jobs as pdf
    from generator.pdf.html import booklet_parts

    imported = time.perf_counter()
    guide = load_guide(root)
    jobs = [job for job in pdf.pdf_jobs(guide) if job.kind != "booklet"]
    loaded = time.perf_counter()
    work = [(job, pdf.job_html(guide, job)) for job in jobs]
    parts = booklet_parts(guide, None)
    work += [(pdf.part_job(part, None), part.html) for part in parts]
    made = time.perf_counter()
    by_kind: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for job, html in work:
            before = time.perf_counter()
            data = pdf.render_job(guide, job, html)
            by_kind.setdefault(job.kind, []).append(time.perf_counter() - before)
            if job.kind == "booklet-part":
                Path(folder, job.filename).write_bytes(data)
        rendered = time.perf_counter()
        files = tuple((str(Path(folder, f"{part.name}.pdf")), part.link_targets) for part in parts)
        pdf.render_job(guide, pdf.booklet_job(guide, None, files))
        joined = time.perf_counter()
    result = {
        "import_seconds": imported - started,
        "load_seconds": loaded - imported,
        "html_seconds": made - loaded,
        "render_seconds": rendered - made,
        "join_seconds": joined - rendered,
        "by_kind": by_kind,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
