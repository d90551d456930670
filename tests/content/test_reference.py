"""docs/content-format.md is generated from the models and must not drift from them."""

from __future__ import annotations

from generator.content import reference as docs


def test_content_format_doc_matches_the_models() -> None:
    written = docs.OUTPUT.read_text(encoding="utf-8")
    assert written == docs.render(), "run: .venv/bin/python -m generator.content.reference"


def test_every_field_of_every_model_is_documented() -> None:
    written = docs.OUTPUT.read_text(encoding="utf-8")
    for _, _, model in docs.SECTIONS:
        for name, info in model.model_fields.items():
            if name == "kind":
                continue
            assert f"| `{info.alias or name}` |" in written
            assert info.description, f"{model.__name__}.{name} needs a description for editors"
