"""Every write of the feedback app. Import services from their modules (``services.submission`` etc.)."""
