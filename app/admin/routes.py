"""Routes of the admin area: manage users (role, deactivation) and read the outbox."""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from app.admin import queries, services
from app.admin.blueprint import bp
from app.admin.forms import RoleForm, UserFilterForm
from app.auth.redirects import safe_local_path
from app.decorators import admin_required
from app.extensions import db
from app.fragments import wants_fragment


@bp.get("/")
@admin_required
def users():
    """Every account, searchable by name, email and organisation, filterable by role and status."""
    form = UserFilterForm(formdata=request.args)
    form.validate()  # shows what was wrong; unknown filter values are ignored by the query
    page = queries.search_users(
        text=(form.q.data or "")[:100],
        role=form.role.data or "",
        active=form.active.data or "",
        page=request.args.get("page", 1, type=int),
    )
    template = "admin/_users_table.html" if wants_fragment() else "admin/users.html"
    response = make_response(
        render_template(template, form=form, page=page, next_url=request.full_path.rstrip("?"))
    )
    response.vary.add("HX-Request")  # caches must not hand the fragment to a full-page visit
    return response


@bp.post("/users/<int:user_id>/role")
@admin_required
def change_role(user_id: int):
    """Change one user's role; htmx gets the updated row, a plain form a redirect back."""
    user = queries.get_user_or_404(user_id)
    form = RoleForm()
    if not form.validate():
        return row_response(
            user, " ".join(form.role.errors) or "Reload the page and try again.", "error"
        )
    try:
        services.change_role(current_user, user, role=form.role.data)
    except services.AdminActionRefused as refusal:
        return row_response(user, str(refusal), "error")
    db.session.commit()
    return row_response(user, f"{user.name} is now {user.role}.", "success")


@bp.post("/users/<int:user_id>/deactivate")
@admin_required
def deactivate(user_id: int):
    """Deactivate an account: the person can no longer log in; their content stays."""
    user = queries.get_user_or_404(user_id)
    try:
        services.deactivate_user(current_user, user)
    except services.AdminActionRefused as refusal:
        return row_response(user, str(refusal), "error")
    db.session.commit()
    return row_response(user, f"{user.name} has been deactivated.", "success")


@bp.post("/users/<int:user_id>/reactivate")
@admin_required
def reactivate(user_id: int):
    """Let a deactivated account log in again."""
    user = queries.get_user_or_404(user_id)
    services.reactivate_user(user)
    db.session.commit()
    return row_response(user, f"{user.name} can log in again.", "success")


@bp.get("/outbox")
@admin_required
def outbox():
    """Every email the site sent or kept, newest first: how reset links are read without a mail server."""
    page = queries.outbox_page(page=request.args.get("page", 1, type=int))
    return render_template("admin/outbox.html", page=page)


def row_response(user, message: str, category: str):
    """The user's table row with a message for htmx; otherwise a flash and a redirect to the list."""
    next_url = safe_local_path(request.form.get("next")) or url_for("admin.users")
    if wants_fragment():
        return render_template(
            "admin/_user_row.html", user=user, message=message, category=category, next_url=next_url
        )
    flash(message, category)
    return redirect(next_url)
