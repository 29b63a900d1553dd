from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "backstride.web.coach"
    label = "coach"
    default_auto_field = "django.db.models.BigAutoField"
