"""Cells a spreadsheet would take for a formula get a leading apostrophe (case 12)."""

import pytest

from app.csv_safe import csv_text, escape_cell


@pytest.mark.parametrize("value", ["=1+1", "+31 20 555", "-2", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_starts_are_escaped(value):
    assert escape_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Ana Novak", "", "a=b", 3, None, "'quoted"])
def test_other_values_are_left_alone(value):
    assert escape_cell(value) == value


def test_the_whole_document_is_escaped_header_included():
    assert csv_text(["=h"], [["=x", 1]]).splitlines() == ["'=h", "'=x,1"]
