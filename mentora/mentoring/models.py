from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Observation(models.Model):
    """A note a mentor writes on an application they mentor, optionally about one attendee or one
    event. Visible to the customer's admins, provider staff and the application's mentors. It
    stays, attributed to its author, when the author stops being a mentor."""

    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("application"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("author"),
    )
    attendee = models.ForeignKey(
        "applications.Attendee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("about attendee"),
    )
    event = models.ForeignKey(
        "schedule.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("about event"),
    )
    body = models.TextField(_("observation"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.author} · {self.application.number}"


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
