"""Who took part in which edition: the public list of editions, an edition's members by role,
and adding people to an edition (app/editions/__init__.py imports routes.py, registering it).
"""
