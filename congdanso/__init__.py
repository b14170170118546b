"""Công dân số: a province's digital-citizen platform (Django modular monolith)."""

__version__ = "0.1.0"
