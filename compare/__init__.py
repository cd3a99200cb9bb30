"""compare-letters: compare open letters and show how their wording and asks changed."""

__version__ = "0.1.0"
