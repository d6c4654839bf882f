"""Views of the transfer area: exports (CSV and JSON) and the people import (upload → preview → confirm)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.decorators import admin_required, coach_required
from app.editions.queries import get_edition_or_404
from app.extensions import db
from app.fragments import wants_fragment
from app.transfer import queries, services
from app.transfer.blueprint import bp
from app.transfer.forms import ImportConfirmForm, ImportUploadForm
from app.transfer.people_csv import COLUMNS, sample_csv
from app.transfer.spreadsheet import csv_download, json_download

INVALID = 422
EDITION_FILES = {
    "participants": queries.participant_rows,
    "applications": queries.application_rows,
    "groups": queries.group_rows,
}


def _download(name: str, fmt: str, header, rows):
    if fmt == "json":
        return json_download(f"{name}.json", header, rows)
    return csv_download(f"{name}.csv", header, rows)


@bp.get("/profiles/export.<any(csv, json):fmt>")
def export_directory(fmt: str):
    """The directory as filtered, with only the fields the viewer may see."""
    header, rows = queries.directory_rows(current_user, request.args)
    return _download("cluster-managers", fmt, header, rows)


@bp.get("/challenges/export.<any(csv, json):fmt>")
def export_challenges(fmt: str):
    """The challenge list as filtered, with the challenges the viewer may read."""
    header, rows = queries.challenge_rows(current_user, request.args)
    return _download("challenges", fmt, header, rows)


@bp.get(
    "/editions/<int:edition_id>/export/<any(participants, applications, groups):what>.<any(csv, json):fmt>"
)
@coach_required
def export_edition(edition_id: int, what: str, fmt: str):
    """An edition's participants, applications or breakout groups (coaches and admins)."""
    edition = get_edition_or_404(edition_id)
    header, rows = EDITION_FILES[what](edition)
    return _download(f"edition-{edition.id}-{what}", fmt, header, rows)


@bp.get("/admin/import")
@admin_required
def import_people():
    """The "Import people" page: the upload form, the columns, the sample."""
    return render_template("transfer/import.html", form=ImportUploadForm(), columns=COLUMNS)


@bp.get("/admin/import/sample.csv")
@admin_required
def import_sample():
    """A sample file with every column."""
    response = current_app.response_class(sample_csv(), mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="people-sample.csv"'
    return response


@bp.post("/admin/import/preview")
@admin_required
def preview_import():
    """Check the file row by row and show what would happen; nothing is written."""
    form = ImportUploadForm()
    if not form.validate_on_submit():
        return _import_page(form, status=INVALID)
    data = form.file.data.read(current_app.config["IMPORT_MAX_BYTES"] + 1)
    if len(data) > current_app.config["IMPORT_MAX_BYTES"]:
        limit = current_app.config["IMPORT_MAX_BYTES"] // (1024 * 1024)
        form.file.errors.append(f"The file is larger than {limit} MB; split it into smaller files.")
        return _import_page(form, status=INVALID)
    result = services.check_people_file(data)
    if result.problem:
        form.file.errors.append(result.problem)
        return _import_page(form, status=INVALID)
    confirm = ImportConfirmForm(
        formdata=None, upload=services.keep_upload(data, owner=current_user)
    )
    return _import_page(form, result=result, confirm=confirm)


@bp.post("/admin/import/confirm")
@admin_required
def confirm_import():
    """Import the previewed file: all rows, or only the valid ones when the admin chose so."""
    form = ImportConfirmForm()
    try:
        data = services.load_upload(form.upload.data or "", owner=current_user)
    except services.UploadExpired:
        flash("That preview has expired or was already imported. Upload the file again.", "error")
        return redirect(url_for(".import_people"))
    result = services.check_people_file(data)  # again: the community may have changed since
    if result.count("error") and not form.valid_rows_only.data:
        confirm = ImportConfirmForm(formdata=None, upload=form.upload.data)
        message = (
            f"{result.count('error')} rows have errors, so nothing was imported. Fix them and "
            "upload again, or tick “Import the valid rows”."
        )
        return _import_page(
            ImportUploadForm(formdata=None),
            result=result,
            confirm=confirm,
            message=message,
            status=INVALID,
        )
    summary = services.import_people(services.valid_only(result))
    db.session.commit()
    services.forget_upload(form.upload.data)
    flash(
        f"Imported: {summary.created} new (each invited by email to choose a password), "
        f"{summary.updated} updated, {summary.skipped} left as they were.",
        "success",
    )
    return redirect(url_for(".import_people"))


def _import_page(form, *, result=None, confirm=None, message=None, status: int = 200):
    template = "transfer/_import_preview.html" if wants_fragment() else "transfer/import.html"
    context = {
        "form": form,
        "result": result,
        "confirm": confirm,
        "message": message,
        "columns": COLUMNS,
    }
    return render_template(template, **context), status


@bp.app_template_global()
def export_links(endpoint: str, **values) -> dict[str, str]:
    """CSV and JSON links for an export, keeping the page's current filters."""
    args = request.args.to_dict(flat=True)
    args.pop("page", None)
    return {fmt.upper(): url_for(endpoint, fmt=fmt, **values, **args) for fmt in ("csv", "json")}
