"""The route registry: every URL pattern of the project, how to build its arguments for the named
cast, and what each person of the cast gets. The authorization test
(`config/tests/test_routes.py`) fails when a pattern of ours has no entry here, and asserts
every answer an entry lists: the pages' 200s (or the redirect that is the answer), and the 403s
and 404s of the wrong role, the other customer and the anonymous visitor (who is sent to sign in).
Whoever adds a URL adds its entry.

Other tests build on it; nobody writes a second list of URLs::

    from mentora.testing.routes import ROUTES, build_scene

    scene = build_scene(cast)          # the cast's objects, all of north (see Scene)
    for route in ROUTES:
        for role in route.roles_that_open():           # GET gives 200 to these roles
            client.force_login(scene.user(role))       # (scene.user("anonymous") is None)
            client.get(route.url(scene))
        for role in route.roles_that_post():           # POST endpoints the role may use
            client.post(route.url(scene), data)

- `route.get` and `route.post` map every role of `ROLES` to the status it gets for a GET, and for
  a POST with no data (None: the method is not served; GET then answers 405). A POST is
  answered before any form validation: 403 for the wrong role, 404 for what the role cannot see;
  for those allowed, `post` holds 200 and the real answer depends on the data sent.
- `route.kwargs(scene)` gives the URL's arguments; `route.query` a query string some pages need.
- `route.mutates`: a POST by an allowed role changes data (send it to a scene of its own).
- Everything is built on north's objects: south's people are "the other customer".
- Some answers are the test settings': `/readyz` is not ready (no worker or scheduler has
  written a heartbeat) and `/metrics` does not exist (no METRICS_TOKEN).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone

from mentora.accounts.models import User
from mentora.applications.models import Application, ApplicationAttendee, ApplicationStatus
from mentora.core.tokens import token_new
from mentora.customers.models import Membership, Role
from mentora.digests.unsubscribe import digest_unsubscribe_token
from mentora.followups.models import Comment, FollowUp
from mentora.invitations.models import Invitation
from mentora.mail.models import Message
from mentora.mail.services import message_create
from mentora.notifications.kinds import EmailChoice
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.models import Notification
from mentora.notifications.unsubscribe import unsubscribe_token
from mentora.observations.models import Observation
from mentora.privacy.models import ErasureRequest
from mentora.schedule.models import CalendarFeedToken
from mentora.testing.cast import Cast
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    MentorAssignmentFactory,
)
from mentora.testing.factories_followups import CommentFactory, FollowUpFactory, ObservationFactory
from mentora.testing.world import World, make_world

ROLES: tuple[str, ...] = (
    "anonymous",
    "system_admin",
    "professional",
    "north_admin",
    "south_admin",
    "north_mentor",
    "north_mentor_unassigned",
    "north_mentor_inactive",
    "south_mentor",
    "both_mentor",
    "outsider",
)
SIGNED_IN = ROLES[1:]
STAFF = ("system_admin", "professional")
MENTORS = ("north_mentor", "north_mentor_unassigned", "north_mentor_inactive", "south_mentor", "both_mentor")
# Who has an ACTIVE role in north (the other customer's people are south_admin and south_mentor).
NORTH_MENTORS = ("north_mentor", "north_mentor_unassigned", "both_mentor")
LOGIN = 302  # the anonymous visitor is sent to sign in


@dataclass
class Scene:
    """The named cast with one of everything, all of north: the mentor world
    (`mentora.testing.world`) and a follow-up thread on its on-request application with a
    comment and an observation, a pending invitation, north_mentor's calendar feed token, an
    outgoing e-mail, north_mentor's one-click unsubscribe link for assignment e-mail, an unread
    notification of north_mentor's and the outsider's waiting request to delete their account."""

    cast: Cast
    world: World
    followup: FollowUp
    comment: Comment
    observation: Observation
    invitation: Invitation
    invitation_token: str
    feed_token: str
    north_mentor_membership: Membership
    participation: ApplicationAttendee
    draft: Application  # north's draft, assigned to north_mentor, with one participant
    draft_participation: ApplicationAttendee
    message: Message
    unsubscribe_token: str
    notification: Notification  # north_mentor's, unread
    erasure_request: ErasureRequest  # the outsider asked for their account to be deleted

    def user(self, role: str) -> User | None:
        """The person of `role`, or None for the anonymous visitor."""
        return None if role == "anonymous" else getattr(self.cast, role)


def build_scene(cast: Cast) -> Scene:
    world = make_world(cast)
    # The professional delivers the on-request application's past event and is responsible for it.
    world.past_event.professional = cast.professional
    world.past_event.save(update_fields=["professional"])
    world.on_request.professional = cast.professional
    world.on_request.save(update_fields=["professional"])
    # Its service tracks completion, so the application has a completion sheet.
    assert world.on_request.service is not None
    world.on_request.service.tracks_completion = True
    world.on_request.service.save(update_fields=["tracks_completion"])
    north_mentor = cast.membership(cast.north_mentor, cast.north)
    followup = FollowUpFactory(
        application=world.on_request, created_by=cast.professional, mentors=[north_mentor]
    )
    comment = CommentFactory(followup=followup, author=cast.professional)
    observation = ObservationFactory(application=world.on_request, author=cast.north_mentor)
    token, token_hash = token_new()
    invitation = Invitation.objects.create(
        customer=cast.north,
        email="invited.person@example.com",
        role=Role.MENTOR,
        invited_by=cast.north_admin,
        token_hash=token_hash,
        expires_at=timezone.now() + datetime.timedelta(days=14),
        lifetime_days=14,
    )
    draft = ApplicationFactory(customer=cast.north, status=ApplicationStatus.DRAFT, title="A draft")
    MentorAssignmentFactory(application=draft, membership=north_mentor)
    draft_participation = ApplicationAttendeeFactory(application=draft)
    feed, feed_hash = token_new()
    CalendarFeedToken.objects.create(user=cast.north_mentor, token_hash=feed_hash, created_at=timezone.now())
    message = message_create(
        kind="probe", to="north.mentor@example.com", language="en", subject="Hello", text="Hello", html=""
    )
    return Scene(
        cast=cast,
        world=world,
        followup=followup,
        comment=comment,
        observation=observation,
        invitation=invitation,
        invitation_token=token,
        feed_token=feed,
        north_mentor_membership=north_mentor,
        participation=world.on_request.participants.get(attendee=world.mentee),
        draft=draft,
        draft_participation=draft_participation,
        message=message,
        unsubscribe_token=unsubscribe_token(user=cast.north_mentor, kind=NotificationKind.ASSIGNED),
        notification=Notification.objects.create(
            user=cast.north_mentor,
            kind=NotificationKind.ASSIGNED,
            text="You now mentor an application",
            url=reverse("mentor_application_detail", args=[world.on_request.pk]),
            email=EmailChoice.IMMEDIATE,
        ),
        erasure_request=ErasureRequest.objects.create(user=cast.outsider),
    )


Matrix = dict[str, int]


def answers(
    ok: tuple[str, ...] = (),
    *,
    forbidden: tuple[str, ...] = (),
    hidden: tuple[str, ...] = (),
    status: int = 200,
    others: int = 404,
    anonymous: int = LOGIN,
) -> Matrix:
    """A role matrix: `ok` roles get `status`, `forbidden` ones 403, `hidden` ones (and everyone
    else signed in) `others` (404 unless said), the anonymous visitor `anonymous`."""
    matrix = {role: others for role in SIGNED_IN}
    matrix.update(dict.fromkeys(hidden, 404))
    matrix.update(dict.fromkeys(forbidden, 403))
    matrix.update(dict.fromkeys(ok, status))
    matrix["anonymous"] = anonymous
    return matrix


def everyone(status: int = 200, *, anonymous: int = LOGIN) -> Matrix:
    return answers(SIGNED_IN, status=status, anonymous=anonymous)


@dataclass(frozen=True)
class Route:
    name: str
    get: Matrix | None
    post: Matrix | None = None
    kwargs: Callable[[Scene], dict[str, Any]] = field(default=lambda scene: {})
    query: str = ""
    mutates: bool = True
    note: str = ""

    def url(self, scene: Scene) -> str:
        url = reverse(self.name, kwargs=self.kwargs(scene))
        return f"{url}?{self.query}" if self.query else url

    def roles_that_open(self) -> list[str]:
        """Roles whose GET is a page (200)."""
        return [role for role, status in (self.get or {}).items() if status == 200]

    def roles_that_post(self) -> list[str]:
        """Roles that may POST here (what they get depends on the data)."""
        return [role for role, status in (self.post or {}).items() if status == 200]


def _application(scene: Scene) -> dict[str, Any]:
    return {"application_id": scene.world.on_request.pk}


def _draft(scene: Scene) -> dict[str, Any]:
    return {"application_id": scene.draft.pk}


def _draft_participant(scene: Scene) -> dict[str, Any]:
    return {"application_id": scene.draft.pk, "participation_id": scene.draft_participation.pk}


def _customer(scene: Scene) -> dict[str, Any]:
    return {"customer_id": scene.cast.north.pk}


def _event(scene: Scene) -> dict[str, Any]:
    return {"event_id": scene.world.past_event.pk}


def _comment(scene: Scene) -> dict[str, Any]:
    return {"comment_id": scene.comment.pk}


def _membership(scene: Scene) -> dict[str, Any]:
    return {"customer_id": scene.cast.north.pk, "membership_id": scene.north_mentor_membership.pk}


def _invitation(scene: Scene) -> dict[str, Any]:
    return {"invitation_id": scene.invitation.pk}


def _token(scene: Scene) -> dict[str, Any]:
    return {"token": scene.invitation_token}


def _service(scene: Scene) -> dict[str, Any]:
    assert scene.world.on_request.service_id is not None
    return {"service_id": scene.world.on_request.service_id}


def _course(scene: Scene) -> dict[str, Any]:
    return {"course_id": scene.world.instance.course_id}


def _instance(scene: Scene) -> dict[str, Any]:
    return {"instance_id": scene.world.instance.pk}


def _participant(scene: Scene) -> dict[str, Any]:
    return {"application_id": scene.world.on_request.pk, "participation_id": scene.participation.pk}


def _assignment(scene: Scene) -> dict[str, Any]:
    return {"application_id": scene.world.on_request.pk, "membership_id": scene.north_mentor_membership.pk}


def _learner(scene: Scene) -> dict[str, Any]:
    return {"attendee_id": scene.world.mentee.pk}


def _followup(scene: Scene) -> dict[str, Any]:
    return {"followup_id": scene.followup.pk}


def _message(scene: Scene) -> dict[str, Any]:
    return {"message_id": scene.message.pk}


# Who gets what, by kind of page. North's admins and the system administrator manage north;
# north's mentors see north but may not manage it (403); everyone else does not see it (404).
SYSTEM_ADMIN_ONLY = answers(("system_admin",), others=403)
NORTH_MANAGERS = answers(("system_admin", "north_admin"), forbidden=NORTH_MENTORS)
CATALOG = answers(("system_admin",), others=403)
MENTOR_LISTS = answers(("north_mentor", "north_mentor_unassigned", "south_mentor", "both_mentor"), others=403)
MENTORS_OF_ON_REQUEST = ("north_mentor", "both_mentor")  # assigned through an ACTIVE membership
CALENDAR_USERS = (
    "north_admin",
    "south_admin",
    "north_mentor",
    "north_mentor_unassigned",
    "south_mentor",
    "both_mentor",
)
# The customer's own side may act for a north application; a mentor who sees it may not (403).
APPLICATION_MANAGERS = answers(
    ("system_admin", "north_admin"), forbidden=("professional", *MENTORS_OF_ON_REQUEST)
)
DRAFT_MANAGERS = answers(("system_admin", "north_admin"), forbidden=("north_mentor",))
NO_PAGE = None  # a POST endpoint: GET answers 405

ROUTES: tuple[Route, ...] = (
    # core
    Route("home", get=everyone(anonymous=200)),
    Route("language_switch", get=NO_PAGE, post=everyone(anonymous=200), mutates=False),
    Route("healthz", get=everyone(anonymous=200)),
    Route("readyz", get=everyone(503, anonymous=503), note="ready once a worker and the scheduler beat"),
    Route("metrics", get=everyone(404, anonymous=404), note="exists behind METRICS_TOKEN only"),
    # The development outbox exists only with DEBUG and the outbox backend: in tests, for nobody.
    Route("outbox_list", get=everyone(404, anonymous=404)),
    Route("outbox_detail", get=everyone(404, anonymous=404), kwargs=lambda scene: {"message_id": 1}),
    Route("outbox_html", get=everyone(404, anonymous=404), kwargs=lambda scene: {"message_id": 1}),
    # accounts
    Route("profile", get=everyone(), post=everyone()),
    Route("terms", get=everyone(anonymous=200)),
    Route("terms_accept", get=everyone(), post=everyone()),
    # allauth's e-mail page, reduced to "change to a new address, verified by a code".
    Route("account_email", get=everyone(), post=everyone()),
    # notifications: each person's own; anyone else's answers 404
    Route("notification_list", get=everyone()),
    Route(
        "notification_bell",
        get=everyone(anonymous=286),
        note="htmx polls it; signed out, 286 tells htmx to stop polling and swap nothing",
    ),
    Route("notification_mark_all_read", get=NO_PAGE, post=everyone()),
    Route(
        "notification_open",
        get=answers(("north_mentor",), status=302),
        kwargs=lambda scene: {"notification_id": scene.notification.pk},
        note="marks it read and redirects to what it is about",
    ),
    Route(
        "notification_mark_read",
        get=NO_PAGE,
        post=answers(("north_mentor",)),
        kwargs=lambda scene: {"notification_id": scene.notification.pk},
    ),
    Route("notification_preferences", get=everyone(), post=everyone()),
    # The signed link is the permission, whoever presents it; all it can do is turn e-mail off.
    Route(
        "notification_unsubscribe",
        get=everyone(anonymous=200),
        post=everyone(anonymous=200),
        kwargs=lambda scene: {"token": scene.unsubscribe_token},
    ),
    # The same for a digest: the POST stops it and lands on the preferences page.
    Route(
        "digest_unsubscribe",
        get=everyone(anonymous=200),
        post=everyone(302, anonymous=302),
        kwargs=lambda scene: {"token": digest_unsubscribe_token(user=scene.cast.north_mentor, kind="DAILY")},
    ),
    # privacy: one's own data for everyone signed in; the audit log for system administrators
    # and customer admins (each their own customers'); terms and deletions for system administrators
    Route("my_data", get=everyone()),
    Route("data_export_request", get=NO_PAGE, post=everyone()),
    Route(
        "data_export_download",
        get=everyone(404),
        kwargs=lambda scene: {"token": token_new()[0]},
        note="a link that matches no export; the owner's own link is tested in mentora.privacy",
    ),
    # A deletion request asks for the password again first.
    Route("erasure_request", get=everyone(302), post=everyone(302), mutates=False),
    Route("erasure_cancel", get=NO_PAGE, post=everyone()),
    Route("my_activity", get=everyone()),
    Route("audit_log", get=answers(("system_admin", "north_admin", "south_admin"), others=403)),
    Route("terms_versions", get=SYSTEM_ADMIN_ONLY),
    Route("terms_publish", get=SYSTEM_ADMIN_ONLY, post=SYSTEM_ADMIN_ONLY),
    Route("terms_not_accepted", get=SYSTEM_ADMIN_ONLY),
    Route("erasure_requests", get=SYSTEM_ADMIN_ONLY),
    Route(
        "erasure_approve",
        get=NO_PAGE,
        post=SYSTEM_ADMIN_ONLY,
        kwargs=lambda scene: {"request_id": scene.erasure_request.pk},
    ),
    # outgoing e-mail: system administrators only
    Route("outgoing_mail", get=SYSTEM_ADMIN_ONLY),
    Route("outgoing_mail_retry", get=NO_PAGE, post=SYSTEM_ADMIN_ONLY, kwargs=_message),
    Route("outgoing_mail_cancel", get=NO_PAGE, post=SYSTEM_ADMIN_ONLY, kwargs=_message),
    # customers
    Route("customer_list", get=SYSTEM_ADMIN_ONLY),
    Route("customer_create", get=SYSTEM_ADMIN_ONLY, post=SYSTEM_ADMIN_ONLY),
    Route(
        "customer_detail",
        get=answers(("system_admin",), forbidden=("north_admin", *NORTH_MENTORS)),
        kwargs=_customer,
    ),
    Route(
        "customer_edit",
        get=answers(("system_admin",), forbidden=("north_admin", *NORTH_MENTORS)),
        post=answers(("system_admin",), forbidden=("north_admin", *NORTH_MENTORS)),
        kwargs=_customer,
    ),
    Route("user_list", get=SYSTEM_ADMIN_ONLY),
    Route("mentors_all", get=SYSTEM_ADMIN_ONLY),
    Route("mentor_add_any", get=SYSTEM_ADMIN_ONLY, post=SYSTEM_ADMIN_ONLY),
    Route("mentors_list", get=NORTH_MANAGERS, kwargs=_customer),
    Route("mentor_add", get=NORTH_MANAGERS, post=NORTH_MANAGERS, kwargs=_customer),
    Route("membership_edit", get=NORTH_MANAGERS, post=NORTH_MANAGERS, kwargs=_membership),
    Route("membership_remove", get=NORTH_MANAGERS, post=NORTH_MANAGERS, kwargs=_membership),
    # invitations
    Route("invitation_list_all", get=SYSTEM_ADMIN_ONLY),
    Route("invitation_list", get=NORTH_MANAGERS, kwargs=_customer),
    Route("invitation_create", get=NORTH_MANAGERS, post=NORTH_MANAGERS, kwargs=_customer),
    Route("invitation_bulk", get=NORTH_MANAGERS, post=NORTH_MANAGERS, kwargs=_customer),
    Route("invitation_resend", get=NO_PAGE, post=NORTH_MANAGERS, kwargs=_invitation),
    Route("invitation_cancel", get=NO_PAGE, post=NORTH_MANAGERS, kwargs=_invitation),
    # The link is the credential: anyone holding it sees the invitation.
    Route("invitation_accept", get=everyone(anonymous=200), post=everyone(anonymous=200), kwargs=_token),
    Route(
        "invitation_register",
        get=everyone(302, anonymous=302),  # the registration form lives on the invitation's page
        post=everyone(anonymous=200),
        kwargs=_token,
    ),
    Route("invitation_switch_account", get=NO_PAGE, post=everyone(anonymous=200), kwargs=_token),
    Route("invitation_setup", get=everyone(), post=everyone()),
    # catalog
    Route("catalog", get=answers(("system_admin",), status=302, others=403)),  # opens the services tab
    Route("catalog_services", get=CATALOG),
    Route("catalog_service_create", get=CATALOG, post=CATALOG),
    Route("catalog_service_edit", get=CATALOG, post=CATALOG, kwargs=_service),
    Route("catalog_service_set_active", get=NO_PAGE, post=CATALOG, kwargs=_service),
    Route("catalog_courses", get=CATALOG),
    Route("catalog_course_create", get=CATALOG, post=CATALOG),
    Route("catalog_course_edit", get=CATALOG, post=CATALOG, kwargs=_course),
    Route("catalog_course_set_active", get=NO_PAGE, post=CATALOG, kwargs=_course),
    Route("catalog_course_delete", get=CATALOG, post=CATALOG, kwargs=_course),
    Route("catalog_instances", get=CATALOG),
    Route("catalog_instance_create", get=CATALOG, post=CATALOG),
    Route("catalog_instance_edit", get=CATALOG, post=CATALOG, kwargs=_instance),
    Route("catalog_instance_set_active", get=NO_PAGE, post=CATALOG, kwargs=_instance),
    Route("catalog_instance_delete", get=CATALOG, post=CATALOG, kwargs=_instance),
    # applications
    Route("applications_all", get=SYSTEM_ADMIN_ONLY),
    Route("applications_customer", get=NORTH_MANAGERS, kwargs=_customer),
    Route("application_create", get=NORTH_MANAGERS, post=NORTH_MANAGERS, kwargs=_customer),
    Route("course_application_create", get=NORTH_MANAGERS, post=NORTH_MANAGERS, kwargs=_customer),
    Route("mentor_assignments", get=NORTH_MANAGERS, post=NORTH_MANAGERS, kwargs=_membership),
    Route(
        "application_detail",
        get=answers(("system_admin", "professional", "north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_application,
    ),
    Route("application_edit", get=DRAFT_MANAGERS, post=DRAFT_MANAGERS, kwargs=_draft),
    Route("application_status", get=NO_PAGE, post=APPLICATION_MANAGERS, kwargs=_application),
    Route(
        "application_professional",
        get=NO_PAGE,
        post=answers(("system_admin",), forbidden=("professional", "north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_application,
    ),
    Route("application_attendee_add", get=DRAFT_MANAGERS, post=DRAFT_MANAGERS, kwargs=_draft),
    Route("application_attendee_remove", get=NO_PAGE, post=DRAFT_MANAGERS, kwargs=_draft_participant),
    Route("application_attendee_participation", get=NO_PAGE, post=DRAFT_MANAGERS, kwargs=_draft_participant),
    Route("application_mentor_assign", get=NO_PAGE, post=APPLICATION_MANAGERS, kwargs=_application),
    Route("application_mentor_unassign", get=NO_PAGE, post=APPLICATION_MANAGERS, kwargs=_assignment),
    # completion: set by provider staff on the sheets; the instance's sheet is its professional's
    # (the scene's instance has none, so the professional gets 404) and the system administrator's.
    Route(
        "completion_instance",
        get=answers(("system_admin",), hidden=("professional",), others=403),
        post=answers(("system_admin",), hidden=("professional",), others=403),
        kwargs=_instance,
    ),
    Route(
        "completion_application",
        get=answers(("system_admin", "professional"), forbidden=("north_admin", *MENTORS_OF_ON_REQUEST)),
        post=answers(("system_admin", "professional"), forbidden=("north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_application,
    ),
    # learners: staff everyone, the customer's admins their learners, mentors their mentees
    Route(
        "learner_detail",
        get=answers(("system_admin", "professional", "north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_learner,
    ),
    Route(
        "learner_export",
        get=answers(("system_admin", "professional", "north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_learner,
        note="an XLSX file; writes an audit event",
    ),
    # schedule
    Route("schedule_list", get=answers(STAFF, others=403)),
    Route("my_events", get=answers(STAFF, others=403)),
    Route("event_create", get=answers(STAFF, others=403), post=answers(STAFF, others=403)),
    Route(
        "event_detail",
        get=answers(("system_admin", "professional", "north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_event,
    ),
    Route(
        "event_edit",
        get=answers(STAFF, forbidden=("north_admin", *MENTORS_OF_ON_REQUEST)),
        post=answers(STAFF, forbidden=("north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_event,
    ),
    Route(
        "event_cancel",
        get=answers(STAFF, forbidden=("north_admin", *MENTORS_OF_ON_REQUEST)),
        post=answers(STAFF, forbidden=("north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_event,
    ),
    Route("calendar", get=answers(CALENDAR_USERS, others=403)),
    Route(
        "calendar_event",
        get=answers(("north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_event,
        note="staff have the schedule's event page; the calendar is not theirs",
    ),
    Route(
        "calendar_subscription",
        get=answers(CALENDAR_USERS, others=403),
        post=answers(CALENDAR_USERS, others=403),
    ),
    # No session: the token in the URL is the credential, whoever presents it.
    Route("calendar_feed", get=everyone(anonymous=200), kwargs=lambda scene: {"token": scene.feed_token}),
    # attendance
    Route(
        "attendance_session",
        get=answers(STAFF, forbidden=("north_admin", *MENTORS_OF_ON_REQUEST)),
        post=answers(STAFF, forbidden=("north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_event,
    ),
    Route("attendance_alert_settings", get=NORTH_MANAGERS, post=NORTH_MANAGERS, kwargs=_customer),
    # follow-ups: the thread includes north's admins and, of the mentors, north_mentor only
    Route("followup_list", get=everyone()),
    Route(
        "followup_create",
        get=answers(STAFF, forbidden=("north_admin", *MENTORS_OF_ON_REQUEST)),
        post=answers(STAFF, forbidden=("north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_application,
    ),
    Route(
        "followup_detail",
        get=answers(("system_admin", "professional", "north_admin", "north_mentor")),
        kwargs=_followup,
    ),
    Route(
        "followup_comment_create",
        get=NO_PAGE,
        post=answers(("system_admin", "professional", "north_admin", "north_mentor")),
        kwargs=_followup,
    ),
    # A comment's own URL takes its reader to it in the thread.
    Route(
        "followup_comment",
        get=answers(("system_admin", "professional", "north_admin", "north_mentor"), status=302),
        kwargs=_comment,
    ),
    # The comment is the professional's: only its author edits or deletes it.
    Route(
        "followup_comment_edit",
        get=answers(("professional",), forbidden=("system_admin", "north_admin", "north_mentor")),
        post=answers(("professional",), forbidden=("system_admin", "north_admin", "north_mentor")),
        kwargs=_comment,
    ),
    Route(
        "followup_comment_delete",
        get=NO_PAGE,
        post=answers(("professional",), forbidden=("system_admin", "north_admin", "north_mentor")),
        kwargs=_comment,
    ),
    Route(
        "followup_comment_pin",
        get=NO_PAGE,
        post=answers(STAFF, forbidden=("north_admin", "north_mentor")),
        kwargs=_comment,
    ),
    # the mentor's workspace
    Route("mentor_applications", get=MENTOR_LISTS),
    Route("mentor_course_applications", get=MENTOR_LISTS),
    Route(
        "mentor_application_detail",
        get=answers(MENTORS_OF_ON_REQUEST),
        post=answers(forbidden=MENTORS_OF_ON_REQUEST),
        kwargs=_application,
    ),
    Route("mentor_attendance_sessions", get=MENTOR_LISTS),
    Route(
        "mentor_attendance_session",
        get=answers(MENTORS_OF_ON_REQUEST),
        post=answers(forbidden=MENTORS_OF_ON_REQUEST),
        kwargs=lambda scene: {"session_id": scene.world.past_session.pk},
    ),
    Route("mentor_attendance_courses", get=MENTOR_LISTS),
    Route("mentor_attendance_attendees", get=MENTOR_LISTS),
    Route("mentor_attendance_report", get=MENTOR_LISTS),
    Route("mentor_attendance_export", get=MENTOR_LISTS, kwargs=lambda scene: {"file_format": "csv"}),
    Route(
        "mentor_attendance_export_download",
        get=everyone(404),
        kwargs=lambda scene: {"token": token_new()[0]},
        note="a link that matches no export; the owner's own link is tested in mentora.mentoring",
    ),
    # observations: read by whoever sees the application, written by its mentors only
    Route(
        "observation_list",
        get=answers(("system_admin", "professional", "north_admin", *MENTORS_OF_ON_REQUEST)),
        kwargs=_application,
    ),
    Route(
        "observation_create",
        get=answers(MENTORS_OF_ON_REQUEST, forbidden=("system_admin", "professional", "north_admin")),
        post=answers(MENTORS_OF_ON_REQUEST, forbidden=("system_admin", "professional", "north_admin")),
        kwargs=_application,
    ),
)

ROUTES_BY_NAME = {route.name: route for route in ROUTES}
