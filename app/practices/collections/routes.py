"""Routes for collections of practices: list, create, read, add and remove, print and PDF."""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.decorators import coach_required
from app.extensions import db
from app.practices import queries as practice_queries
from app.practices.blueprint import bp
from app.practices.collections import export, queries, services
from app.practices.forms import AddToCollectionForm, CollectionForm
from app.practices.pages import render_page_or_fragment

INVALID = 422


@bp.get("/collections/")
@login_required
def collections_index():
    """Collections I may open: coaches see all, members those of their editions."""
    return render_template(
        "practices/collections.html", collections=queries.visible_collections(current_user)
    )


@bp.route("/collections/new", methods=["GET", "POST"])
@coach_required
def new_collection():
    """A coach starts a collection for an edition or for a session's materials."""
    form = CollectionForm(editions=queries.editions(), sessions=queries.sessions_of())
    if not form.is_submitted() and request.args.get("session", type=int):
        form.session_id.data = request.args.get("session", type=int)
        form.title.data = "Session materials"
    if form.validate_on_submit():
        try:
            collection = services.create_collection(
                current_user,
                edition_id=form.edition_id.data,
                session_id=form.session_id.data or None,
                title=form.title.data,
                description=form.description.data or "",
            )
        except ValueError as wrong:
            form.session_id.errors = [str(wrong)]
        else:
            db.session.commit()
            flash("The collection is created. Add practices from their pages.", "success")
            return redirect(url_for(".collection", collection_id=collection.id))
    return render_template(
        "practices/collection_form.html", form=form
    ), INVALID if form.errors else 200


@bp.get("/collections/<int:collection_id>")
@login_required
def collection(collection_id: int):
    """A collection's practices, in the curator's order."""
    found = queries.get_collection_or_404(collection_id, viewer=current_user)
    items = queries.visible_items(found, current_user)
    return render_template("practices/collection.html", collection=found, items=items)


@bp.get("/collections/<int:collection_id>/print")
@login_required
def print_collection(collection_id: int):
    """The collection as one printable page, every practice in full."""
    found = queries.get_collection_or_404(collection_id, viewer=current_user)
    items = queries.visible_items(found, current_user)
    return render_template(
        "practices/collection_print.html", collection=found, items=items, for_pdf=False
    )


@bp.get("/collections/<int:collection_id>/pdf")
@login_required
def collection_pdf(collection_id: int):
    """The printable page as a PDF download."""
    found = queries.get_collection_or_404(collection_id, viewer=current_user)
    items = queries.visible_items(found, current_user)
    html = render_template(
        "practices/collection_print.html", collection=found, items=items, for_pdf=True
    )
    response = make_response(export.pdf_of(html))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="collection-{found.id}.pdf"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.post("/<int:practice_id>/collect")
@coach_required
def collect(practice_id: int):
    """A coach adds the practice to a collection."""
    practice = practice_queries.get_practice_or_404(practice_id, viewer=current_user)
    form = AddToCollectionForm()
    target = queries.get_collection_or_404(form.collection_id.data or 0, viewer=current_user)
    if form.validate_on_submit():
        try:
            services.add_to_collection(target, practice, note=form.note.data or "")
            db.session.commit()
            flash(f"Added to “{target.title}”.", "success")
        except services.AlreadyInCollection as already:
            flash(str(already), "error")
    else:
        flash(" ".join(error for errors in form.errors.values() for error in errors), "error")
    return redirect(url_for(".detail", practice_id=practice.id))


@bp.post("/collections/<int:collection_id>/remove/<int:practice_id>")
@coach_required
def uncollect(collection_id: int, practice_id: int):
    """A coach takes a practice out of a collection."""
    found = queries.get_collection_or_404(collection_id, viewer=current_user)
    services.remove_from_collection(found, practice_id)
    db.session.commit()
    flash("Removed from the collection.", "success")
    return redirect(url_for(".collection", collection_id=found.id))


@bp.get("/sessions/<int:session_id>/materials")
@coach_required
def session_materials(session_id: int):
    """A coaching session's materials: the practices of its collection (the session page loads this)."""
    found = queries.session_collection(session_id)
    items = queries.visible_items(found, current_user) if found else []
    context = {"collection": found, "items": items, "session_id": session_id}
    return render_page_or_fragment("session_materials", **context)
