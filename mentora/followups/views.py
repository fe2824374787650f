"""Follow-up pages: the list (with grouped search), a thread, starting a thread, and the comment
actions. Thin: parse, load through access functions, call a selector or service, render."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentora.applications.access import access_application
from mentora.core.dates import format_date
from mentora.core.forms import form_attempt
from mentora.core.links import id_link
from mentora.core.net import client_ip
from mentora.core.pagination import page_of
from mentora.core.text import excerpt
from mentora.customers.http import ActorRequest
from mentora.customers.permissions import require

from . import permissions
from .access import access_comment, access_followup
from .forms import CommentForm, FollowUpCreateForm, FollowUpFilterForm
from .models import Comment, FollowUp
from .selectors import (
    SEARCH_MIN_LENGTH,
    FollowUpFilters,
    comment_list_for_followup,
    followup_assignable_mentors,
    followup_detail,
    followup_filter_choices,
    followup_linkable_attendees,
    followup_list,
    followup_search,
    followup_seen_at,
    followups_decorate,
    unread_label,
)
from .services import (
    comment_create,
    comment_delete,
    comment_pin_set,
    comment_update,
    followup_create,
    followup_mark_seen,
)

PAGE_SIZE = 20


@login_required
@require_GET
def followup_list_view(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    customers, applications = followup_filter_choices(actor=actor)
    form = FollowUpFilterForm(request.GET or None, customers=customers, applications=applications)
    cleaned = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = FollowUpFilters(
        customer_id=cleaned.get("customer"),
        application_id=cleaned.get("application"),
        unread_only=bool(cleaned.get("unread")),
    )
    q = (cleaned.get("q") or "").strip()
    context: dict[str, object] = {
        "form": form,
        "q": q,
        "search_too_short": 0 < len(q) < SEARCH_MIN_LENGTH,
        "search_min_length": SEARCH_MIN_LENGTH,
        "show_customer": len(customers) > 1,
        "has_any": bool(applications),
        "filtered": bool(filters.customer_id or filters.application_id or filters.unread_only),
    }
    if len(q) >= SEARCH_MIN_LENGTH:
        groups = followup_search(actor=actor, q=q, filters=filters)
        _with_card_text([followup for group in groups for followup in group.followups])
        context["groups"] = groups
    else:
        page = page_of(followup_list(actor=actor, filters=filters), PAGE_SIZE, request.GET.get("page"))
        page.object_list = _with_card_text(followups_decorate(list(page.object_list)))
        params = {
            "customer": filters.customer_id or "",
            "application": filters.application_id or "",
            "unread": "on" if filters.unread_only else "",
        }
        context["page"] = page
        context["query_string"] = urlencode({k: v for k, v in params.items() if v})
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "followups/_partials/followup_results.html", context)
    else:
        response = render(request, "followups/followup_list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@dataclass(frozen=True)
class CardText:
    """What a follow-up card writes that its template would work out with a tag or filter once a
    card: its link (one reverse() a page), its unread badge and its last comment's excerpt and
    times."""

    url: str
    unread: str  # "3 unread", the template's message; "" for none
    excerpt: str  # the last comment's first 140 characters; "" for none
    comment_at: str  # its time as ISO 8601, for <time datetime>
    comment_when: str  # its time as lists read it


def _with_card_text(followups: list[FollowUp]) -> list[FollowUp]:
    link = id_link("followup_detail")
    for followup in followups:
        unread: int = followup.unread_count  # type: ignore[attr-defined]  # annotated by with_unread
        comment: Comment | None = followup.last_comment  # type: ignore[attr-defined]  # by followups_decorate
        followup.card = CardText(  # type: ignore[attr-defined]  # for the card's template
            url=link(followup.pk),
            unread=unread_label(unread) if unread else "",
            excerpt=excerpt(comment.body, 140) if comment else "",
            comment_at=timezone.localtime(comment.created_at).isoformat() if comment else "",
            comment_when=format_date(comment.created_at, "list_datetime") if comment else "",
        )
    return followups


@login_required
@require_http_methods(["GET", "POST"])
def followup_create_view(request: ActorRequest, application_id: int) -> HttpResponse:
    actor = request.actor
    application = access_application(actor=actor, application_id=application_id)
    require(permissions.can_create_followup(actor, application))
    attendees = followup_linkable_attendees(application=application)
    mentors = followup_assignable_mentors(application=application)
    form = FollowUpCreateForm(request.POST or None, attendees=attendees, mentors=mentors)
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: followup_create(
                actor=actor,
                application=application,
                topic=form.cleaned_data["topic"],
                attendees=list(form.cleaned_data["attendees"]),
                include_customer_admins=form.cleaned_data["include_customer_admins"],
                mentors=list(form.cleaned_data["mentors"]),
                ip=client_ip(request),
            ),
        )
        if attempt.ok:
            followup = attempt.value
            messages.success(request, _("The follow-up was created."))
            return redirect("followup_detail", followup_id=followup.pk)
    return render(
        request,
        "followups/followup_create.html",
        {"application": application, "form": form, "has_mentors": mentors.exists()},
    )


def _comment_context(request: ActorRequest, comment: Comment) -> dict[str, object]:
    actor = request.actor
    comment.can_change = permissions.can_change_comment(actor, comment)  # type: ignore[attr-defined]  # for the template
    comment.edit_minutes_left = permissions.comment_edit_minutes_left(comment)  # type: ignore[attr-defined]  # for the template
    comment.edit_until = comment.created_at + permissions.COMMENT_EDIT_WINDOW  # type: ignore[attr-defined]
    return {"comment": comment, "can_pin": permissions.can_pin_comment(actor), "followup": comment.followup}


def _thread_context(request: ActorRequest, followup: FollowUp, *, form: CommentForm | None = None) -> dict:
    actor = request.actor
    followup_detail(actor=actor, followup=followup)
    comments = list(comment_list_for_followup(followup=followup))
    can_pin = permissions.can_pin_comment(actor)
    seen = followup_seen_at(user=actor.user, followup=followup)
    for comment in comments:
        # For the template: what this reader may do with each comment, and what is new to them.
        comment.can_change = permissions.can_change_comment(actor, comment)  # type: ignore[attr-defined]
        comment.edit_minutes_left = permissions.comment_edit_minutes_left(comment)  # type: ignore[attr-defined]
        comment.edit_until = comment.created_at + permissions.COMMENT_EDIT_WINDOW  # type: ignore[attr-defined]
        comment.is_new = comment.author_id != actor.user.pk and (seen is None or comment.created_at > seen)  # type: ignore[attr-defined]
    return {
        "followup": followup,
        "application": followup.application,
        "comments": comments,
        "can_pin": can_pin,
        "form": form or CommentForm(),
        "edit_window_minutes": int(permissions.COMMENT_EDIT_WINDOW.total_seconds() // 60),
    }


@login_required
@require_GET
def followup_detail_view(request: ActorRequest, followup_id: int) -> HttpResponse:
    followup = access_followup(actor=request.actor, followup_id=followup_id)
    context = _thread_context(request, followup)
    # Read now: everything shown counts as seen (the page marks what was new before this visit).
    followup_mark_seen(user=request.user, followup=followup)
    return render(request, "followups/followup_detail.html", context)


@login_required
@require_POST
def comment_create_view(request: ActorRequest, followup_id: int) -> HttpResponse:
    actor = request.actor
    followup = access_followup(actor=actor, followup_id=followup_id)
    form = CommentForm(request.POST)
    comment = None
    if form.is_valid():
        attempt = form_attempt(
            form,
            lambda: comment_create(
                actor=actor, followup=followup, body=form.cleaned_data["body"], ip=client_ip(request)
            ),
            field="body",
        )
        comment = attempt.value if attempt.ok else None
    if request.htmx:
        if comment is None:
            return render(
                request, "followups/_partials/comment_form.html", {"followup": followup, "form": form}
            )
        context = {**_comment_context(request, comment), "form": CommentForm()}
        return render(request, "followups/_partials/comment_created.html", context)
    if comment is None:
        return render(
            request, "followups/followup_detail.html", _thread_context(request, followup, form=form)
        )
    messages.success(request, _("Your comment was added."))
    return redirect(reverse("followup_detail", args=[followup.pk]) + f"#comment-{comment.pk}")


@login_required
@require_GET
def comment_show_view(request: ActorRequest, comment_id: int) -> HttpResponse:
    """One comment, as it appears in the thread (htmx: "cancel" on the edit form)."""
    comment = access_comment(actor=request.actor, comment_id=comment_id)
    if not request.htmx:
        return redirect(reverse("followup_detail", args=[comment.followup_id]) + f"#comment-{comment.pk}")
    return render(request, "followups/_partials/comment.html", _comment_context(request, comment))


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit_view(request: ActorRequest, comment_id: int) -> HttpResponse:
    actor = request.actor
    comment = access_comment(actor=actor, comment_id=comment_id)
    require(
        permissions.can_change_comment(actor, comment),
        _("You can edit or delete your own comments only during the first %(minutes)d minutes.")
        % {"minutes": int(permissions.COMMENT_EDIT_WINDOW.total_seconds() // 60)},
    )
    form = CommentForm(request.POST or None, initial={"body": comment.body}, prefix=f"edit-{comment.pk}")
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: comment_update(
                actor=actor, comment=comment, body=form.cleaned_data["body"], ip=client_ip(request)
            ),
            field="body",
        )
        if attempt.ok:
            comment = attempt.value
            if request.htmx:
                context = {**_comment_context(request, comment), "status": _("Your comment was saved.")}
                return render(request, "followups/_partials/comment.html", context)
            messages.success(request, _("Your comment was saved."))
            return redirect(reverse("followup_detail", args=[comment.followup_id]) + f"#comment-{comment.pk}")
    context = {"comment": comment, "followup": comment.followup, "form": form}
    template = "followups/_partials/comment_edit_form.html" if request.htmx else "followups/comment_edit.html"
    return render(request, template, context)


@login_required
@require_POST
def comment_delete_view(request: ActorRequest, comment_id: int) -> HttpResponse:
    actor = request.actor
    comment = access_comment(actor=actor, comment_id=comment_id)
    followup_id = comment.followup_id
    comment_delete(actor=actor, comment=comment, ip=client_ip(request))
    if request.htmx:
        return render(request, "followups/_partials/comment_deleted.html", {})
    messages.success(request, _("Your comment was deleted."))
    return redirect("followup_detail", followup_id=followup_id)


@login_required
@require_POST
def comment_pin_view(request: ActorRequest, comment_id: int) -> HttpResponse:
    actor = request.actor
    comment = access_comment(actor=actor, comment_id=comment_id)
    pinned = request.POST.get("pinned") == "1"
    comment_pin_set(actor=actor, comment=comment, pinned=pinned, ip=client_ip(request))
    messages.success(request, _("The comment was pinned.") if pinned else _("The comment was unpinned."))
    return redirect(reverse("followup_detail", args=[comment.followup_id]) + f"#comment-{comment.pk}")
