"""The one mapper from domain errors to answers (mentora.core.errors), and the form helper that
keeps what was typed (mentora.core.forms.form_attempt)."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from mentora.core.errors import DomainErrorMiddleware
from mentora.core.exceptions import Conflict, InvalidInput, NotFound, PermissionDenied, RateLimited
from mentora.core.forms import form_attempt
from mentora.customers.access import actor_for

pytestmark = pytest.mark.django_db


def answer(error: Exception, *, htmx: bool = False, referer: str = ""):  # type: ignore[no-untyped-def]
    headers = {"HX-Request": "true"} if htmx else {}
    if referer:
        headers["Referer"] = referer
    request = RequestFactory().post("/somewhere/", headers=headers)
    request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
    request.user = AnonymousUser()
    request.actor = actor_for(request.user)  # type: ignore[attr-defined,arg-type]
    return DomainErrorMiddleware(lambda r: None).process_exception(request, error)  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound(), 404),
        (PermissionDenied("Only staff may do that."), 403),
        (Conflict("Someone else accepted it first."), 409),
        (InvalidInput("The end must come after the start."), 400),
        (RateLimited("Too many.", retry_after=90), 429),
    ],
)
def test_each_domain_error_has_its_status_and_says_why(error, status):
    response = answer(error)
    assert response.status_code == status
    if error.message:
        assert error.message in response.content.decode()
    assert "<html" in response.content.decode()


def test_a_rate_limit_says_when_to_try_again():
    assert answer(RateLimited("Too many.", retry_after=90))["Retry-After"] == "90"
    assert answer(RateLimited("Too many.", retry_after=0))["Retry-After"] == "1"


def test_htmx_gets_a_fragment_with_the_sentence():
    response = answer(Conflict("Someone else accepted it first."), htmx=True)
    body = response.content.decode()
    assert response.status_code == 409
    assert "<html" not in body and 'role="alert"' in body and "Someone else accepted it first." in body


def test_a_not_found_never_says_why():
    response = answer(NotFound("the application belongs to another customer"))
    assert "another customer" not in response.content.decode()


def test_the_page_links_back_only_to_this_site():
    assert (
        'href="http://testserver/applications/1/"'
        in answer(Conflict("x"), referer="http://testserver/applications/1/").content.decode()
    )
    assert "evil.example" not in answer(Conflict("x"), referer="https://evil.example/").content.decode()


def test_other_exceptions_are_not_the_mappers():
    assert answer(ValueError("boom")) is None


class CommentForm(forms.Form):
    body = forms.CharField()
    topic = forms.CharField(required=False)


def test_a_form_keeps_what_was_typed_and_shows_the_error_on_its_field():
    long_comment = "A long comment, typed with care. " * 100
    form = CommentForm({"body": long_comment})
    assert form.is_valid()

    def refuse() -> None:
        raise InvalidInput("Too long for a comment.", field="body")

    attempt = form_attempt(form, refuse)
    assert not attempt.ok
    assert form.errors["body"] == ["Too long for a comment."]
    assert form["body"].value() == long_comment


def test_a_form_error_without_a_known_field_is_the_forms():
    form = CommentForm({"body": "x"})
    assert form.is_valid()

    def refuse() -> None:
        raise Conflict("Someone changed it meanwhile.", field="no-such-field")

    assert not form_attempt(form, refuse).ok
    assert form.non_field_errors() == ["Someone changed it meanwhile."]


def test_a_form_lets_through_what_is_not_its_to_show():
    form = CommentForm({"body": "x"})
    assert form.is_valid()

    def deny() -> None:
        raise PermissionDenied()

    with pytest.raises(PermissionDenied):
        form_attempt(form, deny)

    class Pending(Conflict):
        pass

    def pending() -> None:
        raise Pending("Offer a resend.")

    with pytest.raises(Pending):
        form_attempt(form, pending, let_through=(Pending,))
    assert form_attempt(form, lambda: 7).value == 7
