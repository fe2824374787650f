import re

from django import template
from django.utils.translation import gettext as _

register = template.Library()

# Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari".
BROWSERS = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
SYSTEMS = [
    (r"iPhone|iPad", "iOS"),
    (r"Android", "Android"),
    (r"Windows", "Windows"),
    (r"Mac OS X|Macintosh", "macOS"),
    (r"CrOS", "ChromeOS"),
    (r"Linux", "Linux"),
]


@register.filter
def device(user_agent: str) -> str:
    """A person-readable "Firefox on Windows" from a browser's User-Agent header."""
    browser = next((name for marker, name in BROWSERS if marker in user_agent), "")
    system = next((name for pattern, name in SYSTEMS if re.search(pattern, user_agent)), "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("Unknown device")
