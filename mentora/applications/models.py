"""Applications of both kinds, their attendees and their mentors.

On-request application: DRAFT → NEW → PROCESSING → ACCEPTED | REJECTED | STOPPED.
Course application (to a course instance): PENDING → APPROVED | REJECTED | CANCELED.
Both kinds live in one table so that mentors, attendees, follow-ups and observations hang off
one thing; database constraints keep each kind's fields and statuses apart.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ON_REQUEST = "ON_REQUEST", _("On-request application")
    COURSE = "COURSE", _("Course application")


class ApplicationStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    NEW = "NEW", _("New")
    PROCESSING = "PROCESSING", _("Processing")
    ACCEPTED = "ACCEPTED", _("Accepted")
    STOPPED = "STOPPED", _("Stopped")
    PENDING = "PENDING", _("Pending")
    APPROVED = "APPROVED", _("Approved")
    REJECTED = "REJECTED", _("Rejected")
    CANCELED = "CANCELED", _("Canceled")


S = ApplicationStatus
STATUSES_BY_KIND: dict[str, tuple[str, ...]] = {
    Kind.ON_REQUEST: (S.DRAFT, S.NEW, S.PROCESSING, S.ACCEPTED, S.REJECTED, S.STOPPED),
    Kind.COURSE: (S.PENDING, S.APPROVED, S.REJECTED, S.CANCELED),
}
# The legal moves. Who may make each move is a question for permissions, not for this table.
TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    Kind.ON_REQUEST: {
        S.DRAFT: (S.NEW,),
        S.NEW: (S.PROCESSING, S.REJECTED),
        S.PROCESSING: (S.ACCEPTED, S.REJECTED, S.STOPPED),
        S.ACCEPTED: (S.STOPPED,),
    },
    Kind.COURSE: {S.PENDING: (S.APPROVED, S.REJECTED, S.CANCELED)},
}
NUMBER_PREFIX: dict[str, str] = {Kind.ON_REQUEST: "A", Kind.COURSE: "C"}
# The labels by value, for the get_*_display methods below.
_KIND_LABELS = dict(Kind.choices)
_STATUS_LABELS = dict(ApplicationStatus.choices)
_LANGUAGE_NAMES = dict(settings.LANGUAGES)


class Application(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # Human-readable ID, e.g. A-2026-000123 or C-2026-000045 (see ApplicationNumber).
    number = models.CharField(_("ID"), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("customer"),
    )
    service = models.ForeignKey(
        "catalog.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("service"),
    )
    course_instance = models.ForeignKey(
        "catalog.CourseInstance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("course instance"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="sv")
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="professional_applications",
        verbose_name=_("professional"),
        help_text=_("The professional responsible for an on-request application."),
    )
    status = models.CharField(_("status"), max_length=16, choices=ApplicationStatus.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=Kind.ON_REQUEST,
                        service__isnull=False,
                        course_instance__isnull=True,
                        status__in=STATUSES_BY_KIND[Kind.ON_REQUEST],
                    )
                    | Q(
                        kind=Kind.COURSE,
                        service__isnull=True,
                        course_instance__isnull=False,
                        status__in=STATUSES_BY_KIND[Kind.COURSE],
                    )
                ),
                name="application_kind_fields_and_status",
            ),
        ]
        indexes = [
            models.Index(fields=["customer", "kind", "status"]),
            models.Index(fields=["course_instance", "status"]),
            # A customer's applications newest first (the lists' order): a page is read in index
            # order and the scan stops after it.
            models.Index(fields=["customer", "created_at", "id"], name="application_customer_created"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.display_title}"

    # Django's generated get_*_display hash every choice's lazy label, translating them all, on
    # each call (60 µs for the status, on every row of every list); these translate the one shown.
    def get_kind_display(self) -> str:  # type: ignore[no-redef]  # in place of the generated one
        return str(_KIND_LABELS.get(self.kind, self.kind))

    def get_status_display(self) -> str:  # type: ignore[no-redef]  # in place of the generated one
        return str(_STATUS_LABELS.get(self.status, self.status))

    def get_language_display(self) -> str:  # type: ignore[no-redef]  # in place of the generated one
        return str(_LANGUAGE_NAMES.get(self.language, self.language))

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.kind == Kind.COURSE and self.course_instance is not None:
            return str(self.course_instance.course)
        return str(self.service) if self.service_id else ""

    @property
    def is_course(self) -> bool:
        return self.kind == Kind.COURSE

    def allowed_transitions(self) -> tuple[str, ...]:
        return TRANSITIONS[self.kind].get(self.status, ())

    @property
    def schedule_visible_to_mentors(self) -> bool:
        """A course application's schedule and attendance show once it is APPROVED."""
        return self.kind == Kind.ON_REQUEST or self.status == ApplicationStatus.APPROVED


class ApplicationNumber(models.Model):
    """The last number used per kind and year; locked with select_for_update when a number is taken."""

    prefix = models.CharField(max_length=1)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="application_number_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class Attendee(models.Model):
    """A learner of a customer. Reused across that customer's applications; a login is optional."""

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="attendees", verbose_name=_("customer")
    )
    first_name = models.CharField(_("first name"), max_length=70)
    last_name = models.CharField(_("last name"), max_length=70)
    email = models.EmailField(_("e-mail address"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendee_records",
        verbose_name=_("user account"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["last_name", "first_name", "pk"]
        indexes = [models.Index(fields=["customer", "last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ApplicationAttendee(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="participants", verbose_name=_("application")
    )
    attendee = models.ForeignKey(
        Attendee, on_delete=models.PROTECT, related_name="participations", verbose_name=_("attendee")
    )
    participating = models.BooleanField(_("takes part"), default=True)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("application attendee")
        verbose_name_plural = _("application attendees")
        ordering = ["attendee__last_name", "attendee__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["application", "attendee"], name="application_attendee_unique")
        ]

    def __str__(self) -> str:
        return f"{self.attendee} · {self.application.number}"


class MentorAssignment(models.Model):
    """A mentor membership (ACTIVE, same customer: checked by the service) assigned to an
    application. Removing the membership ends its assignments."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="mentor_assignments",
        verbose_name=_("application"),
    )
    membership = models.ForeignKey(
        "customers.Membership",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("mentor"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        constraints = [
            models.UniqueConstraint(fields=["application", "membership"], name="mentor_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} · {self.application.number}"
