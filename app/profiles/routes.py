"""Routes of the profiles area: the peer directory, a profile's page, and editing one's own profile."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app import maps
from app.editions.members.queries import all_editions, editions_of
from app.extensions import db
from app.fragments import wants_fragment
from app.profiles import photos, queries
from app.profiles.blueprint import bp
from app.profiles.filters import DIRECTORY_ROLES, DirectoryFilters
from app.profiles.forms import (
    LABEL_NAMES,
    VISIBILITY_NAMES,
    PhotoForm,
    ProfileForm,
    RemovePhotoForm,
)
from app.profiles.services import remove_photo, set_photo, start_profile, update_profile
from app.request_guards import accepts_files
from app.uploads import size_label

MAX_PAGE = 10_000


@bp.get("/")
def directory():
    """The peer directory: filters, a count, a page of managers; htmx gets only the results.

    Visitors see it too, limited to community profiles' name, organisation, country and
    ecosystems, and their search looks only at names and organisations (see profiles.queries).
    """
    filters = DirectoryFilters.from_args(request.args)
    # Clamped: a silly page number in a hand-edited address must not overflow the database.
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    results = queries.search_directory(
        current_user, filters, page=page, per_page=current_app.config.get("PER_PAGE", 20)
    )
    editions = all_editions()
    context = {
        "results": results,
        "filters": filters,
        "active_filters": filters.described({edition.id: edition.name for edition in editions}),
        "editions": editions,
        "roles": DIRECTORY_ROLES,
    }
    if wants_fragment():
        response = current_app.make_response(render_template("profiles/_results.html", **context))
        # The pushed address lists only the filters that are set, so it reads well when shared.
        response.headers["HX-Push-Url"] = url_for(
            ".directory", **filters.as_args(), **_page_arg(page)
        )
    else:
        europe = maps.europe_map(maps.managers_per_country(current_user))
        grid = maps.ecosystem_country_grid(current_user)
        response = current_app.make_response(
            render_template("profiles/directory.html", europe=europe, grid=grid, **context)
        )
    response.vary.add("HX-Request")
    return response


def _page_arg(page: int) -> dict[str, int]:
    return {"page": page} if page > 1 else {}


@bp.get("/<int:profile_id>")
def detail(profile_id: int):
    """A manager's profile, as far as the viewer may see it (404 when not at all)."""
    profile = queries.get_profile_or_404(profile_id, viewer=current_user)
    details = queries.shows_details(current_user)
    return render_template(
        "profiles/detail.html",
        profile=profile,
        details=details,
        editions=editions_of(profile.user) if details else [],
        challenges=queries.challenges_shown_on_profile(profile, current_user),
        is_owner=current_user.is_authenticated and current_user.id == profile.user_id,
        label_names=LABEL_NAMES,
        visibility_names=VISIBILITY_NAMES,
    )


@bp.route("/me/edit", methods=["GET", "POST"])
@login_required
def edit():
    """Edit one's own profile (there is no id in the address: nobody can edit someone else's)."""
    profile = current_user.profile
    form = ProfileForm() if request.method == "POST" else ProfileForm.showing(profile)
    if form.validate_on_submit():
        profile = update_profile(profile or start_profile(current_user), **form.changes())
        db.session.commit()
        flash("Your profile is saved.", "success")
        return redirect(url_for(".detail", profile_id=profile.id))
    return _edit_page(form, PhotoForm(formdata=None), profile)


def _edit_page(form: ProfileForm, photo_form: PhotoForm, profile):
    """The edit page with its profile and photo forms; 422 when either holds errors."""
    status = 422 if form.errors or photo_form.errors else 200
    page = render_template(
        "profiles/edit.html",
        form=form,
        photo_form=photo_form,
        remove_photo_form=RemovePhotoForm(formdata=None),
        photo_max=size_label(photos.max_bytes()),
        profile=profile,
    )
    return page, status


@bp.post("/me/photo")
@login_required
@accepts_files
def upload_photo():
    """Upload a photo for one's own profile; a refused file is named at the field, the old photo stays."""
    profile = current_user.profile
    if profile is None:
        flash("Create your profile first, then add a photo.", "error")
        return redirect(url_for(".edit"))
    form = PhotoForm()
    if not form.validate_on_submit():
        return _edit_page(ProfileForm.showing(profile), form, profile)
    set_photo(profile, form.thumbnail)
    db.session.commit()
    flash("Your photo is saved.", "success")
    return redirect(url_for(".edit"))


@bp.post("/me/photo/delete")
@login_required
def delete_photo():
    """Remove one's own photo: the avatar shows the initials again."""
    profile = current_user.profile
    if not RemovePhotoForm().validate_on_submit():
        flash(
            "The page was out of date, so nothing was removed. Try “Remove photo” again.", "error"
        )
    elif profile is not None and profile.photo_name:
        remove_photo(profile)
        db.session.commit()
        flash("Your photo is removed; your initials show instead.", "success")
    return redirect(url_for(".edit"))


@bp.get("/<int:profile_id>/photo")
@login_required
def photo(profile_id: int):
    """A profile's photo, for logged-in people who may see the profile (404 otherwise)."""
    profile = queries.get_profile_or_404(profile_id, viewer=current_user)
    if (
        not profile.photo_name
        or not photos.uploads.path_of(profile.photo_name, folder=photos.FOLDER).exists()
    ):
        abort(404)
    response = photos.serve(profile)
    response.cache_control.private = True
    return response
