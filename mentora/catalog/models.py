from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ServiceType(models.TextChoices):
    ON_REQUEST = "ON_REQUEST", _("On request")
    SCHEDULED = "SCHEDULED", _("Scheduled")


class Service(models.Model):
    """What the provider offers: on-request services are applied for directly; scheduled services
    group the courses whose instances customers apply to."""

    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=16, choices=ServiceType.choices)
    description = models.TextField(_("description"), blank=True)
    tracks_attendance = models.BooleanField(
        _("attendance tracking"),
        default=True,
        help_text=_("For on-request services: whether events take attendance."),
    )
    # db_default: rows written without the field (older code, raw inserts) read "not tracked".
    tracks_completion = models.BooleanField(
        _("completion tracking"),
        default=False,
        db_default=False,
        help_text=_("For on-request services: whether each participant gets a completion status."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(type__in=ServiceType.values), name="service_type_valid")
        ]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="courses", verbose_name=_("service")
    )
    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=200)
    tracks_attendance = models.BooleanField(_("attendance tracking"), default=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class CourseInstance(models.Model):
    """One run of a course, with dates, language, a professional and a capacity."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="instances", verbose_name=_("course")
    )
    code = models.CharField(_("code"), max_length=32, unique=True)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="course_instances",
        verbose_name=_("professional"),
    )
    capacity = models.PositiveIntegerField(_("capacity"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("course instance")
        verbose_name_plural = _("course instances")
        ordering = ["-starts_on", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="instance_dates_ordered"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="instance_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.code
