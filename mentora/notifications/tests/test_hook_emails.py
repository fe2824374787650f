"""The e-mails of the notification hooks render in both languages: a one-line subject, the
notification's text in the body (escaped in HTML), and the link."""

import pytest

from mentora.mail.rendering import render_email
from mentora.testing.factories_activities import ApplicationFactory, CourseApplicationFactory
from mentora.testing.factories_schedule import EventFactory

pytestmark = pytest.mark.django_db

URL = "http://testserver/somewhere/"
TEXT = "Berg & Söner <moved> it"


@pytest.fixture
def contexts(cast):  # type: ignore[no-untyped-def]
    from mentora.invitations.models import Invitation

    invitation = Invitation(customer=cast.north, email="anna@example.com")
    event = EventFactory(title="Reading")
    return {
        "mentor-added": {"customer": cast.north, "added_by": cast.north_admin},
        "mentor-removed": {"customer": cast.north},
        "membership-activated": {"customer": cast.north},
        "membership-deactivated": {"customer": cast.north},
        "application-decided": {"application": ApplicationFactory(customer=cast.north)},
        "course-application-decided": {"application": CourseApplicationFactory(customer=cast.north)},
        "event-changed": {"event": event, "change": "moved"},
        "invitation-expiring": {"invitation": invitation},
        "invitation-reminder-sent": {"invitation": invitation},
    }


@pytest.mark.parametrize("language", ["en", "sv"])
def test_every_hook_email_renders(cast, contexts, language):
    for name, context in contexts.items():
        subject, text, html = render_email(
            name, {**context, "recipient": cast.north_mentor, "text": TEXT, "url": URL}, language=language
        )
        assert subject and "\n" not in subject, name
        assert URL in text and URL in html, name
        if name != "mentor-added":  # its body says it in its own words
            assert TEXT in text, name
            assert "Berg &amp; Söner &lt;moved&gt; it" in html, name
        assert "Maria" in text, name
