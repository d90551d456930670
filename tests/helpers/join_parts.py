"""Small PDFs shaped like the booklet's laid-out parts, made with pikepdf in milliseconds, for the
join's unit tests: tagged as WeasyPrint tags them, with the package's regular face embedded."""

from __future__ import annotations

import io
from functools import cache

import pikepdf
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name

from generator.content.font_coverage import shipped_file

A5 = (419.5, 595.3)
FACE = "Atkinson-Hyperlegible-Next"


def tagged(*sizes: tuple[float, float]) -> pikepdf.Pdf:
    """One page per size; one Document at the structure tree's root, a parent tree, StructParents on each page."""
    pdf = pikepdf.new()
    for index, size in enumerate(sizes):
        pdf.add_blank_page(page_size=size)
        pdf.pages[index].obj.StructParents = index
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document))
    parents = pdf.make_indirect(Dictionary(Nums=Array()))
    tree = Dictionary(Type=Name.StructTreeRoot, K=Array([document]), ParentTree=parents)
    pdf.Root.StructTreeRoot = pdf.make_indirect(tree)
    return pdf


@cache
def truetype(weight: str = "400") -> bytes:
    """The shipped Latin face as the TrueType program a PDF embeds (FontFile2)."""
    font = TTFont(shipped_file("latin", weight, "normal", "woff"))
    font.flavor = None
    data = io.BytesIO()
    font.save(data)
    return data.getvalue()


def embedded_face(pdf: pikepdf.Pdf, name: str = FACE, weight: str = "400") -> Dictionary:
    """A font descriptor in pdf (indirect, as a part holds it) with the face's TrueType program,
    used by the first page if there is one (a font nothing uses is not saved)."""
    program = pikepdf.Stream(pdf, truetype(weight))
    face = Dictionary(Type=Name.FontDescriptor, FontName=Name(f"/ABCDEF+{name}"), ItalicAngle=0, FontFile2=program)
    face = pdf.make_indirect(face)
    if len(pdf.pages):
        font = Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=face.FontName, FontDescriptor=face)
        pdf.pages[0].obj.Resources = Dictionary(Font=Dictionary(F1=pdf.make_indirect(font)))
    return face


def saved(pdf: pikepdf.Pdf) -> bytes:
    data = io.BytesIO()
    pdf.save(data)
    return data.getvalue()
