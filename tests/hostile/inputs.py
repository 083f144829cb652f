"""The hostile inputs, named, so each test reports which one failed.

TEXTS go wherever a person types (client name, notes, assessed by); ANSWERS are forged widget
values; FILES are import files. Expected outcomes: text is shown literally (after the documented
cleaning: control characters removed, reports/usertext.py and storage/cleaning.py), forged answers
and bad files are refused with a message.
"""

from __future__ import annotations

import json

from questions import default_bank
from storage.transfer import FORMAT
from tests.conftest import profile

TEXTS: dict[str, str] = {
    "markdown link": "[click me](https://evil.example/phish)",
    "markdown image": "![pixel](https://evil.example/track.png)",
    "reference link": "[x][1]\n\n[1]: https://evil.example",
    "bare https URL": "https://evil.example/login",
    "bare http URL": "http://evil.example",
    "upper-case URL": "HTTPS://EVIL.EXAMPLE",
    "www host": "www.evil.example",
    "e-mail address": "ceo@evil.example",
    "mailto": "mailto:ceo@evil.example",
    "angle autolink": "<https://evil.example>",
    "javascript URL": "[x](javascript:alert(1))",
    "HTML bold": "<b>bold</b>",
    "script tag": "<script>alert(1)</script>",
    "img onerror": "<img src=x onerror=alert(1)>",
    "iframe": "<iframe src=https://evil.example></iframe>",
    "HTML entity": "&lt;b&gt; &copy; &#x41;",
    "emphasis": "**bold** _italic_ ~~strike~~",
    "heading": "# Heading",
    "setext heading": "Acme\n===",
    "list": "- item\n1. item",
    "table": "| a | b |\n|---|---|",
    "code span": "`rm -rf /`",
    "code fence": "```\ncode\n```",
    "indented code": "    code",
    "material icon": ":material/home: Acme",
    "emoji shortcode": ":smile: :+1:",
    "colour directive": ":red[Danger] :blue-badge[x]",
    "maths": "$x^2$ and $$y$$",
    "spreadsheet formula": "=HYPERLINK(\"https://evil.example\",\"x\")",
    "formula plus": "+SUM(1,2)",
    "formula at": "@SUM(A1)",
    "formula minus": "-2+3",
    "DDE": "=cmd|' /C calc'!A0",
    "right-to-left override": "Acme\u202egnp.exe",
    "zero-width characters": "Ac\u200bme\u200d\ufeff",
    "NUL": "Acme\x00Ltd",
    "bell and escape": "Acme\x07\x1b[31mRed",
    "C1 control": "Acme\x85\x9bLtd",
    "carriage return": "Acme\rLtd",
    "tab": "Acme\tLtd",
    "emoji": "Acme 🚀 👩‍👩‍👧 🇫🇷",
    "right-to-left script": "شركة أكمي",
    "CJK": "株式会社アクメ",
    "combining marks": "Z̴̡a̸l̷g̶o̵",
    "backslashes": "C:\\path\\to\\file \\* \\[",
    "path traversal": "../../etc/passwd",
    "quotes": "O'Brien \"Acme\"",
    "100,000 characters": "A" * 100_000,
    "whitespace only": "   \t  ",
    "number as text": "12345",
    "newlines": "line one\nline two\n\nline four",
}

BANK = default_bank()
ANSWERS: dict[str, tuple[str, object]] = {
    "unknown option": ("b2b", "maybe"),
    "option of another question": ("b2b", "b2b_saas"),
    "empty string": ("b2b", ""),
    "100,000-character option": ("b2b", "y" * 100_000),
    "markdown link option": ("b2b", "[yes](https://evil.example)"),
    "image option": ("business_type", "![x](https://evil.example/t.png)"),
    "HTML option": ("business_type", "<script>alert(1)</script>"),
    "NUL option": ("b2b", "yes\x00"),
    "option with spaces": ("b2b", " yes "),
    "upper-case option": ("b2b", "YES"),
    "bool for an option": ("b2b", True),
    "number for an option": ("b2b", 1),
    "list for an option": ("b2b", ["yes"]),
    "dict for an option": ("b2b", {"yes": 1}),
    "number as text": ("headcount", "12"),
    "bool for a number": ("headcount", True),
    "float for a number": ("headcount", 12.5),
    "negative number": ("headcount", -5),
    "huge number": ("headcount", 10**400),
    "below the minimum": ("headcount", 0),
    "above the maximum": ("deadline_months", 999),
    "text for a number": ("deadline_months", "nine"),
    "unknown question": ("no_such_question", "yes"),
    "unknown question with markdown id": ("[x](https://evil.example)", "yes"),
    "readiness: unknown value": ("GOV-01", "definitely"),
}


