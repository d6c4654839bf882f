"""A practice's version history: read every saved version, compare any two (or one with the
practice as it is now) field by field, and restore an earlier one as a new version.

routes.py (views), queries.py (reads and the comparison), services.py (restoring).
"""
