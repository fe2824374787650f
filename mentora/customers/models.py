from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import validate_time_zone


class Status(models.TextChoices):
    ACTIVE = "ACTIVE", _("Active")
    INACTIVE = "INACTIVE", _("Inactive")


class Customer(models.Model):
    """A customer organization of the training provider: the tenant."""

    name = models.CharField(_("name"), max_length=200)
    organization_number = models.CharField(_("organization number"), max_length=32, blank=True)
    customer_number = models.CharField(_("customer number"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="customer_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == Status.ACTIVE


class Role(models.TextChoices):
    CUSTOMER_ADMIN = "CUSTOMER_ADMIN", _("Customer admin")
    MENTOR = "MENTOR", _("Mentor")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        """ACTIVE memberships of ACTIVE customers: the only ones that grant anything."""
        return self.filter(status=Status.ACTIVE, customer__status=Status.ACTIVE)

    def mentors(self) -> "MembershipQuerySet":
        return self.filter(role=Role.MENTOR)

    def customer_admins(self) -> "MembershipQuerySet":
        return self.filter(role=Role.CUSTOMER_ADMIN)


class Membership(models.Model):
    """A user's role in one customer. One user may hold memberships in several customers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("customer")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    can_submit_applications = models.BooleanField(_("allowed to submit applications"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["customer__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "customer", "role"], name="membership_unique_role"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="membership_status_valid"
            ),
            # "Allowed to submit applications" is a mentor's flag; admins may always submit.
            models.CheckConstraint(
                condition=models.Q(role=Role.MENTOR) | models.Q(can_submit_applications=False),
                name="membership_submit_flag_mentors_only",
            ),
        ]
        indexes = [models.Index(fields=["customer", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.customer}"

    @property
    def is_active(self) -> bool:
        return self.status == Status.ACTIVE and self.customer.status == Status.ACTIVE
