"""What the last successful build was asked for, kept beside its outputs.

`guidegen publish` reads it to tell whether build/ still matches the guide: it works out the
inputs' hash again for the same request and compares it with the manifest's. A failed build
never writes build/, so after a failed build of an edited guide the hashes differ too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

RECORD = ".guidegen-build.json"


@dataclass(frozen=True)
class BuildRecord:
    request: str  # BuildOptions.request() of the build
    outputs: tuple[str, ...]  # what it built: site, pdf, offline
    engine: str  # the website engine: mkdocs or zensical

    def write(self, out: Path) -> None:
        data = {"request": self.request, "outputs": list(self.outputs), "engine": self.engine}
        (out / RECORD).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, out: Path) -> BuildRecord | None:
        try:
            data = json.loads((out / RECORD).read_text(encoding="utf-8"))
            return cls(str(data["request"]), tuple(str(o) for o in data["outputs"]), str(data["engine"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
