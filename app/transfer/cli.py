"""`flask import-people FILE [--dry-run]`: the people import for files too large for the web form."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from tqdm import tqdm

from app.extensions import db
from app.transfer import services


def init_app(app: Flask) -> None:
    """Register the command."""
    app.cli.add_command(import_people_command)


@click.command("import-people")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help="Check every row and print the outcome; write nothing."
)
@click.option(
    "--valid-rows-only", is_flag=True, help="Import the valid rows even if others have errors."
)
@click.option(
    "--no-invite", is_flag=True, help="Do not email new people (e.g. when moving a community)."
)
def import_people_command(
    file: Path, dry_run: bool, valid_rows_only: bool, no_invite: bool
) -> None:
    """Import or update people from a CSV file (same columns and rules as Admin → Import people)."""
    try:
        data = file.read_bytes()
    except OSError as error:
        _fail(f"cannot read {file}: {error.strerror or error}")
    result = services.check_people_file(data)
    if result.problem:
        _fail(f"{file}: {result.problem}")
    for row in result.rows:
        for column, fix in row.errors:
            click.echo(f"row {row.line}, column '{column}': {fix}", err=True)
    counts = ", ".join(f"{result.count(o)} {o}" for o in ("new", "update", "unchanged", "error"))
    click.echo(f"{file}: {len(result.rows)} rows: {counts}.")
    if result.unknown_columns:
        click.echo(f"Ignored columns: {', '.join(result.unknown_columns)}.")
    if dry_run:
        click.echo("Dry run: nothing was written.")
        return
    if result.count("error") and not valid_rows_only:
        _fail("rows have errors, so nothing was imported; fix them or pass --valid-rows-only")
    to_import = services.valid_only(result)
    with tqdm(total=len(to_import.rows), unit="row", desc="Importing", file=sys.stderr) as bar:
        summary = services.import_people(
            to_import, invite=not no_invite, progress=lambda _: bar.update()
        )
    db.session.commit()
    click.echo(
        f"Imported: {summary.created} new ({summary.invited} invited), {summary.updated} updated, "
        f"{summary.skipped} left as they were."
    )


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)