def export(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {"format": FORMAT, "schema_version": 2, "bank_version": BANK.version,
                               "client_name": "Acme", "mode": "full", "notes": "", "answers": profile()}
    return {**base, **changes}


def encoded(document: object) -> bytes:
    return json.dumps(document).encode("utf-8")


FILES: dict[str, tuple[bytes, str]] = {
    "empty file": (b"", "not valid JSON"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00", "not text"),
    "UTF-16": ("{}".encode("utf-16"), "not text"),
    "not JSON": (b"<html>hello</html>", "not valid JSON"),
    "truncated": (encoded(export())[:-10], "not valid JSON"),
    "a list": (b"[]", "not a SOC Navigator assessment export"),
    "a string": (b'"hello"', "not a SOC Navigator assessment export"),
    "null": (b"null", "not a SOC Navigator assessment export"),
    "wrong format": (encoded(export(format="other")), "not a SOC Navigator assessment export"),
    "over 1 MB": (b" " * 1_000_001, "at most 1 MB"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "nests lists or objects far deeper"),
    "deep objects": (b'{"a":' * 5_000 + b"1" + b"}" * 5_000, "nests lists or objects far deeper"),
    "5,000-digit integer": (b'{"format": "soc-navigator/assessment", "x": ' + b"9" * 5000 + b"}",
                            "a number far larger"),
    "5,000-digit answer": (encoded(export())[:-2] + b', "headcount": ' + b"1" * 5000 + b"}}",
                           "a number far larger"),
    "NaN": (encoded(export())[:-2] + b', "headcount": NaN}}', "NaN"),
    "Infinity": (encoded(export())[:-2] + b', "headcount": Infinity}}', "Infinity"),
    "minus Infinity": (encoded(export())[:-2] + b', "headcount": -Infinity}}', "-Infinity"),
    "duplicate keys": (b'{"format": "soc-navigator/assessment", "format": "x"}', "appears twice"),
    "duplicate answers": (encoded(export())[:-2] + b', "b2b": "no"}}', "appears twice"),
    "lone surrogate in name": (encoded(export(client_name="Acme \ud800")), "lone surrogate"),
    "lone surrogate in notes": (encoded(export(notes="\udfff")), "lone surrogate"),
    "NUL in name": (encoded(export(client_name="Acme\x00")), "control character"),
    "escape in name": (encoded(export(client_name="Acme\x1b[2J")), "control character"),
    "NUL in notes": (encoded(export(notes="a\x00b")), "control character"),
    "name too long": (encoded(export(client_name="A" * 201)), "1 to 200 characters"),
    "notes too long": (encoded(export(notes="n" * 5001)), "at most 5,000 characters"),
    "name a number": (encoded(export(client_name=12)), "client name must be text"),
    "name a list": (encoded(export(client_name=["a"])), "client name must be text"),
    "mode a list": (encoded(export(mode=["full"])), "is not one of: quick, full"),
    "schema version bool": (encoded(export(schema_version=True)), "schema version"),
    "bool for a number": (encoded(export(answers=profile(headcount=True))), "expected a whole number"),
    "number as text": (encoded(export(answers=profile(headcount="20"))), "expected a whole number"),
    "float": (encoded(export(answers=profile(headcount=20.5))), "expected a whole number"),
    "bool for an option": (encoded(export(answers=profile(b2b=True))), "not one of the allowed answers"),
    "huge option": (encoded(export(answers=profile(b2b="y" * 100_000))), "not one of the allowed answers"),
    "markdown in an unknown id": (encoded(export(answers={"[x](https://evil.example)": "yes"})), "unknown question"),
    "50,000 unknown answers": (encoded(export(answers={f"q{n}": "yes" for n in range(50_000)})), "50,000 answers"),
    "answers a list": (encoded(export(answers=["yes"])), "no answers object"),
}
