"""Translations in the build: each language's website and PDFs, made by the same steps
as the source's (the pipeline hands its rendering step to render()) and sharing its cache.

Each translation is rendered into its own folder inside the staging folder, then moved into place:
build/site/<lang>/, build/pdf/<lang>/ and build/.booklet-parts/<lang>/. Its outputs' cache keys
are kept in the build's one manifest under those names, so an edit to one Welsh activity lays
out only that activity's PDFs again and rebuilds only the Welsh site. The file:// variant of
each translation is built too (and kept in build/.offline-translations/<lang>/ for the next build), for
the offline zip, which holds every language (see _Offline).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..common.digest import digest_bytes, digest_tree
from ..content.model import Guide
from ..content.source_date import source_date_text
from ..site.downloads import epub_name
from .cache import OFFLINE_TRANSLATIONS, PARTS, engine_versions, reuse
from .state import BuildRun

TRANSLATED_FOLDERS = ("site", "pdf", PARTS)


def translated_name(name: str, language: str) -> str:
    """An output's name in the manifest: 'site' -> 'site/cy', 'pdf/x.pdf' -> 'pdf/cy/x.pdf'."""
    head, _, rest = name.partition("/")
    return f"{head}/{language}/{rest}" if rest else f"{head}/{language}"


@dataclass
class TranslationRun(BuildRun):
    """A BuildRun for one translation: what it reuses comes from, and is recorded under, the
    translation's own names in the build's manifest."""

    language: str = ""
    root_out: Path = field(default_factory=Path)

    def reused(self, name: str, key: str, dest: Path) -> bool:
        # The e-book's name already says its language (build/<slug>-<lang>.epub).
        mapped = name if name == epub_name(self.guide) else translated_name(name, self.language)
        self.manifest.keys[mapped] = key
        return reuse(self.previous, self.root_out, mapped, key, dest)


class Translations:
    """The outputs of every translation it is handed: its Guides were made (and checked) in the
    load phase (content/translations.py's translated_guides), before anything is rendered."""

    def __init__(self, run: BuildRun, outputs: tuple[str, ...], guides: tuple[Guide, ...]) -> None:
        self.run, self.outputs = run, outputs
        self.guides = guides
        self.offline_sites: dict[str, Path] = {}
        self.keys: list[str] = []

    def folder(self, guide: Guide) -> Path:
        return self.run.staging / f".translation-{guide.config.language}"

    def render(self, render_all: Callable[[BuildRun, tuple[str, ...]], dict[str, str]]) -> None:
        """Each translation's website and PDFs (and its file:// site for the zip), one language after another.

        render_all is the pipeline's own step for the source's outputs, given here rather than
        imported: the pipeline uses this module, so importing it back would make a circle."""
        for guide in self.guides:
            language = guide.config.language
            self.run.progress.step(f"Translation {language}: its website and PDFs")
            staging = self.folder(guide)
            staging.mkdir()
            run = self.run
            translation_run = TranslationRun(
                guide, staging, staging / ".no-previous", run.previous, run.manifest, run.report, run.progress,
                run.options, language=language, root_out=run.previous_out,
            )  # fmt: skip
            wanted = [name for name in ("site", "pdf") if name in self.outputs]
            if "offline" in self.outputs and "pdf" not in wanted:
                wanted.append("pdf")  # the zip's Welsh pages link to the Welsh PDFs
            handouts = render_all(translation_run, tuple(wanted))
            if "offline" in self.outputs:
                self._offline(guide, staging, handouts)

    def _offline(self, guide: Guide, staging: Path, handouts: dict[str, str]) -> None:
        """The translation's file:// site, kept in build/.offline-translations/<lang>/ so an unchanged one is reused.
        handouts is the translation's website's own mapping: its <lang>/ part of the zip then holds every
        kind of file the source's part does (large print, sessions, the A5 booklet, the e-book)."""
        from ..offline.bundle import build_offline_site, write_offline_project

        language = guide.config.language
        project = staging / "offline-mkdocs"
        write_offline_project(guide, project, handouts=handouts, pdf_dir=staging / "pdf")
        key = digest_bytes(engine_versions(), digest_tree(project), source_date_text())
        site = self.run.staging / OFFLINE_TRANSLATIONS / language
        if not self.run.reused(f"{OFFLINE_TRANSLATIONS}/{language}", key, site):
            build_offline_site(guide, project / "mkdocs.yml", site)
            (site / "404.html").unlink(missing_ok=True)  # it links to /assets from the drive's root
        self.offline_sites[language] = site
        self.keys.append(key)

    def into_offline_site(self, site_dir: Path) -> None:
        """Each translation's file:// site into the offline site's <lang>/, before it is zipped."""
        for language, site in self.offline_sites.items():
            shutil.rmtree(site_dir / language, ignore_errors=True)
            shutil.copytree(site, site_dir / language)

    def place(self) -> None:
        """Move each language's outputs to build/site/<lang>/, build/pdf/<lang>/ and the booklet parts."""
        for guide in self.guides:
            staging = self.folder(guide)
            epub = staging / "pdf" / epub_name(guide)
            if "pdf" in self.outputs and epub.is_file():  # beside the source's, named by its language
                epub.rename(self.run.staging / epub.name)
            for name in TRANSLATED_FOLDERS:
                if name == "pdf" and "pdf" not in self.outputs:
                    continue
                source = staging / name
                if source.is_dir():
                    dest = self.run.staging / name / guide.config.language
                    shutil.rmtree(dest, ignore_errors=True)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    source.rename(dest)
            shutil.rmtree(staging, ignore_errors=True)
