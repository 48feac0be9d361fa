"""AI providers behind one protocol; only this package imports the AI SDKs."""
