"""Demo completion statuses: every learner of the demo's approved course applications has one,
most with a short history (ongoing since the course started, then completed, not completed or
withdrawn), and a few completed this week so the dashboard shows them.

Idempotent: a participation that already has a completion is left alone."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.applications.models import ApplicationAttendee, ApplicationStatus, Kind

from .models import Completion, CompletionChange, CompletionStatus

C = CompletionStatus
ENDINGS = [(C.ONGOING, 45), (C.COMPLETED, 35), (C.NOT_COMPLETED, 10), (C.WITHDRAWN, 10)]
COMMENTS = {
    C.COMPLETED: ["Final assessment passed.", ""],
    C.NOT_COMPLETED: ["Missed the final assessment; may retake it next term."],
    C.WITHDRAWN: ["Left the course for a new job."],
}


@transaction.atomic
def seed_completion() -> None:
    professional = User.objects.filter(email="pro@example.com").first()
    if professional is None:
        return
    rng = random.Random(2026)  # noqa: S311 - demo data, not a secret
    today = timezone.localdate()
    participations = (
        ApplicationAttendee.objects.filter(
            application__kind=Kind.COURSE,
            application__status=ApplicationStatus.APPROVED,
            participating=True,
            completion__isnull=True,
        )
        .select_related("application__course_instance")
        .order_by("application__course_instance__code", "pk")
    )
    statuses, weights = zip(*ENDINGS, strict=True)
    for number, participation in enumerate(participations):
        instance = participation.application.course_instance
        started = min(instance.starts_on, today) if instance else today
        # Each instance's first learners finished this week, so "completed this week" has some.
        ending = C.COMPLETED if number % 4 == 0 else rng.choices(statuses, weights)[0]
        steps = [(C.ONGOING, started, "")]
        if ending != C.ONGOING:
            finished = today - datetime.timedelta(
                days=rng.randint(0, 3) if ending == C.COMPLETED else rng.randint(4, 20)
            )
            steps.append((ending, max(finished, started), rng.choice(COMMENTS[ending])))
        _record(participation, steps, by=professional)


def _record(
    participation: ApplicationAttendee, steps: list[tuple[CompletionStatus, datetime.date, str]], *, by: User
) -> None:
    zone = timezone.get_current_timezone()
    before = None
    completion = None
    for status, on, comment in steps:
        at = datetime.datetime.combine(on, datetime.time(15, 0), tzinfo=zone)
        after = {"status": status, "on": on.isoformat(), "comment": comment}
        if completion is None:
            completion = Completion(participation=participation)
        completion.status, completion.on, completion.comment = status, on, comment
        completion.updated_by, completion.updated_at = by, at
        completion.save()
        CompletionChange.objects.create(
            completion=completion, changed_by=by, changed_at=at, before=before, after=after
        )
        before = after
