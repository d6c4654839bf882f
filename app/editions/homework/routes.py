"""Routes for homework: the coach posts and gives feedback; participants submit and read the feedback."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.decorators import coach_required
from app.editions import queries as edition_queries
from app.editions.blueprint import bp
from app.editions.homework import queries, services
from app.editions.homework.forms import FeedbackForm, HomeworkForm, SubmissionForm
from app.extensions import db


@bp.get("/<int:edition_id>/homework")
@coach_required
def homework_index(edition_id: int):
    """The edition's assignments with how many participants submitted."""
    edition = edition_queries.get_edition_or_404(edition_id)
    return render_template(
        "editions/homework_index.html",
        edition=edition,
        homework_list=queries.homework_list(edition),
        participants=len(edition_queries.participants(edition)),
    )


@bp.route("/<int:edition_id>/homework/new", methods=["GET", "POST"])
@coach_required
def new_homework(edition_id: int):
    """Post an assignment with a due date."""
    edition = edition_queries.get_edition_or_404(edition_id)
    form = HomeworkForm()
    if form.validate_on_submit():
        homework = services.post_homework(
            edition,
            title=form.title.data,
            instructions=form.instructions.data,
            due_on=form.due_on.data,
        )
        db.session.commit()
        flash("Homework posted; participants were told.", "success")
        return redirect(url_for("editions.homework", homework_id=homework.id))
    return render_template("editions/homework_form.html", form=form, edition=edition)


@bp.get("/homework/<int:homework_id>")
@login_required
def homework(homework_id: int):
    """An assignment: coaches see every submission; a participant sees their own and its feedback."""
    item = queries.get_homework_or_404(homework_id, readable_by=current_user)
    mine = next((s for s in item.submissions if s.user_id == current_user.id), None)
    form = SubmissionForm(obj=mine)
    return render_template(
        "editions/homework.html", homework=item, mine=mine, form=form, feedback_form=FeedbackForm()
    )


@bp.post("/homework/<int:homework_id>/submit")
@login_required
def submit_homework(homework_id: int):
    """A participant submits (or updates) their answer."""
    item = queries.get_homework_or_404(homework_id, readable_by=current_user)
    member = edition_queries.membership(item.edition_id, current_user)
    if member is None or member.role != "participant":
        abort(403)
    form = SubmissionForm()
    if form.validate_on_submit():
        services.submit_homework(item, current_user, text=form.text.data, link=form.link.data)
        db.session.commit()
        flash("Your homework was submitted.", "success")
        return redirect(url_for("editions.homework", homework_id=item.id))
    mine = next((s for s in item.submissions if s.user_id == current_user.id), None)
    return render_template(
        "editions/homework.html", homework=item, mine=mine, form=form, feedback_form=FeedbackForm()
    ), 400


@bp.post("/submissions/<int:submission_id>/feedback")
@coach_required
def feedback(submission_id: int):
    """The coach's feedback on one submission."""
    submission = queries.get_submission_or_404(submission_id)
    form = FeedbackForm()
    if form.validate_on_submit():
        services.give_feedback(submission, feedback=form.feedback.data)
        db.session.commit()
        flash(f"Feedback sent to {submission.user.name}.", "success")
    else:
        flash("Feedback: write some feedback before sending.", "error")
    return redirect(
        url_for("editions.homework", homework_id=submission.homework_id)
        + f"#submission-{submission.id}"
    )
