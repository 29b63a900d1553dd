"""The JSON API under /api/v1 (DESIGN section 5), typed with Django Ninja."""
