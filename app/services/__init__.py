"""Services shared by several areas: the matching adapter and the background embedder."""
