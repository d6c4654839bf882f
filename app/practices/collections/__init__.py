"""Collections of practices: coaches curate them per Academy edition or per session, members
read them, and each exports as a printable page and a PDF (WeasyPrint, from the same HTML).

routes.py (views), queries.py (reads, load-or-404), services.py (writes), export.py (the PDF).
"""
