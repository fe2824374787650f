"""Completion status: per participant of a course application (and of an on-request application
whose service tracks completion), set by provider staff, with every change kept.

A participation with no `Completion` row has not started: the row is created by the first change.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CompletionStatus(models.TextChoices):
    NOT_STARTED = "NOT_STARTED", _("Not started")
    ONGOING = "ONGOING", _("Ongoing")
    COMPLETED = "COMPLETED", _("Completed")
    NOT_COMPLETED = "NOT_COMPLETED", _("Not completed")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")


class Completion(models.Model):
    """The current completion status of one participation."""

    participation = models.OneToOneField(
        "applications.ApplicationAttendee",
        on_delete=models.CASCADE,
        related_name="completion",
        verbose_name=_("participation"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CompletionStatus.choices, default=CompletionStatus.NOT_STARTED
    )
    on = models.DateField(_("date"), null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=1000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    updated_at = models.DateTimeField(_("set"))

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CompletionStatus.values), name="completion_status_valid"
            ),
        ]
        # "Completed this week" on the dashboard: the mentor's participations, then status and date.
        indexes = [models.Index(fields=["status", "on"])]

    def __str__(self) -> str:
        return f"{self.participation_id} · {self.status}"


class CompletionChange(models.Model):
    """Every change to a completion: who, when, before and after ({"status", "on", "comment"};
    before is None for the first change)."""

    completion = models.ForeignKey(
        Completion, on_delete=models.CASCADE, related_name="changes", verbose_name=_("completion")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField()
    before = models.JSONField(null=True)
    after = models.JSONField()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["completion", "-changed_at"])]

    def __str__(self) -> str:
        return f"{self.completion} @ {self.changed_at:%Y-%m-%d %H:%M}"
