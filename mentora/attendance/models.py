"""Attendance: one session per started event (when attendance is tracked), one record per
(session, attendee), and every change kept.

How they are counted (the attendance rate, "needs attention") is `arithmetic`, written once."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AttendanceStatus(models.TextChoices):
    PRESENT = "PRESENT", _("Present")
    LATE = "LATE", _("Late")
    EXCUSED = "EXCUSED", _("Excused")
    ABSENT = "ABSENT", _("Absent")
    NOT_ENROLLED = "NOT_ENROLLED", _("Not enrolled")


class Session(models.Model):
    event = models.OneToOneField(
        "schedule.Event", on_delete=models.CASCADE, related_name="session", verbose_name=_("event")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return str(self.event)


class AttendanceRecord(models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="records", verbose_name=_("session")
    )
    attendee = models.ForeignKey(
        "applications.Attendee",
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("attendee"),
    )
    # Blank until someone takes attendance: the session is INCOMPLETE while any record is blank.
    status = models.CharField(_("status"), max_length=16, choices=AttendanceStatus.choices, blank=True)
    minutes = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(fields=["session", "attendee"], name="attendance_record_unique"),
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=AttendanceStatus.values), name="attendance_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["attendee", "session"]),
            # "Is this session complete?" (arithmetic.complete_sessions_only) asks, for each record,
            # whether its session still has a record without a status: only those few are indexed.
            models.Index(fields=["session"], condition=Q(status=""), name="attendance_record_unrecorded"),
        ]

    def __str__(self) -> str:
        return f"{self.attendee} · {self.session} · {self.status or '-'}"


class AttendanceChange(models.Model):
    """Every change to a record: who, when, before and after."""

    record = models.ForeignKey(AttendanceRecord, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    before = models.JSONField(null=True)
    after = models.JSONField()

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.record} @ {self.changed_at:%Y-%m-%d %H:%M}"


# Attendance alerts ---------------------------------------------------------------------------

RATE_PERCENT_RANGE = (1, 100)
MIN_SESSIONS_RANGE = (1, 50)
CONSECUTIVE_ABSENCES_RANGE = (1, 10)


class AlertSettings(models.Model):
    """A customer's attendance-alert thresholds; a customer without a row has the defaults. The
    rule they make is `arithmetic.AttentionRule`."""

    customer = models.OneToOneField(
        "customers.Customer",
        on_delete=models.CASCADE,
        related_name="attendance_alert_settings",
        verbose_name=_("customer"),
    )
    rate_percent = models.PositiveSmallIntegerField(_("attendance-rate threshold (%)"), default=80)
    min_sessions = models.PositiveSmallIntegerField(_("minimum counted sessions"), default=3)
    consecutive_absences = models.PositiveSmallIntegerField(_("consecutive absences"), default=2)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("attendance alert settings")
        verbose_name_plural = _("attendance alert settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(rate_percent__gte=RATE_PERCENT_RANGE[0], rate_percent__lte=RATE_PERCENT_RANGE[1]),
                name="alert_settings_rate_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(min_sessions__gte=MIN_SESSIONS_RANGE[0], min_sessions__lte=MIN_SESSIONS_RANGE[1]),
                name="alert_settings_min_sessions_range",
            ),
            models.CheckConstraint(
                condition=Q(
                    consecutive_absences__gte=CONSECUTIVE_ABSENCES_RANGE[0],
                    consecutive_absences__lte=CONSECUTIVE_ABSENCES_RANGE[1],
                ),
                name="alert_settings_consecutive_absences_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer}: {self.rate_percent} % / {self.min_sessions} / {self.consecutive_absences}"


class AlertState(models.Model):
    """Whether a mentee currently needs attention on one application (an on-request one, or a
    course application), so that an alert fires once per crossing from OK to below.
    `through` is the start of the latest counted session when it crossed: a later recovery that
    leaves the mentee below as of `through` is a recovery, otherwise the reason was corrected."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+", verbose_name=_("application")
    )
    attendee = models.ForeignKey(
        "applications.Attendee", on_delete=models.CASCADE, related_name="+", verbose_name=_("attendee")
    )
    below = models.BooleanField(_("needs attention"), default=False)
    through = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("attendance alert state")
        verbose_name_plural = _("attendance alert states")
        constraints = [
            models.UniqueConstraint(fields=["application", "attendee"], name="alert_state_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.attendee} · {'below' if self.below else 'ok'}"
