"""Forms of the transfer area: upload a people CSV, then confirm its import."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, HiddenField
from wtforms.validators import DataRequired


class ImportUploadForm(FlaskForm):
    """The CSV file to preview."""

    file = FileField(
        "CSV file",
        validators=[
            FileRequired("Choose a CSV file to import."),
            FileAllowed(["csv", "txt"], "Upload a .csv file (save your spreadsheet as CSV first)."),
        ],
    )


class ImportConfirmForm(FlaskForm):
    """Which previewed upload to import, and whether to skip the rows with errors."""

    upload = HiddenField(
        validators=[DataRequired("The preview is missing; upload the file again.")]
    )
    valid_rows_only = BooleanField("Import the valid rows (skip the rows with errors)")
