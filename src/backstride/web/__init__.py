"""The web app: Django pages for runners and the JSON API, storing facts and calling core."""
