"""Uploads only for file ids this server handed out.

Streamlit stores whatever is PUT to `/_stcore/upload_file/<session>/<file id>` for any live session,
even under a file id it never issued, so one browser could park many files of
`server.maxUploadSize` each in the server's memory. The file uploader first asks the server for
upload URLs; `guard` records the ids handed out per session and refuses (HTTP 400) any other.
The record lives on Streamlit's own upload manager, beside the files it guards, and goes with
the session's files.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from starlette.exceptions import HTTPException
from streamlit import runtime

MARK = "_soc_navigator_issued_only"


def guard() -> None:
    """Make the running server's upload manager accept only file ids it issued (once per process)."""
    if not runtime.exists():
        return
    manager = runtime.get_instance().uploaded_file_mgr
    if manager is None or getattr(manager, MARK, False) or not hasattr(manager, "get_upload_urls"):
        return
    issued: dict[str, set[str]] = {}
    lock = threading.Lock()
    get_upload_urls, add_file = manager.get_upload_urls, manager.add_file
    remove_session_files = manager.remove_session_files

    def issuing(session_id: str, file_names: Sequence[str]) -> Any:
        infos = get_upload_urls(session_id, file_names)
        with lock:
            issued.setdefault(session_id, set()).update(info.file_id for info in infos)
        return infos

    def checked(session_id: str, file: Any) -> None:
        with lock:
            known = file.file_id in issued.get(session_id, ())
        if not known:
            raise HTTPException(status_code=400, detail="Unknown file id")
        add_file(session_id, file)

    def forgetting(session_id: str) -> None:
        with lock:
            issued.pop(session_id, None)
        remove_session_files(session_id)

    manager.get_upload_urls = issuing
    manager.add_file = checked
    manager.remove_session_files = forgetting
    setattr(manager, MARK, True)
