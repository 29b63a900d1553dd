"""The WSGI application the production server runs."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")
application = get_wsgi_application()
