"""Applications to an edition's call: apply, review, decide, and a diverse shortlist."""
