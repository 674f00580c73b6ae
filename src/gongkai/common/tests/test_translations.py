"""Every English catalogue is complete, and every committed ``.mo`` says what its ``.po`` says.

The catalogues are read with a small parser of the PO format (no gettext tools, no polib), so
the test runs wherever the test suite runs.
"""

from __future__ import annotations

import ast
import gettext
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE_DIR.glob("**/locale/*/LC_MESSAGES/django.po"))


@dataclass
class Entry:
    """One message of a catalogue; ``msgstr`` holds one string per plural form."""

    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def parse_po(path: Path) -> list[Entry]:
    """Parse a PO file into its entries (the header, msgid "", included)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    flags: set[str] = set()
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, flags, target
        if entry is not None:
            entries.append(entry)
        entry, flags, target = None, set(), None

    for number, raw in enumerate(
        path.read_text(encoding="utf-8").splitlines(), start=1
    ):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            continue
        if line.startswith("#,"):
            if entry is not None and target is not None and target[0] == "msgstr":
                finish()
            flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if entry is None or target is None:
                raise ValueError(f"{path}:{number}: string outside an entry")
            text = ast.literal_eval(line)
        else:
            text = ast.literal_eval(rest.strip())
            if keyword in ("msgctxt", "msgid") and (
                entry is None or (target is not None and target[0] == "msgstr")
            ):
                finish_flags = flags
                finish()
                entry = Entry(line=number, flags=finish_flags, obsolete=obsolete)
                flags = set()
            if entry is None:
                raise ValueError(f"{path}:{number}: {keyword} outside an entry")
            if keyword.startswith("msgstr["):
                target = ("msgstr", int(keyword[7:-1]))
                entry.msgstr[target[1]] = ""
            elif keyword == "msgstr":
                target = ("msgstr", 0)
                entry.msgstr[0] = ""
            elif keyword in ("msgctxt", "msgid", "msgid_plural"):
                target = (keyword, 0)
                setattr(entry, keyword, "")
            else:
                raise ValueError(f"{path}:{number}: unknown keyword {keyword!r}")
        kind, index = target
        if kind == "msgstr":
            entry.msgstr[index] += text
        else:
            setattr(entry, kind, (getattr(entry, kind) or "") + text)
    finish()
    return entries


def live(path: Path) -> list[Entry]:
    """The entries a catalogue offers: not the header, not obsolete (#~) ones."""
    return [entry for entry in parse_po(path) if entry.msgid and not entry.obsolete]


def test_there_are_catalogues() -> None:
    assert len(CATALOGUES) >= 10
    assert PACKAGE_DIR / "locale/en/LC_MESSAGES/django.po" in CATALOGUES


def test_parser_reads_context_plurals_flags_and_obsolete_entries(
    tmp_path: Path,
) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#, fuzzy\nmsgid "旧"\nmsgstr "Old"\n\n'
        'msgctxt "月份"\nmsgid "五月"\nmsgstr ""\n\n'
        'msgid "%(n)s 条"\nmsgid_plural "%(n)s 条"\nmsgstr[0] "%(n)s item"\nmsgstr[1] ""\n\n'
        '#, python-format\nmsgid ""\n"第"\n"一"\nmsgstr "First"\n\n'
        '#~ msgid "废"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    entries = parse_po(po)
    assert [
        (e.msgid, e.translated, "fuzzy" in e.flags, e.obsolete) for e in entries
    ] == [
        ("", True, False, False),
        ("旧", True, True, False),
        ("五月", False, False, False),
        ("%(n)s 条", False, False, False),
        ("第一", True, False, False),
        ("废", False, False, True),
    ]
    assert entries[2].key == "月份\x04五月"
    assert entries[4].flags == {"python-format"}
    assert [e.msgid for e in live(po)] == ["旧", "五月", "%(n)s 条", "第一"]


@pytest.mark.parametrize(
    "po", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE_DIR))
)
def test_catalogue_is_complete(po: Path) -> None:
    problems = [
        f"{po.name}:{entry.line}: {'fuzzy' if 'fuzzy' in entry.flags else 'untranslated'}: "
        f"{entry.msgid!r}"
        for entry in live(po)
        if "fuzzy" in entry.flags or not entry.translated
    ]
    assert not problems, "\n".join(problems)


def stale_messages(po: Path, mo: Path) -> list[str]:
    """The msgids whose translation in ``po`` is not what the compiled ``mo`` gives."""
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    # GNUTranslations keeps its messages in _catalog: {msgid: str, (msgid, n): str}.
    messages = compiled._catalog  # type: ignore[attr-defined]
    stale = []
    for entry in live(po):
        if "fuzzy" in entry.flags or not entry.translated:
            continue
        if entry.msgid_plural is None:
            if messages.get(entry.key) != entry.msgstr[0]:
                stale.append(entry.msgid)
        elif any(
            messages.get((entry.key, n)) != text for n, text in entry.msgstr.items()
        ):
            stale.append(entry.msgid)
    return stale


def test_a_catalogue_compiled_from_another_source_is_stale() -> None:
    project = PACKAGE_DIR / "locale/en/LC_MESSAGES/django.po"
    foi = PACKAGE_DIR / "foi/locale/en/LC_MESSAGES/django.mo"
    assert stale_messages(project, foi)


@pytest.mark.parametrize(
    "po", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE_DIR))
)
def test_compiled_catalogue_matches_its_source(po: Path) -> None:
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: compile the catalogue"
    stale = stale_messages(po, mo)
    assert not stale, f"{mo} is older than {po.name}: " + ", ".join(map(repr, stale))
