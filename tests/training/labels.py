"""Helpers for labelling letters by hand (see GUIDE.md beside this file).

    python tests/training/labels.py prelabel LETTER [LETTER…]   # write labels/<stem>.labels
    python tests/training/labels.py show labels/NAME.labels      # number, label, text
    python tests/training/labels.py check [labels/NAME.labels…]  # every file reads back

``prelabel`` writes the labels today's rules give (``rule_labels``), to be corrected by
reading every line; it never overwrites an existing label file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from compare.reading.labelfile import read_label_file, write_label_file
from compare.reading.labels import Label, rule_labels
from compare.reading.loading import load_document
from compare.reading.splitting import document_lines, split_document

HERE = Path(__file__).resolve().parent


def prelabel(source: Path) -> Path:
    target = HERE / "labels" / f"{source.stem}.labels"
    if target.exists():
        print(f"{target} exists; not overwritten", file=sys.stderr)
        return target
    document = load_document(source)
    lines = document_lines(document.text)
    labels: list[Label | None] = ["chrome" if line.strip() else None for line in lines]
    for part in split_document(document):
        for offset, label in enumerate(rule_labels(list(part.lines))):
            labels[part.first_line + offset] = label
    write_label_file(target, source, lines, labels)
    return target


def show(path: Path) -> None:
    labelled = read_label_file(path)
    for part in labelled.parts:
        print(f"===== part {part.part.part} (first line {part.part.first_line + 1})")
        for offset, (line, label) in enumerate(zip(part.part.lines, part.labels, strict=True)):
            number = part.part.first_line + offset + 1
            print(f"{number:5d}  {label or '':18s} {line}")


def main(argv: list[str]) -> int:
    command, *paths = argv
    if command == "prelabel":
        for name in paths:
            print(prelabel(Path(name)))
    elif command == "show":
        for name in paths:
            show(Path(name))
    elif command == "check":
        names = paths or sorted(str(p) for p in (HERE / "labels").glob("*.labels"))
        bad = 0
        for name in names:
            try:
                labelled = read_label_file(Path(name))
                print(f"ok  {name}: {sum(len(p.labels) for p in labelled.parts)} lines")
            except Exception as error:  # noqa: BLE001 - report every file
                bad += 1
                print(f"BAD {name}: {error}")
        return 1 if bad else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
