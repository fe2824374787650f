"""A customer's attendance-alert settings: who may change them, the bounds, the audit trail, and
the page linked from the Mentors area."""

import pytest
from django.urls import reverse

from mentora.attendance.arithmetic import AttentionRule, rules_for
from mentora.attendance.models import AlertSettings
from mentora.attendance.services import alert_settings_update
from mentora.audit.models import AuditEvent
from mentora.core.exceptions import InvalidInput, PermissionDenied
from mentora.customers.access import actor_for

pytestmark = pytest.mark.django_db


def test_defaults_without_settings(cast):
    assert rules_for([cast.north.pk]) == {cast.north.pk: AttentionRule(80, 3, 2)}


def test_a_customer_admin_changes_them_audited(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        alert_settings_update(
            actor=actor_for(cast.north_admin),
            customer=cast.north,
            rate_percent=70,
            min_sessions=5,
            consecutive_absences=3,
        )
    assert rules_for([cast.north.pk])[cast.north.pk] == AttentionRule(70, 5, 3)
    event = AuditEvent.objects.get(action="attendance.alert_settings")
    assert event.customer_id == cast.north.pk and event.actor_id == cast.north_admin.pk
    assert event.before == {"rate_percent": 80, "min_sessions": 3, "consecutive_absences": 2}
    assert event.after == {"rate_percent": 70, "min_sessions": 5, "consecutive_absences": 3}


@pytest.mark.parametrize("who", ["north_mentor", "south_admin", "professional", "outsider"])
def test_others_may_not(cast, who):
    with pytest.raises(PermissionDenied):
        alert_settings_update(
            actor=actor_for(getattr(cast, who)),
            customer=cast.north,
            rate_percent=70,
            min_sessions=5,
            consecutive_absences=3,
        )
    assert not AlertSettings.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ((0, 3, 2), "rate_percent"),
        ((101, 3, 2), "rate_percent"),
        ((80, 0, 2), "min_sessions"),
        ((80, 51, 2), "min_sessions"),
        ((80, 3, 0), "consecutive_absences"),
        ((80, 3, 11), "consecutive_absences"),
    ],
)
def test_bounds(cast, values, field):
    with pytest.raises(InvalidInput) as raised:
        alert_settings_update(
            actor=actor_for(cast.system_admin),
            customer=cast.north,
            rate_percent=values[0],
            min_sessions=values[1],
            consecutive_absences=values[2],
        )
    assert raised.value.field == field


def test_the_page_saves_and_refuses_out_of_range_input(cast, client):
    url = reverse("attendance_alert_settings", args=[cast.north.pk])
    client.force_login(cast.north_admin)
    page = client.get(url).content.decode()
    assert 'value="80"' in page and 'value="3"' in page and 'value="2"' in page
    response = client.post(url, {"rate_percent": "999", "min_sessions": "x", "consecutive_absences": "2"})
    assert response.status_code == 200
    assert not AlertSettings.objects.exists()
    assert 'value="999"' in response.content.decode()  # what was typed stays
    response = client.post(url, {"rate_percent": "75", "min_sessions": "4", "consecutive_absences": "3"})
    assert response.status_code == 302
    assert AlertSettings.objects.get(customer=cast.north).rate_percent == 75


def test_the_mentors_area_links_to_it(cast, client):
    client.force_login(cast.north_admin)
    page = client.get(reverse("mentors_list", args=[cast.north.pk])).content.decode()
    assert reverse("attendance_alert_settings", args=[cast.north.pk]) in page


@pytest.mark.parametrize(("who", "status"), [("north_mentor", 403), ("south_admin", 404), ("outsider", 404)])
def test_the_page_refuses_others_before_reading_the_form(cast, client, who, status):
    client.force_login(getattr(cast, who))
    url = reverse("attendance_alert_settings", args=[cast.north.pk])
    response = client.post(url, {"rate_percent": "50", "min_sessions": "1", "consecutive_absences": "1"})
    assert response.status_code == status
    assert not AlertSettings.objects.exists()
