"""Small guides written in Urdu, Arabic and Bengali, with fonts copied from Debian's fonts-noto-core
into the guide and declared under `fonts:` (the machine's own fonts never reach a PDF)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

MINIMAL = Path(__file__).resolve().parents[1] / "samples" / "minimal"
NOTO = Path("/usr/share/fonts/truetype/noto")  # Debian's fonts-noto-core (make system-deps installs it)


@dataclass(frozen=True)
class Words:
    """What a guide in one language says; rings centre first."""

    language: str
    font: str  # a file of fonts-noto-core that draws the script and gives its text back
    title: str
    aim: str
    instructions: str
    rings: tuple[str, str, str]
    steps: tuple[str, str]
    group_size: str
    page_title: str
    page_text: str
    skills: tuple[str, str]
    session: str  # a session's title
    welcome: str  # its first item


# One row a language: its code, a fonts-noto-core file that draws its script, then its words in
# Words' order (title, aim, instructions, rings, steps, group size, page title and text, skills,
# a session's title and its first item).
TABLE = (
    (
        "ur",
        "NotoNaskhArabic-Regular.ttf",
        "سب سے اہم کیا ہے؟",
        "طے کریں کہ گروپ کے لیے سب سے اہم کیا ہے۔",
        "ہر دائرے میں اپنی باتیں لکھیں۔",
        ("کمیونٹی اور خدمات", "دوست اور خاندان", "دوسرے لوگ"),
        ("کاغذ پر اپنی خوبیاں لکھیں۔", "ہر کاغذ کو ایک دائرے میں رکھیں۔"),
        "4 سے 10 افراد",
        "پہلا صفحہ",
        "اچھی بات سننا سب کو سنا ہوا محسوس کراتا ہے۔",
        ("سننا", "ہمدردی"),
        "پہلی ملاقات",
        "خوش آمدید",
    ),
    (
        "ar",
        "NotoNaskhArabic-Regular.ttf",
        "ما الأهم؟",
        "اتفقوا على ما هو الأهم في المجموعة.",
        "اكتبوا أفكاركم في كل دائرة.",
        ("المجتمع والخدمات", "الأصدقاء والعائلة", "الآخرون"),
        ("اكتبوا الصفات على أوراق لاصقة.", "ضعوا كل ورقة في دائرة."),
        "من 4 إلى 10 أشخاص",
        "الصفحة الأولى",
        "الإصغاء الجيد يجعل الجميع يشعرون بأنهم مسموعون.",
        ("الإصغاء", "التعاطف"),
        "اللقاء الأول",
        "الترحيب",
    ),
    (
        "bn",
        "NotoSansBengali-Regular.ttf",
        "সবচেয়ে জরুরি কী?",
        "দলের জন্য কী সবচেয়ে জরুরি তা ঠিক করুন।",
        "প্রতিটি বৃত্তে আপনার কথা লিখুন।",
        ("সমাজ ও সেবা", "বন্ধু ও পরিবার", "অন্য মানুষ"),
        ("কাগজে আপনার গুণ লিখুন।", "প্রতিটি কাগজ একটি বৃত্তে রাখুন।"),
        "৪ থেকে ১০ জন",
        "প্রথম পাতা",
        "ভালো করে শুনলে সবাই নিজেকে শোনা মনে করে।",
        ("শোনা", "সহমর্মিতা"),
        "প্রথম সভা",
        "স্বাগত",
    ),
)
URDU, ARABIC, BENGALI = (Words(*row) for row in TABLE)
GUIDES = {words.language: words for words in (URDU, ARABIC, BENGALI)}


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_guide(dest: Path, words: Words, *, fonts: tuple[str, ...] | None = None) -> Path:
    """The minimal sample rewritten in words' language; fonts (file names in fonts-noto-core)
    are copied in and declared, words.font when not given."""
    root = Path(shutil.copytree(MINIMAL, dest))
    content = root / "content"
    fonts = (words.font,) if fonts is None else fonts
    (content / "assets" / "fonts").mkdir(parents=True, exist_ok=True)
    for name in fonts:
        assert (NOTO / name).is_file(), f"install fonts-noto-core (make system-deps does): {name}"
        shutil.copyfile(NOTO / name, content / "assets" / "fonts" / name)
    declared = ", ".join(f"assets/fonts/{name}" for name in fonts)
    config = (root / "site_config.yml").read_text(encoding="utf-8")
    config = config.replace("language: en-GB\n", "")
    config += f"language: {words.language}\nsite_url: https://example.org/small/\n"
    config += f"fonts: [{declared}]\n" if fonts else ""
    (root / "site_config.yml").write_text(config, encoding="utf-8")
    rings = ", ".join(quoted(r) for r in words.rings)
    steps = "".join(f"  - {quoted(s)}\n" for s in words.steps)
    (content / "activities" / "circles.yml").write_text(
        f"id: circles\ntitle: {quoted(words.title)}\naim: {quoted(words.aim)}\nduration_minutes: 30\n"
        f"group_size: {quoted(words.group_size)}\nsteps:\n{steps}skills: [listening]\nnext: questions\n"
        f"handout:\n  kind: three-circles\n  instructions: {quoted(words.instructions)}\n  rings: [{rings}]\n",
        encoding="utf-8",
    )
    (content / "pages" / "first-page.md").write_text(
        f"---\ntitle: {quoted(words.page_title)}\norder: 1\n---\n{words.page_text}\n", encoding="utf-8"
    )
    skills = (root / "content" / "skills.yml").read_text(encoding="utf-8")
    skills = skills.replace("name: Listening", f"name: {quoted(words.skills[0])}")
    skills = skills.replace("name: Empathy", f"name: {quoted(words.skills[1])}")
    (content / "skills.yml").write_text(skills, encoding="utf-8")
    (content / "sessions").mkdir(exist_ok=True)
    (content / "sessions" / "evening.yml").write_text(
        f'id: evening\ntitle: {quoted(words.session)}\nstart: "18:30"\nitems:\n'
        f"  - item: {quoted(words.welcome)}\n    minutes: 15\n  - activity: circles\n",
        encoding="utf-8",
    )
    return root
