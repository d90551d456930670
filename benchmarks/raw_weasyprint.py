"""Raw WeasyPrint baseline: every PDF of a guide, rendered one after another in ONE process.

Usage: raw_weasyprint.py GUIDE_DIR. Prints one line of JSON with the timings.

The render is generator.pdf.job_render.render_job itself, so WeasyPrint gets exactly the options,
stylesheets, fonts and URL fetcher the build uses, with no copied code. The HTML for every
job is made first (timed separately, reported as our own cost), and render_job is handed it
ready-made, so `render_seconds` is WeasyPrint's own work plus the thin wrapper around it:
every handout, poster and booklet part, the other variants' too (large print, the A5 booklet).
Joining the parts into each booklet (with its cover and contents, and the A5 booklet's
imposition) is ours, so it is timed apart as `join_seconds` and not counted as the engine's;
so is the EPUB (no WeasyPrint), timed as kind "epub". A job of another variant is timed under
"<kind>:<variant>", e.g. "handout:large-print".
`import_seconds` is the one-off cost of importing WeasyPrint, paid once here as in each worker.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path


def main(argv: list[str]) -> int:
    root = Path(argv[1])
    started = time.perf_counter()
    import weasyprint  # noqa: F401  (timed: the one-off import cost)

    from generator.content.loader import load_guide
    from generator.epub.package import epub_bytes
    from generator.pdf.job_list import part_job, pdf_jobs
    from generator.pdf.job_render import job_html, render_job
    from generator.pdf.variants import variant_parts

    imported = time.perf_counter()
    guide = load_guide(root)
    jobs = [job for job in pdf_jobs(guide) if job.kind != "booklet"]
    booklets = [job for job in pdf_jobs(guide, None) if job.kind == "booklet"]
    loaded = time.perf_counter()
    work = [(job, job_html(guide, job)) for job in jobs]
    parts = {b.variant: variant_parts(guide, None, b.variant) for b in booklets}
    work += [(part_job(guide, part, None, variant), part.html) for variant, found in parts.items() for part in found]
    made = time.perf_counter()
    by_kind: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for job, html in work:
            before = time.perf_counter()
            data = render_job(guide, job, html)
            by_kind.setdefault(_kind(job), []).append(time.perf_counter() - before)
            if job.kind == "booklet-part":
                Path(folder, job.filename).parent.mkdir(exist_ok=True)
                Path(folder, job.filename).write_bytes(data)
        rendered = time.perf_counter()
        for booklet in booklets:
            before = time.perf_counter()
            names = [
                (part_job(guide, p, None, booklet.variant).filename, p.link_targets) for p in parts[booklet.variant]
            ]
            files = tuple((str(Path(folder, name)), targets) for name, targets in names)
            render_job(guide, replace(booklet, parts=files))
            by_kind.setdefault(_kind(booklet), []).append(time.perf_counter() - before)
        joined = time.perf_counter()
    before = time.perf_counter()
    epub_bytes(guide, None)
    by_kind["epub"] = [time.perf_counter() - before]
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


def _kind(job: object) -> str:
    kind, variant = getattr(job, "kind"), getattr(job, "variant")  # noqa: B009  (a Job, imported late)
    return f"{kind}:{variant}" if variant else kind


if __name__ == "__main__":
    sys.exit(main(sys.argv))
