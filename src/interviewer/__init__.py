"""Mock Interviewer: a self-hostable AI mock-interview platform."""

__version__ = "0.1.0"
