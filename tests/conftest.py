"""Test-wide set-up: a throwaway data folder and the Django settings, before Django loads."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("BACKSTRIDE_DATA_DIR", tempfile.mkdtemp(prefix="backstride-test-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")

import django

django.setup()
