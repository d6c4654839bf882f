"""Sessions and their breakout groups: sessions, keep-apart/together rules, the group builder.

routes.py    the views (sessions, rules, builder, publish, export, history, my groups)
forms.py     the session, rule and builder forms
services.py  writes the views call: sessions, rules, form / re-form / edit / publish groups
builder.py   forming and re-scoring rounds with matching/ (batches, locks, the coach's messages)
coaches.py   a suggested coach for each group (matching.coaches), and assigning it
queries.py   reads: load-or-404 helpers, rounds and batches, what the builder reads, CSV export
"""
