"""Offline graders: deterministic, no network, no model."""
