"""`flask seed-demo` leaves the demo participant with introductions, notifications and vector rows to fill."""

from app.extensions import db
from app.models import Introduction, Notification, StoredVector, User


def test_seed_demo_adds_introductions_notifications_and_stale_vectors(app, runner):
    result = runner.invoke(args=["seed-demo", "--profiles", "30", "--challenges", "10"])
    assert result.exit_code == 0, result.output
    me = db.session.scalar(db.select(User).filter_by(email="participant@demo.eu"))
    statuses = sorted(i.status for i in db.session.scalars(db.select(Introduction)))
    assert statuses == ["accepted", "pending"]
    assert (
        db.session.scalar(db.select(db.func.count(Notification.id)).filter_by(user_id=me.id)) == 2
    )
    assert (
        db.session.scalar(db.select(db.func.count(StoredVector.id)).filter_by(stale=True))
        >= 30 * 3 + 10
    )
