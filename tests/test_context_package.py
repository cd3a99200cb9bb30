"""compare.rendering.context: one module per report, every public name importable from the
package, each module imported only when one of its names is used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import compare.rendering.context as context

ROOT = Path(__file__).resolve().parent.parent


def test_every_public_name_resolves_to_its_module():
    assert set(context.__all__) == set(context._WHERE)
    for name, module in context._WHERE.items():
        value = getattr(context, name)
        assert getattr(sys.modules[f"compare.rendering.context.{module}"], name) is value


def test_an_unknown_name_is_an_attribute_error():
    try:
        context.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("an unknown name resolved")


def test_the_check_report_does_not_import_the_corpus_report():
    code = (
        "import sys, compare.checkview; "
        "print(sorted(m for m in sys.modules if m.startswith('compare.rendering.context.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "compare.rendering.context.check" in out
    assert "compare.rendering.context.corpus" not in out
    assert "compare.rendering.context.family" not in out
