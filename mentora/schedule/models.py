from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    SCHEDULED = "SCHEDULED", _("Scheduled")
    CANCELED = "CANCELED", _("Canceled")


class EventSeries(models.Model):
    """Events created together as a weekly series; "edit the rest of the series" follows this link."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    repeat_until = models.DateField(_("repeat until"))

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return f"#{self.pk} until {self.repeat_until}"


class Event(models.Model):
    """One calendar entry of an on-request application or of a course instance. Times in UTC."""

    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("application"),
    )
    course_instance = models.ForeignKey(
        "catalog.CourseInstance",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("course instance"),
    )
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("professional"),
    )
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substitute_events",
        verbose_name=_("substitute professional"),
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    online_url = models.URLField(_("online classroom link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    canceled_reason = models.CharField(_("reason for canceling"), max_length=500, blank=True)
    canceled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("canceled by"),
    )
    canceled_at = models.DateTimeField(_("canceled"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(application__isnull=False, course_instance__isnull=True)
                | Q(application__isnull=True, course_instance__isnull=False),
                name="event_belongs_to_one_activity",
            ),
            models.CheckConstraint(
                condition=Q(status=EventStatus.SCHEDULED) | ~Q(canceled_reason=""),
                name="event_cancel_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at"]),
            models.Index(fields=["professional", "starts_at"]),
            # A person's calendar, feed and dashboard read their own applications' and course
            # instances' events in a window: these keep that read to the window's rows.
            models.Index(fields=["application", "starts_at"]),
            models.Index(fields=["course_instance", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_canceled(self) -> bool:
        return self.status == EventStatus.CANCELED


class CalendarFeedToken(models.Model):
    """A user's personal iCalendar subscription. Only the SHA-256 of the token is stored: the URL
    is shown once, when it is made, and regenerating it replaces the hash (the old URL stops
    working). Calendar apps poll without a session, so the token is the only credential."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"
