import pytest

from mentora.applications.models import ApplicationStatus
from mentora.attendance.demo import seed_attendance
from mentora.attendance.models import AttendanceRecord, Session
from mentora.customers.models import Customer
from mentora.demo.seed import seed_people
from mentora.schedule.demo import seed_schedule
from mentora.schedule.models import Event, EventStatus
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    CourseApplicationFactory,
)

pytestmark = pytest.mark.django_db


def test_seed_schedule_and_attendance_are_realistic_and_idempotent():
    seed_people()
    north = Customer.objects.get(customer_number="C-1001")
    app = ApplicationFactory(customer=north, status=ApplicationStatus.ACCEPTED)
    for _ in range(4):
        ApplicationAttendeeFactory(application=app)
    course_app = CourseApplicationFactory(customer=north, status=ApplicationStatus.APPROVED)
    ApplicationAttendeeFactory(application=course_app)
    ApplicationFactory(customer=north, status=ApplicationStatus.DRAFT)  # gets no events

    seed_schedule()
    seed_attendance()
    events = Event.objects.all()
    assert set(events.values_list("application_id", flat=True)) == {app.pk, None}
    assert events.filter(course_instance=course_app.course_instance).exists()
    assert 30 <= events.count() <= 36  # two activities, 16-17 weeks each
    assert {e.professional.email for e in events.select_related("professional")} == {"pro@example.com"}
    assert events.filter(status=EventStatus.CANCELED).exclude(canceled_reason="").count() == 4
    assert Session.objects.count() >= 10
    statuses = set(AttendanceRecord.objects.values_list("status", flat=True))
    assert {"PRESENT", "ABSENT", ""} <= statuses  # a mix, and some left incomplete

    counts = (Event.objects.count(), Session.objects.count(), AttendanceRecord.objects.count())
    seed_schedule()
    seed_attendance()
    assert (Event.objects.count(), Session.objects.count(), AttendanceRecord.objects.count()) == counts
