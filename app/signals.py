"""Signals that let one area react to another without importing it.

Profiles and challenges send these after a change has been flushed; the peers area listens to
mark vectors stale, queue embedding and notify people. Receivers run inside the same request
and must only flush, never commit: the request commits once.
"""

from blinker import Namespace

signals = Namespace()

#: sender=the Profile, after it was created or edited. kwargs: changed_text (bool)
profile_saved = signals.signal("profile-saved")
#: sender=the Challenge, after it was posted or edited. kwargs: created (bool), changed_text (bool)
challenge_saved = signals.signal("challenge-saved")
#: sender=the Reply, after a reply was added to a challenge.
reply_posted = signals.signal("reply-posted")
#: sender=the Reply, after the challenge's author marked it helpful.
reply_marked_helpful = signals.signal("reply-marked-helpful")
#: sender=the Challenge, after its author marked it solved.
challenge_solved = signals.signal("challenge-solved")
#: sender=the User, after an admin deactivated the account.
user_deactivated = signals.signal("user-deactivated")
#: sender=the Edition, after a user joined it. kwargs: user, role
edition_member_added = signals.signal("edition-member-added")
#: sender=the Flask app, after `flask seed-demo` wrote the base community. kwargs: rng (random.Random)
demo_seeded = signals.signal("demo-seeded")
