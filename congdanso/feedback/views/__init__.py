"""Citizen and public pages of the feedback app (``/phan-anh/``): one module per group of pages."""
