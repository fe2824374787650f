from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.navigation import NavItem

from .permissions import can_manage_outgoing_mail


def nav_items(request: HttpRequest) -> list[NavItem]:
    """Outgoing e-mail, for system administrators."""
    if not can_manage_outgoing_mail(request.user):
        return []
    return [NavItem(_("Outgoing e-mail"), reverse("outgoing_mail"), 505)]
