"""Invitation pages. Managing (customer admins and system administrators): the Invitations tab,
invite, bulk invite, resend, cancel. Accepting (anyone holding a link): one page that explains
the invitee's situation and offers the one next step. Thin: parse, call a service, render."""

from datetime import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from mentora.accounts.forms import ProfileForm
from mentora.accounts.models import TermsVersion
from mentora.accounts.services import user_update_profile
from mentora.core.dates import format_date
from mentora.core.exceptions import Conflict, PermissionDenied
from mentora.core.forms import form_attempt
from mentora.core.net import client_ip
from mentora.core.redirects import redirect_next
from mentora.customers.access import access_customer_as_admin, customer_list_visible
from mentora.customers.http import ActorRequest
from mentora.customers.models import Customer
from mentora.customers.permissions import require
from mentora.notifications.forms import NotificationSettingsForm
from mentora.notifications.selectors import settings_for
from mentora.notifications.services import notification_settings_update

from . import selectors
from .access import access_invitation, invitation_for_token
from .forms import InvitationBulkForm, InvitationCreateForm, RegisterForm
from .models import DISPLAY_STATUS_LABELS, Invitation, InvitationStatus
from .services import (
    BulkOutcome,
    InvitationPending,
    invitation_accept,
    invitation_bulk_create,
    invitation_cancel,
    invitation_create,
    invitation_register_and_accept,
    invitation_resend,
)

PAGE_SIZE = 20
AUTH_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _status_filters() -> list[tuple[str, str]]:
    return [
        ("", _("Every status")),
        *((status, str(label)) for status, label in DISPLAY_STATUS_LABELS.items()),
    ]


# --- managing -------------------------------------------------------------------------------


@login_required
def invitation_list(request: ActorRequest, customer_id: int) -> HttpResponse:
    customer = access_customer_as_admin(actor=request.actor, customer_id=customer_id)
    status = request.GET.get("status", "")
    invitations = selectors.invitation_list_for_customer(customer=customer, status=status)
    return _list_response(request, invitations=invitations, customer=customer, status=status)


@login_required
def invitation_list_all(request: ActorRequest) -> HttpResponse:
    require(request.actor.is_system_admin)
    status = request.GET.get("status", "")
    customer_id = request.GET.get("customer", "")
    invitations = selectors.invitation_list_all(actor=request.actor, customer_id=customer_id, status=status)
    return _list_response(
        request,
        invitations=invitations,
        customer=None,
        status=status,
        customer_id=customer_id,
        customers=customer_list_visible(actor=request.actor).order_by("name"),
    )


