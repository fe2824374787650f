import zoneinfo
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def normalize_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively everywhere, so they are stored lower-cased."""
    return (email or "").strip().lower()


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Choose a valid time zone."))


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, email: str | None) -> "User":
        return self.get(email=normalize_email(email or ""))

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields["is_system_admin"] = True
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser):
    """A person. The e-mail is the sign-in. Roles in customers live on memberships; the two
    provider-staff flags live here because they are platform-wide."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=70, blank=True)
    last_name = models.CharField(_("last name"), max_length=70, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )
    is_system_admin = models.BooleanField(
        _("system administrator"),
        default=False,
        help_text=_("Provider staff who manage customers, users, the catalog and schedules."),
    )
    is_professional = models.BooleanField(
        _("professional"),
        default=False,
        help_text=_("Provider staff who deliver events (teachers, coaches)."),
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Inactive users cannot sign in."))
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        # Stored lower-cased (save() normalises), so the unique column is case-insensitive.
        constraints = [
            models.CheckConstraint(condition=models.Q(email=Lower("email")), name="user_email_lowercase"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.first_name or self.email

    # Django's admin is the system administrators' back office; nobody else gets in.
    @property
    def is_staff(self) -> bool:
        return self.is_active and self.is_system_admin

    @property
    def is_superuser(self) -> bool:
        return self.is_staff

    @property
    def is_provider_staff(self) -> bool:
        return self.is_system_admin or self.is_professional

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return self.is_staff

    def has_perms(self, perm_list: object, obj: object = None) -> bool:
        return self.is_staff

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_staff


class TermsVersionQuerySet(models.QuerySet["TermsVersion"]):
    def published(self) -> "TermsVersionQuerySet":
        return self.filter(published_at__lte=timezone.now())

    def current(self) -> "TermsVersion | None":
        """The terms a person accepts today: the most recently published version."""
        return self.published().order_by("-published_at", "-pk").first()


class TermsVersion(models.Model):
    """One published wording of the terms of use and privacy notice. Never edited once people
    have accepted it: publish a new version instead (consent records point at the version)."""

    version = models.CharField(_("version"), max_length=32, unique=True)
    text = models.TextField(_("text (English)"))
    text_sv = models.TextField(_("text (Swedish)"), blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    objects = TermsVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("terms version")
        verbose_name_plural = _("terms versions")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.version

    def text_for(self, language: str) -> str:
        if language == "sv" and self.text_sv:
            return self.text_sv
        return self.text


class ConsentRecord(models.Model):
    """Proof that a person accepted a terms version: when, and from which client address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents", verbose_name=_("user")
    )
    terms_version = models.ForeignKey(
        TermsVersion, on_delete=models.PROTECT, related_name="consents", verbose_name=_("terms version")
    )
    accepted_at = models.DateTimeField(_("accepted"), default=timezone.now)
    ip = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-accepted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "terms_version"], name="consent_once_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.terms_version} · {self.accepted_at:%Y-%m-%d %H:%M}"
