"""Views of the transfer area: exports (CSV and JSON) and the people import (upload → preview → confirm)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.decorators import admin_required, coach_required
from app.editions.queries import get_edition_or_404
from app.extensions import db
from app.fragments import wants_fragment
from app.request_guards import accepts_files
from app.transfer import queries, services
from app.transfer.blueprint import bp
from app.transfer.forms import ImportConfirmForm, ImportUploadForm
from app.transfer.people_csv import columns_for, sample_csv
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


@dataclass(frozen=True)
class ImportTarget:
    """Who is imported and where the flow's pages are: people (admins) or an edition's applicants."""

    title: str
    back_label: str
    back_url: str
    endpoints: str  # the endpoint name prefix of the flow's views
    values: dict
    applicants: bool = False

    def url(self, step: str) -> str:
        """The URL of one step of the flow: page, sample, preview or confirm."""
        return url_for(f".{self.endpoints}{step}", **self.values)


def _people_target() -> ImportTarget:
    return ImportTarget("Import people", "Users", url_for("admin.users"), "import_people_", {})


def _applicants_target(edition) -> ImportTarget:
    return ImportTarget(
        f"Import applicants to {edition.name}",
        "Applications",
        url_for("editions.applications", edition_id=edition.id),
        "import_applicants_",
        {"edition_id": edition.id},
        applicants=True,
    )


@bp.get("/admin/import", endpoint="import_people_page")
@admin_required
def import_people():
    """The "Import people" page: the upload form, the columns, the sample."""
    return _import_page(_people_target(), ImportUploadForm())


@bp.get("/admin/import/sample.csv", endpoint="import_people_sample")
@admin_required
def import_sample():
    """A sample file with every column."""
    return _sample(applicants=False)


@bp.post("/admin/import/preview", endpoint="import_people_preview")
@admin_required
@accepts_files
def preview_import():
    """Check the file row by row and show what would happen; nothing is written."""
    return _preview(_people_target())


@bp.post("/admin/import/confirm", endpoint="import_people_confirm")
@admin_required
def confirm_import():
    """Import the previewed file: all rows, or only the valid ones when the admin chose so."""
    return _confirm(_people_target(), services.import_people)


@bp.get("/editions/<int:edition_id>/applicants/import", endpoint="import_applicants_page")
@coach_required
def import_applicants(edition_id: int):
    """The edition's "Import applicants" page (coaches): the same flow, with each application."""
    return _import_page(_applicants_target(get_edition_or_404(edition_id)), ImportUploadForm())


@bp.get(
    "/editions/<int:edition_id>/applicants/import/sample.csv", endpoint="import_applicants_sample"
)
@coach_required
def import_applicants_sample(edition_id: int):
    """A sample applicants file."""
    get_edition_or_404(edition_id)
    return _sample(applicants=True)


@bp.post(
    "/editions/<int:edition_id>/applicants/import/preview", endpoint="import_applicants_preview"
)
@coach_required
@accepts_files
def preview_applicants(edition_id: int):
    """Check an applicants file; nothing is written."""
    return _preview(_applicants_target(get_edition_or_404(edition_id)))


@bp.post(
    "/editions/<int:edition_id>/applicants/import/confirm", endpoint="import_applicants_confirm"
)
@coach_required
def confirm_applicants(edition_id: int):
    """Import the applicants and their applications."""
    edition = get_edition_or_404(edition_id)
    return _confirm(
        _applicants_target(edition),
        lambda result: services.import_applicants(result, edition),
    )


def _sample(*, applicants: bool):
    response = current_app.response_class(
        sample_csv(applicants=applicants), mimetype="text/csv; charset=utf-8"
    )
    name = "applicants-sample.csv" if applicants else "people-sample.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _preview(target: ImportTarget):
    form = ImportUploadForm()
    if not form.validate_on_submit():
        return _import_page(target, form, status=INVALID)
    limit = current_app.config["IMPORT_MAX_BYTES"]
    data = form.file.data.read(limit + 1)
    if len(data) > limit:
        form.file.errors.append(
            f"The file is larger than {limit // (1024 * 1024)} MB; split it into smaller files."
        )
        return _import_page(target, form, status=INVALID)
    result = services.check_people_file(data, applicants=target.applicants)
    if result.problem:
        form.file.errors.append(result.problem)
        return _import_page(target, form, status=INVALID)
    confirm = ImportConfirmForm(
        formdata=None, upload=services.keep_upload(data, owner=current_user)
    )
    return _import_page(target, form, result=result, confirm=confirm)


def _confirm(target: ImportTarget, run_import):
    form = ImportConfirmForm()
    try:
        data = services.load_upload(form.upload.data or "", owner=current_user)
    except services.UploadExpired:
        flash("That preview has expired or was already imported. Upload the file again.", "error")
        return redirect(target.url("page"))
    result = services.check_people_file(
        data, applicants=target.applicants
    )  # the community may have changed
    if result.count("error") and not form.valid_rows_only.data:
        confirm = ImportConfirmForm(formdata=None, upload=form.upload.data)
        message = (
            f"{result.count('error')} rows have errors, so nothing was imported. Fix them and "
            "upload again, or tick “Import the valid rows”."
        )
        return _import_page(
            target,
            ImportUploadForm(formdata=None),
            result=result,
            confirm=confirm,
            message=message,
            status=INVALID,
        )
    summary = run_import(services.valid_only(result))
    db.session.commit()
    services.forget_upload(form.upload.data)
    flash(
        f"Imported: {summary.created} new (each invited by email to choose a password), "
        f"{summary.updated} updated, {summary.skipped} left as they were.",
        "success",
    )
    return redirect(target.url("page"))


def _import_page(
    target: ImportTarget, form, *, result=None, confirm=None, message=None, status: int = 200
):
    template = "transfer/_import_preview.html" if wants_fragment() else "transfer/import.html"
    context = {
        "form": form,
        "result": result,
        "confirm": confirm,
        "message": message,
        "columns": columns_for(applicants=target.applicants),
        "target": target,
    }
    return render_template(template, **context), status


@bp.app_template_global()
def export_links(endpoint: str, **values) -> dict[str, str]:
    """CSV and JSON links for an export, keeping the page's current filters."""
    args = request.args.to_dict(flat=True)
    args.pop("page", None)
    return {fmt.upper(): url_for(endpoint, fmt=fmt, **values, **args) for fmt in ("csv", "json")}
