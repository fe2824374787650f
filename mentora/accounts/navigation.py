"""Everyone signed in reaches their profile."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.navigation import NavItem


def nav_items(request: HttpRequest) -> list[NavItem]:
    return [NavItem(_("Profile"), reverse("profile"), 700)]
