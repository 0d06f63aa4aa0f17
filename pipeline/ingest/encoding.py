"""Decode an export's bytes line by line, so one odd line cannot garble the whole file, and say what was done.

Excel and hand-edited exports mix encodings: a UTF-8 file gets one row pasted from a cp1252 file, or the other
way round. Decoding the whole file with one codec garbles every row of the other kind ("JÃ¤Ã¤skelÃ¤inen"), and
the pseudonymiser then misses the names with ä/ö. So:

1. a UTF-16/32 byte-order mark, or NULs that charset-normalizer recognises as UTF-16/32, decode the whole file;
2. otherwise every line is tried as UTF-8 first; a line that fails is decoded with the file's legacy encoding:
   cp1252 (Excel's) when the file has UTF-8 lines too, else the encoding charset-normalizer picks for the whole
   file among Western single-byte ones (cp1252, latin-1, ISO-8859-15, cp850, mac-roman); latin-1 when that fails;
3. UTF-8 read earlier as cp1252 and saved again ("Ã¤" for "ä") is repaired;
4. every line decoded differently from the file's main encoding, and every repair, is reported by line number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_LEGACY = ("cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman")
_WIDE = ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be")
# A Latin-1-supplement or general-punctuation lead read from UTF-8 bytes as cp1252, followed by continuation chars.
_CP1252_CONT = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a" \
               "\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE = re.compile(f"(?:[\u00c2\u00c3][{_CP1252_CONT}]|\u00e2[{_CP1252_CONT}]{{2}})+")


@dataclass
class DecodedText:
    """A decoded file: its text, main encoding, and the lines (1-based) that needed another codec or a repair."""

    text: str
    encoding: str
    other_lines: dict[int, str] = field(default_factory=dict)  # line -> encoding used for it
    repaired_lines: list[int] = field(default_factory=list)

    def line_notes(self) -> dict[int, str]:
        """Line number → the warning a person should see for it."""
        notes: dict[int, str] = {}
        for line, enc in self.other_lines.items():
            notes[line] = f"decoded as {enc} (the rest of the file is {self.encoding})"
        for line in self.repaired_lines:
            notes[line] = (notes[line] + "; " if line in notes else "") + \
                "garbled UTF-8 (read once as cp1252, e.g. 'Ã¤' for 'ä') repaired"
        return notes


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8-read-as-cp1252 sequences ("JÃ¤Ã¤" → "Jää"); only runs that re-decode as valid UTF-8 change."""
    changed = False

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        run = m.group(0)
        try:
            fixed = run.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return run
        changed = True
        return fixed

    if "\u00c3" not in text and "\u00c2" not in text and "\u00e2" not in text:
        return text, False
    return _MOJIBAKE.sub(fix, text), changed


def _guess_whole(data: bytes, candidates: tuple[str, ...]) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(candidates)).best()
    return best.encoding if best is not None else None


def _letter_share(data: bytes, encoding: str) -> float:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return -1.0
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return 1.0
    return sum(1 for ch in non_ascii if unicodedata.category(ch).startswith("L")) / len(non_ascii)


def guess_legacy(data: bytes) -> str:
    """The single-byte encoding of a file that is not UTF-8.

    charset-normalizer alone calls short Finnish cp1252 text mac-roman ("P‰iv‰m‰‰r‰"); the bytes of a Nordic
    text decode to letters (ä ö å) in the right codec and to symbols in the wrong ones, so the codecs whose
    non-ASCII characters are most often letters are kept, and among them cp1252 (Excel's) wins, then
    charset-normalizer's choice.
    """
    scores = {enc: _letter_share(data, enc) for enc in _LEGACY}
    top = max(scores.values())
    near = [enc for enc in _LEGACY if scores[enc] >= top - 0.01]
    if "cp1252" in near:
        return "cp1252"
    guess = _guess_whole(data, tuple(near))
    return guess if guess in near else near[0]


def _decode_legacy_line(line: bytes, encoding: str) -> tuple[str, str]:
    for enc in (encoding, "cp1252", "latin_1"):
        try:
            return line.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def decode_export(data: bytes) -> DecodedText:
    """Decode an export file's bytes (see the module docstring for the rules); never raises on odd bytes."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf_8"), (b"\xff\xfe\x00\x00", "utf_32"), (b"\x00\x00\xfe\xff", "utf_32"),
                     (b"\xff\xfe", "utf_16"), (b"\xfe\xff", "utf_16")):
        if data.startswith(bom) and enc != "utf_8":
            return DecodedText(data.decode(enc, errors="replace"), enc)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        wide = _guess_whole(data[:65536], _WIDE)
        if wide:
            try:
                return DecodedText(data.decode(wide), wide)
            except UnicodeDecodeError:
                pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        out = DecodedText(text, "utf-8")
        if _MOJIBAKE.search(text):
            lines = re.split(r"(?<=\n)", text)
            fixed = []
            for i, line in enumerate(lines, start=1):
                new, changed = repair_mojibake(line)
                if changed:
                    out.repaired_lines.append(i)
                fixed.append(new)
            out.text = "".join(fixed)
        return out

    lines = data.split(b"\n")
    utf8: list[str | None] = []
    non_ascii_utf8 = 0
    failing = []
    for line in lines:
        try:
            s = line.decode("utf-8")
            utf8.append(s)
            if not line.isascii():
                non_ascii_utf8 += 1
        except UnicodeDecodeError:
            utf8.append(None)
            failing.append(line)
    if non_ascii_utf8:
        legacy = "cp1252"
    else:
        legacy = guess_legacy(b"\n".join(failing)[:200_000])
    main = "utf-8" if non_ascii_utf8 >= len(failing) else legacy
    out = DecodedText("", main)
    parts = []
    for i, (raw, s) in enumerate(zip(lines, utf8), start=1):
        if s is None:
            s, enc = _decode_legacy_line(raw, legacy)
            if enc != main:
                out.other_lines[i] = enc
        elif not raw.isascii() and main != "utf-8":
            out.other_lines[i] = "utf-8"
        s, changed = repair_mojibake(s)
        if changed:
            out.repaired_lines.append(i)
        parts.append(s)
    out.text = "\n".join(parts)
    return out


def control_char_share(text: str, sample: int = 200_000) -> float:
    """Share of characters that never occur in a text table (control, unassigned, private use, U+FFFD)."""
    chunk = text[:sample]
    if not chunk:
        return 0.0
    bad = sum(1 for ch in chunk if (ch not in "\t\r\n" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
              or ch == "\ufffd")
    return bad / len(chunk)
