"""The copy button: a real button that works on a phone, with the text inserted as data, never markup."""

from __future__ import annotations

import json
import re

from tests.reports.conftest import AWKWARD_NAME
from ui.downloads import copy_button_html, script_string

NASTY = AWKWARD_NAME + " </script><script>alert(1)</script> <!-- & \u2028 \"quoted\" `tick` ${x}"


def literal_in(page: str) -> str:
    return re.search(r"const text = (.*);\n", page).group(1)


def test_the_text_is_a_json_string_that_cannot_close_the_script():
    page = copy_button_html(NASTY, "Copy the note")
    assert page.count("</script>") == 1 and page.count("<script>") == 1
    assert "<!--" not in literal_in(page) and "&" not in literal_in(page)
    assert json.loads(literal_in(page)) == NASTY
    assert script_string("a<b>&c") == '"a\\u003cb\\u003e\\u0026c"'


def test_the_button_copies_with_the_clipboard_api_and_falls_back_to_selecting_text():
    page = copy_button_html("hello", "Copy the summary")
    assert '<button type="button" id="copy">Copy the summary</button>' in page
    assert "navigator.clipboard.writeText(text)" in page
    assert 'document.execCommand("copy")' in page and "setSelectionRange" in page


def test_results_and_plan_have_a_copy_button_for_the_summary_and_for_the_note(tmp_path, monkeypatch):
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    from tests.app.conftest import open_app
    from tests.app.test_downloads import shown_on
    from tests.conftest import profile

    for page in ("pages/2_Results.py", "pages/3_Plan.py"):
        at = open_app(page, answers=profile(), client_name="Acme </script>", **shown_on(page))
        frames = [node.proto.srcdoc for node in at.get("iframe")]
        copied = [json.loads(literal_in(frame)) for frame in frames]
        assert copied == [at.code[-2].value, at.code[-1].value]
        assert copied[0].startswith("Acme </script> is preparing")
