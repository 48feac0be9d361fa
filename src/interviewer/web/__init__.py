"""HTTP adapter: the only package that imports FastAPI."""
