import json

import pytest
from django.core.management import call_command

from mentora.accounts.models import User
from mentora.customers.models import Customer, Membership
from mentora.notifications.kinds import Kind
from mentora.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _seed_json(capsys) -> list[dict]:
    call_command("seed_demo", "--json")
    return json.loads(capsys.readouterr().out)


def test_seed_demo_is_idempotent_and_prints_sign_ins(capsys):
    first = _seed_json(capsys)
    counts = (User.objects.count(), Customer.objects.count(), Membership.objects.count())
    alerts = Notification.objects.filter(kind=Kind.ATTENDANCE_ALERT)
    # A newcomer sees an attendance alert: a mentee of the team leaders' coaching crossed.
    mine = alerts.filter(user__email="mentor@example.com")
    assert mine.filter(text__contains="Coaching for new team leaders").exists()
    alert_count = alerts.count()
    second = _seed_json(capsys)
    assert first == second
    assert (User.objects.count(), Customer.objects.count(), Membership.objects.count()) == counts
    assert alerts.count() == alert_count  # once per crossing, not once per seeding

    by_email = {login["email"]: login for login in first}
    assert set(first[0]) == {"email", "password", "roles", "customers"}
    assert by_email["admin@example.com"]["roles"] == ["SYSTEM_ADMIN"]
    assert by_email["both@example.com"]["customers"] == ["Northwind Municipality", "Lakeside Works AB"]
    assert any("INACTIVE" in role for login in first for role in login["roles"])
    assert Customer.objects.count() == 2


def test_demo_sign_ins_work(client, capsys):
    login = next(item for item in _seed_json(capsys) if item["email"] == "mentor@example.com")
    client.post("/accounts/login/", {"login": login["email"], "password": login["password"]})
    assert "_auth_user_id" in client.session


def test_the_demo_mentor_finds_an_upcoming_cancellation_among_their_notifications(capsys):
    call_command("seed_demo", "--json")
    capsys.readouterr()
    changes = Notification.objects.filter(kind=Kind.EVENT_CHANGED, user__email="mentor@example.com")
    assert changes.exists()
    assert all("canceled" in notice.text for notice in changes)
    assert not Notification.objects.filter(kind=Kind.EVENT_CHANGED, user__email="admin@example.com").exists()
