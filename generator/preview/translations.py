"""The preview's website with every translation: the source at the site's root and each
translation at <lang>/ below it, as `guidegen build` lays them out.

Each translation is a QuickSite of its own (its own MkDocs project and site folder), fed the
translated guide made from the source guide this save loaded (its files parsed only when they
changed), so a save to one Welsh file
rebuilds only the Welsh page(s) it reached, and a Welsh title or menu change leaves the other
Welsh pages stale until finish() has rebuilt them, open ones first, as for the source. The
server names an translation's pages with its <lang>/ in front (cy/activities/x/index.html), so one
set of stale pages and page versions covers every translation.

An translation's first build waits until after the source's is shown (update's defer): the first
start is as quick as without translations, and a request for a Welsh page waits for it.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from ..content.parse_cache import ParseCache
from ..content.translations import language_folder, translated_guide
from .quick_site import QuickBuild, QuickSite


class QuickTranslations:
    """QuickSite's update()/finish() for the source and every translation together."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.folder = folder
        self.source = QuickSite(root, folder)
        self.translations: dict[str, QuickSite] = {}  # language -> its site, in site_config.yml's order
        self.all_current = False  # the last update went through: its source guide is the files'
        self.parsed_translations: dict[str, dict[str, Any]] = {}  # language -> its texts' parses, for the next save

    @property
    def parsed(self) -> dict[str, Any]:
        return self.source.parsed

    def folders(self) -> tuple[tuple[str, Path], ...]:
        """Each translation's URL part (cy/) and the folder its built files are served from."""
        return tuple((f"{lang}/", site.site_dir) for lang, site in self.translations.items())

    def update(self, open_pages: Collection[str] = (), changed: Collection[str] | None = None) -> QuickBuild:
        """The source's update, then each translation's with its guide made from the source's.

        changed: the files saved since the last update (None: any). When they are all in
        translations' folders, which the source's site never shows, and the last update went
        through, only those translations are updated, from the source guide that update loaded."""
        languages = self._translations_only(changed) if self.all_current else None
        self.all_current = False
        results: dict[str, QuickBuild] = {}
        if languages is None or self.source.guide is None:
            results[""] = self.source.update(self._own(open_pages, ""), elsewhere=bool(open_pages))
        guide = results[""].guide if "" in results else self.source.guide
        assert guide is not None
        wanted = [settings.language for settings in guide.config.translations]
        self.translations = {lang: self.translations.get(lang) or self._site(lang) for lang in wanted}
        for settings in guide.config.translations:
            if "" not in results and languages is not None and settings.language not in languages:
                continue
            site = self.translations[settings.language]
            open_here = self._own(open_pages, f"{settings.language}/")
            cache = ParseCache(self.parsed_translations.get(settings.language))
            translation = translated_guide(guide, settings, cache)
            self.parsed_translations[settings.language] = cache.entries_used()
            update = site.update(open_here, translation, defer=not open_here, elsewhere=bool(open_pages))
            results[f"{settings.language}/"] = update
        self.all_current = True
        return self._combined(results)

    def _translations_only(self, changed: Collection[str] | None) -> set[str] | None:
        """The languages whose folders hold every changed file; None if any other file changed."""
        if not changed:
            return None
        folder = language_folder(self.source.root, "x").parent
        languages = set()
        for path in changed:
            found = Path(path)
            if not found.is_relative_to(folder) or len(found.relative_to(folder).parts) < 2:
                return None
            languages.add(found.relative_to(folder).parts[0])
        return languages if languages <= set(self.translations) else None

    def finish(self, asked: Collection[str] = ()) -> QuickBuild:
        """One batch of one translation's stale pages: an translation with a page asked for first."""
        translations = [("", self.source), *((f"{lang}/", site) for lang, site in self.translations.items())]
        stale = [(prefix, site) for prefix, site in translations if site.stale_pages()]
        assert stale, "finish() is called while something is stale"
        first = [(p, s) for p, s in stale if self._own(asked, p) & s.stale_pages()]
        prefix, site = (first or stale)[0]
        return self._combined({prefix: site.finish(self._own(asked, prefix))})

    def stale_pages(self) -> frozenset[str]:
        found = set(self.source.stale_pages())
        for lang, site in self.translations.items():
            found |= {f"{lang}/{page}" for page in site.stale_pages()}
        return frozenset(found)

    def _own(self, pages: Collection[str], prefix: str) -> set[str]:
        """The pages of the translation at prefix ('' for the source), in its own site's names."""
        if prefix:
            return {page[len(prefix) :] for page in pages if page.startswith(prefix)}
        # A translation's language never names a source page (content/translations.py checks).
        others = tuple(f"{lang}/" for lang in self.translations)
        return {page for page in pages if not page.startswith(others)}

    def _site(self, language: str) -> QuickSite:
        return QuickSite(self.source.root, self.folder / "translations" / language)

    def _combined(self, results: dict[str, QuickBuild]) -> QuickBuild:
        """One QuickBuild in the server's names. An translation built from scratch counts as every
        one of its pages rebuilt, so the source's open pages do not reload for it."""
        built: set[str] = set()
        for prefix, result in results.items():
            if prefix and result.everything:
                built |= {prefix + page for page in self.translations[prefix.rstrip("/")].all_pages()}
            else:
                built |= {prefix + page for page in result.built}
        source = results.get("")
        guide = source.guide if source is not None else self.source.guide
        assert guide is not None
        seconds = sum(result.seconds for result in results.values())
        everything = source is not None and source.everything
        pages = None if source is not None and source.pages_built is None else len(built)
        return QuickBuild(guide, self.source.site_dir, seconds, pages, frozenset(built), self.stale_pages(), everything)
