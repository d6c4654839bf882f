"""Routes of the account area: what we hold about me, download my data, my time zone, delete my account."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, logout_user

from app.account.blueprint import bp
from app.account.export import export_user_data
from app.account.forms import DeleteAccountForm
from app.account.services import WrongPassword, delete_account, set_timezone
from app.extensions import db
from app.fragments import wants_fragment
from app.timezones import TimeZoneForm

INVALID = 422  # a form that failed validation is re-shown with this status


@bp.get("/account")
@login_required
def index():
    """What we hold about me, the download link, and the delete form."""
    return render_template(
        "account/account.html", form=DeleteAccountForm(), timezone_form=_timezone_form()
    )


def _timezone_form() -> TimeZoneForm:
    return TimeZoneForm(timezone=current_user.timezone or "")


@bp.post("/account/timezone")
@login_required
def timezone():
    """Save my time zone; htmx (and the browser's one-time default) gets the form fragment back."""
    form = TimeZoneForm()
    saved = form.validate_on_submit()
    if saved:
        set_timezone(current_user, name=form.timezone.data)
        db.session.commit()
    if wants_fragment():
        fragment = render_template("account/_timezone.html", timezone_form=form, saved=saved)
        # 200 either way, so htmx shows the error; the trigger tells the browser default it took.
        return fragment, 200, {"HX-Trigger": "timezone-saved"} if saved else {}
    if not saved:
        return render_template(
            "account/account.html", form=DeleteAccountForm(), timezone_form=form
        ), INVALID
    flash(f"Time zone saved: {current_user.timezone}.", "success")
    return redirect(url_for("account.index"))


@bp.get("/account/export.json")
@login_required
def export():
    """All my data as a JSON download."""
    body = json.dumps(export_user_data(current_user), indent=2, ensure_ascii=False)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=cluster-booster-my-data.json"},
    )


@bp.post("/account/delete")
@login_required
def delete():
    """Delete my account after password confirmation; my challenges and replies stay as "Former member"."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            delete_account(current_user._get_current_object(), password=form.password.data)
        except WrongPassword as wrong:
            form.password.errors.append(str(wrong))
        else:
            db.session.commit()
            logout_user()
            flash(
                "Your account is deleted. Your challenges and replies stay, signed “Former member”.",
                "success",
            )
            return redirect(url_for("main.index"))
    return render_template(
        "account/account.html", form=form, timezone_form=_timezone_form()
    ), INVALID
