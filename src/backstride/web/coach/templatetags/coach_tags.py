"""Template filters for the coach pages."""

from django import template

register = template.Library()


@register.filter
def words(value: object) -> str:
    """'easy_only' -> 'easy only'; lists are joined with commas."""
    if isinstance(value, list | tuple):
        return ", ".join(str(v).replace("_", " ") for v in value)
    return str(value).replace("_", " ")
