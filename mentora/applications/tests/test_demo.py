"""The demo step: idempotent, every status of both kinds, and something for each demo mentor."""

from django.db.models import Count

from mentora.applications.demo import seed_applications
from mentora.applications.models import Application, ApplicationStatus, Attendee, Kind, MentorAssignment
from mentora.catalog.models import CourseInstance
from mentora.catalog.selectors import course_instance_has_history
from mentora.demo.seed import seed_people

S = ApplicationStatus


def test_seed_is_idempotent_and_complete(db):
    seed_people()
    seed_applications()
    counts = (Application.objects.count(), Attendee.objects.count(), MentorAssignment.objects.count())
    seed_applications()
    assert (Application.objects.count(), Attendee.objects.count(), MentorAssignment.objects.count()) == counts
    assert Attendee.objects.count() == 40
    statuses = set(Application.objects.values_list("kind", "status"))
    for kind, expected in ((Kind.ON_REQUEST, [S.DRAFT, S.NEW, S.PROCESSING, S.ACCEPTED, S.REJECTED, S.STOPPED]),
                           (Kind.COURSE, [S.PENDING, S.APPROVED, S.REJECTED, S.CANCELED])):  # fmt: skip
        for status in expected:
            assert (kind, status) in statuses
    for customer_number in ("C-1001", "C-1002"):
        assert Application.objects.filter(customer__customer_number=customer_number).count() >= 5
    for email in ("mentor@example.com", "both@example.com", "lake.mentor@example.com"):
        mentored = Application.objects.filter(mentor_assignments__membership__user__email=email)
        assert mentored.count() >= 3
        assert mentored.filter(kind=Kind.COURSE, status=S.APPROVED).exists()
        assert mentored.filter(kind=Kind.COURSE, status=S.PENDING).exists()
    assert not Application.objects.exclude(professional__email="pro@example.com").exists()
    assert all(course_instance_has_history(i) for i in CourseInstance.objects.all())


def test_no_instance_is_over_capacity(db):
    seed_people()
    seed_applications()
    for instance in CourseInstance.objects.annotate(seats=Count("applications__participants", distinct=True)):
        assert instance.seats <= instance.capacity
