"""The public API: every name of ``compare.__all__`` imports, cheaply."""

from __future__ import annotations

import subprocess
import sys

import pytest

import compare


@pytest.mark.parametrize("name", compare.__all__)
def test_every_public_name_resolves_to_its_module_object(name):
    value = getattr(compare, name)
    assert getattr(value, "__name__", name) == name
    assert value.__module__.startswith("compare.")


def test_all_lists_exactly_the_lazily_loaded_names():
    assert sorted(compare.__all__) == sorted(compare._WHERE)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        compare.no_such_thing  # noqa: B018


def test_importing_the_package_loads_no_heavy_dependency():
    code = (
        "import sys, compare; "
        "print(sorted(m for m in ('sklearn', 'weasyprint', 'scipy', 'numpy', 'jinja2') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
