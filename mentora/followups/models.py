from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUp(models.Model):
    """A discussion thread on one application, created by provider staff. A mentor sees it only
    when the application is one they mentor AND they are among `mentors`."""

    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="followups",
        verbose_name=_("application"),
    )
    topic = models.CharField(_("topic"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attendees = models.ManyToManyField(
        "applications.Attendee", blank=True, related_name="followups", verbose_name=_("attendees")
    )
    include_customer_admins = models.BooleanField(_("customer admins take part"), default=True)
    # The selected mentor memberships of the application; empty means "mentors: no".
    mentors = models.ManyToManyField(
        "customers.Membership", blank=True, related_name="followups", verbose_name=_("mentors")
    )
    last_comment_at = models.DateTimeField(_("last comment"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-last_comment_at", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.topic


class Comment(models.Model):
    followup = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="comments", verbose_name=_("follow-up")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="followup_comments",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-pinned", "created_at", "pk"]
        indexes = [models.Index(fields=["followup", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author} · {self.followup}"


class FollowUpSeen(models.Model):
    """When a user last read a thread: comments by others after this are unread for them."""

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="seen_by")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["followup", "user"], name="followup_seen_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.followup}"
