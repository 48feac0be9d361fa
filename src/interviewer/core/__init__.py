"""The domain: no I/O, no web framework, no database."""
