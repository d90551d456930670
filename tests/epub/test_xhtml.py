"""Sanitised HTML as the XHTML an EPUB reader accepts (epub/xhtml.py)."""

from __future__ import annotations

from lxml import etree

from generator.epub.xhtml import images, to_xhtml


def test_html_becomes_well_formed_xml_without_dead_links_or_rel() -> None:
    html = 'Lead &amp; text<p>One<br>two</p><a href="#">nowhere</a> <a href="page.xhtml" rel="noopener">on</a>'
    xhtml = str(to_xhtml(html))
    assert xhtml == 'Lead &amp; text<p>One<br/>two</p>nowhere <a href="page.xhtml">on</a>'
    etree.fromstring(f"<div>{xhtml}</div>")  # parses as XML
    assert str(to_xhtml("  ")) == ""


def test_a_documents_content_images_are_listed() -> None:
    xhtml = str(to_xhtml('<p><img src="assets/rings.svg" alt="Rings"><img src="https://x.example/a.png" alt=""></p>'))
    assert images(xhtml) == ["assets/rings.svg"] and images("") == []
