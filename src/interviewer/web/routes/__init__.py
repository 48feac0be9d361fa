"""Thin routers: parse, one call, return."""