def _list_response(
    request: ActorRequest,
    *,
    invitations: QuerySet[Invitation],
    customer: Customer | None,
    status: str,
    customer_id: str = "",
    customers: QuerySet[Customer] | None = None,
) -> HttpResponse:
    page = Paginator(invitations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {key: value for key, value in (("status", status), ("customer", customer_id)) if value}
    return render(
        request,
        "invitations/invitation_list.html",
        {
            "customer": customer,
            "customers": customers,
            "page": page,
            "invitations": page.object_list,
            "status": status,
            "customer_id": customer_id,
            "status_filters": _status_filters(),
            "query_string": urlencode(query),
            "active_tab": "invitations",
            "here": request.get_full_path(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_new(request: ActorRequest, customer_id: int) -> HttpResponse:
    customer = access_customer_as_admin(actor=request.actor, customer_id=customer_id)
    applications = selectors.applications_assignable(customer=customer)
    initial = {"email": request.GET.get("email", "")}
    form = InvitationCreateForm(request.POST or None, applications=applications, initial=initial)
    pending: Invitation | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            attempt = form_attempt(
                form,
                lambda: invitation_create(
                    actor=request.actor,
                    customer=customer,
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    message=data["message"],
                    lifetime_days=data["lifetime_days"],
                    applications=data.get("applications") or [],
                    ip=client_ip(request),
                ),
                let_through=(InvitationPending,),
            )
        except InvitationPending as error:
            # Not an error so much as a choice: the page offers to resend the pending one.
            pending = error.invitation
            attempt = None
        if attempt is not None and attempt.ok:
            sent = attempt.value
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link works until %(expires)s.")
                % {"email": sent.invitation.email, "expires": _format_datetime(sent.invitation.expires_at)},
            )
            return redirect("invitation_list", customer.pk)
    return render(
        request,
        "invitations/invitation_new.html",
        {
            "customer": customer,
            "form": form,
            "pending": pending,
            "list_url": reverse("invitation_list", args=[customer.pk]),
            "active_tab": "invitations",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_bulk(request: ActorRequest, customer_id: int) -> HttpResponse:
    customer = access_customer_as_admin(actor=request.actor, customer_id=customer_id)
    form = InvitationBulkForm(request.POST or None)
    lines = None
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: invitation_bulk_create(
                actor=request.actor,
                customer=customer,
                emails=form.cleaned_data["addresses"],
                message=form.cleaned_data["message"],
                lifetime_days=form.cleaned_data["lifetime_days"],
                ip=client_ip(request),
            ),
        )
        lines = attempt.value if attempt.ok else None
    counts: dict[str, int] = {}
    if lines is not None:
        for line in lines:
            counts[line.outcome] = counts.get(line.outcome, 0) + 1
    return render(
        request,
        "invitations/invitation_bulk.html",
        {
            "customer": customer,
            "form": form,
            "lines": lines,
            "counts": counts,
            "outcomes": BulkOutcome,
            "active_tab": "invitations",
        },
    )


@login_required
@require_POST
def invitation_resend_view(request: ActorRequest, invitation_id: int) -> HttpResponse:
    invitation = access_invitation(actor=request.actor, invitation_id=invitation_id)
    sent = invitation_resend(actor=request.actor, invitation=invitation, ip=client_ip(request))
    messages.success(
        request,
        _("A new link was sent to %(email)s; the old one no longer works. It expires %(expires)s.")
        % {"email": sent.invitation.email, "expires": _format_datetime(sent.invitation.expires_at)},
    )
    return _back(request, invitation)


@login_required
@require_POST
def invitation_cancel_view(request: ActorRequest, invitation_id: int) -> HttpResponse:
    invitation = access_invitation(actor=request.actor, invitation_id=invitation_id)
    invitation_cancel(actor=request.actor, invitation=invitation, ip=client_ip(request))
    # The row leaves a list filtered to pending invitations: the message links to where it is now.
    canceled_url = (
        f"{reverse('invitation_list', args=[invitation.customer_id])}?status={InvitationStatus.CANCELED}"
    )
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("The invitation to %(email)s was canceled; its link no longer works.")
            % {"email": invitation.email},
            canceled_url,
            _("Show the canceled invitations"),
        ),
    )
    return _back(request, invitation)


def _back(request: ActorRequest, invitation: Invitation) -> HttpResponse:
    return redirect_next(request, default=reverse("invitation_list", args=[invitation.customer_id]))


def _format_datetime(value: datetime) -> str:
    return format_date(value, "detail_datetime")


# --- accepting ------------------------------------------------------------------------------


def _load(request: ActorRequest, token: str) -> Invitation:
    """The invitation of the link; NotFound and RateLimited go to the one mapper (404, 429)."""
    return invitation_for_token(token=token, ip=client_ip(request))


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: ActorRequest, token: str) -> HttpResponse:
    """GET shows the invitation and the invitee's next step (never uses it up); POST accepts it
    for the signed-in invitee."""
    invitation = _load(request, token)
    if request.method == "GET" and _situation(request, invitation) == "already_mentor":
        # Nothing to accept (DESIGN.md 4.3): opening the link closes it, no button. Only the
        # signed-in addressee gets here, so a mail scanner's GET never closes anything.
        try:
            invitation_accept(invitation=invitation, user=request.user, ip=client_ip(request))
        except (Conflict, PermissionDenied):
            invitation.refresh_from_db()
        else:
            return _invitation_page(request, invitation, token, situation="already_mentor")
    if request.method == "POST" and request.user.is_authenticated:
        try:
            result = invitation_accept(invitation=invitation, user=request.user, ip=client_ip(request))
        except (Conflict, PermissionDenied):
            # Someone else acted first (or the state changed): show the page as it is now.
            invitation.refresh_from_db()
        else:
            return _accepted_redirect(request, result.invitation.customer, already=result.already_mentor)
    return _invitation_page(request, invitation, token)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_register_view(request: ActorRequest, token: str) -> HttpResponse:
    invitation = _load(request, token)
    if request.method == "GET" or request.user.is_authenticated:
        return redirect("invitation_accept", token)
    terms_version = TermsVersion.objects.current()
    form = RegisterForm(request.POST, invitation=invitation, terms_version=terms_version)
    if form.is_valid() and terms_version is not None:
        data = form.cleaned_data
        try:
            attempt = form_attempt(
                form,
                lambda: invitation_register_and_accept(
                    invitation=invitation,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    password=data["password1"],
                    language=data["language"],
                    terms_version=terms_version,
                    ip=client_ip(request),
                ),
                let_through=(Conflict,),
            )
        except Conflict as error:
            # The invitation changed meanwhile (used, canceled, resent): its page says how now.
            messages.error(request, error.message)
            return redirect("invitation_accept", token)
        if attempt.ok:
            result = attempt.value
            login(request, result.user, backend=AUTH_BACKEND)
            translation.activate(result.user.language)
            return _accepted_redirect(request, result.invitation.customer, already=False)
    return _invitation_page(request, invitation, token, register_form=form)


@never_cache
@require_POST
def invitation_switch_account_view(request: ActorRequest, token: str) -> HttpResponse:
    """Sign out whoever is signed in and show the invitation again, for its own addressee."""
    _load(request, token)  # an unknown link answers 404 before anyone is signed out
    logout(request)
    return redirect("invitation_accept", token)


def _accepted_redirect(request: ActorRequest, customer: Customer, *, already: bool) -> HttpResponse:
    if already:
        messages.info(
            request,
            _("You already are a mentor of %(customer)s; the invitation is now closed.")
            % {"customer": customer.name},
        )
        return redirect("home")
    messages.success(
        request, _("Welcome! You are now a mentor of %(customer)s.") % {"customer": customer.name}
    )
    return redirect("invitation_setup")


def _invitation_page(
    request: ActorRequest,
    invitation: Invitation,
    token: str,
    register_form: RegisterForm | None = None,
    situation: str = "",
) -> HttpResponse:
    user = request.user
    situation = situation or _situation(request, invitation)
    context: dict[str, object] = {
        "invitation": invitation,
        "customer": invitation.customer,
        "situation": situation,
        "token": token,
        "accept_url": reverse("invitation_accept", args=[token]),
    }
    if situation in ("expired", "canceled", "used"):
        context["admins"] = selectors.customer_admins_to_ask(invitation=invitation)
    elif situation == "register":
        terms_version = TermsVersion.objects.current()
        context["form"] = register_form or RegisterForm(invitation=invitation, terms_version=terms_version)
        context["terms_version"] = terms_version
    elif situation == "mismatch":
        context["signed_in_email"] = user.email
    status = 200
    if register_form is not None and register_form.errors:
        status = 400
    return render(request, "invitations/accept.html", context, status=status)


def _situation(request: ActorRequest, invitation: Invitation) -> str:
    user = request.user
    if invitation.status == InvitationStatus.ACCEPTED:
        if user.is_authenticated and invitation.accepted_by_id == user.pk:
            return "accepted_by_you"
        return "used"
    if invitation.status == InvitationStatus.CANCELED:
        return "canceled"
    if invitation.is_expired:
        return "expired"
    if not user.is_authenticated:
        return "sign_in" if selectors.user_with_email(invitation.email) else "register"
    if user.email != invitation.email:
        return "mismatch"
    if selectors.is_mentor_of(user=user, customer=invitation.customer):
        return "already_mentor"
    return "accept"


# --- after accepting ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invitation_setup(request: ActorRequest) -> HttpResponse:
    """The short setup step after accepting: confirm profile details and notification settings."""
    user = request.user
    data = request.POST or None
    profile_form = ProfileForm(
        data,
        instance=user,
        prefix="profile",
        suggested_zones=[customer.time_zone for customer in request.actor.customers],
    )
    notify_form = NotificationSettingsForm(data, current=settings_for(user), prefix="notify")
    if request.method == "POST":
        # ProfileForm is a ModelForm: validating it already changes `user` in memory, so check
        # both before saving either.
        profile_valid = profile_form.is_valid()
        notify_valid = notify_form.is_valid()
        if profile_valid and notify_valid:
            ip = client_ip(request)
            user_update_profile(user=user, data=profile_form.cleaned_data, ip=ip)
            notification_settings_update(user=user, choices=notify_form.choices(), ip=ip)
            translation.activate(user.language)
            messages.success(request, _("Your details were saved. You are all set."))
            return redirect("home")
        user.refresh_from_db()
    return render(
        request, "invitations/setup.html", {"profile_form": profile_form, "notify_form": notify_form}
    )
