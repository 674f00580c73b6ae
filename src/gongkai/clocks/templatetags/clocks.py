from django import template

from ..explain import explain_line

register = template.Library()


@register.filter
def explain(line: str) -> str:
    """A "why this date" line in the reader's language (``clocks.explain``)."""
    return explain_line(str(line))
