"""`{% load pages %}`, then `<title>{% filter page_title %}{% block title %}{% endblock %}{% endfilter %}</title>`:
"Mina ansökningar · Mentora" when a page names itself, "Mentora" alone when it does not. (A
template cannot ask whether a block is empty; the filter sees what the block rendered.)"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

PRODUCT = "Mentora"


@register.filter(is_safe=True)
def page_title(rendered: str) -> SafeString:
    title = str(conditional_escape(rendered)).strip()  # what the block rendered is escaped already
    if not title:
        return SafeString(PRODUCT)
    return mark_safe(f"{title} · {PRODUCT}")  # noqa: S308 - escaped above
