import re

import pytest
from django.template import Context, Template
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert match
    return match.group(1)


def test_a_page_title_names_the_page_then_the_product(client, cast):
    cast.north_mentor.language = "sv"
    cast.north_mentor.save()
    client.force_login(cast.north_mentor)

    assert _title(client.get(reverse("mentor_applications"))) == "Mina ansökningar · Mentora"


def test_the_sign_in_page_title_in_english(client):
    assert _title(client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")) == "Sign in · Mentora"


def test_a_page_without_a_title_is_the_product_alone_and_a_title_stays_escaped():
    untitled = Template("{% load pages %}{% filter page_title %}  {% endfilter %}")
    titled = Template("{% load pages %}{% filter page_title %}{{ name }}{% endfilter %}")

    assert untitled.render(Context()) == "Mentora"
    assert titled.render(Context({"name": "<b>&"})) == "&lt;b&gt;&amp; · Mentora"
