"""Outputs are written whole (compare/files.py)."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from compare.files import write_text


def test_a_report_replaces_an_old_file_whole(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_given_as_the_output_is_written_to_not_replaced(tmp_path):
    pipe = tmp_path / "out.pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    write_text(pipe, "report text")
    reader.join(timeout=10)
    assert received == ["report text"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)  # still a pipe, not a file renamed over it
