from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from mentora.core.exceptions import NotFound
from mentora.core.net import client_ip

from .services import digest_unsubscribe
from .unsubscribe import digest_unsubscribe_token_read


# A mail client's one-click POST carries no CSRF token or cookie; the signed link is the
# permission, and all it can do is turn e-mail off.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows which digest the link stops and a button (mail scanners open links: a GET
    changes nothing); POST, from that button or from the mail client (RFC 8058), stops it and
    lands on the notification preferences (which ask to sign in first)."""
    found = digest_unsubscribe_token_read(token)
    if found is None:
        raise NotFound()
    user, kind = found
    if request.method == "POST":
        digest_unsubscribe(user=user, kind=kind, ip=client_ip(request))
        if request.user.is_authenticated and request.user.pk == user.pk:
            messages.success(
                request, _("The digest was stopped: the kinds that came in it are no longer e-mailed.")
            )
        return redirect("notification_preferences")
    return render(request, "digests/unsubscribe.html", {"email": user.email, "kind": kind})
