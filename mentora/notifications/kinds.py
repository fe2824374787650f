"""What a person can be notified of, and how. Each kind has an in-app channel (on or off) and an
e-mail channel (immediately, in the daily or weekly digest, or off); a person's choice per kind
is a NotificationSetting, and a missing row means the defaults below. Security messages
(invitation links, password reset, e-mail change, sign-in from a new device) are not kinds:
they are always sent and never listed."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    MENTOR_ADDED = "MENTOR_ADDED", _("Added as mentor to a customer")
    MENTOR_REMOVED = "MENTOR_REMOVED", _("Removed as mentor from a customer")
    MEMBERSHIP_ACTIVATED = "MEMBERSHIP_ACTIVATED", _("Mentor membership made active")
    MEMBERSHIP_DEACTIVATED = "MEMBERSHIP_DEACTIVATED", _("Mentor membership made inactive")
    ASSIGNED = "ASSIGNED", _("Assigned to an application")
    UNASSIGNED = "UNASSIGNED", _("Unassigned from an application")
    APPLICATION_DECIDED = "APPLICATION_DECIDED", _("Application accepted, rejected or stopped")
    COURSE_APPLICATION_DECIDED = "COURSE_APPLICATION_DECIDED", _("Course application approved or rejected")
    EVENT_CHANGED = "EVENT_CHANGED", _("Event canceled, moved or given a substitute")
    FOLLOWUP_CREATED = "FOLLOWUP_CREATED", _("New follow-up that includes you")
    FOLLOWUP_COMMENT = "FOLLOWUP_COMMENT", _("Comments in your follow-ups")
    OBSERVATION = "OBSERVATION", _("Observations on applications you oversee")
    ATTENDANCE_ALERT = "ATTENDANCE_ALERT", _("Attendance alerts about your mentees")
    INVITATION_ACCEPTED = "INVITATION_ACCEPTED", _("Your invitation was accepted")
    INVITATION_EXPIRING = "INVITATION_EXPIRING", _("Your invitation expires unaccepted soon")
    INVITATION_REMINDER = "INVITATION_REMINDER", _("Invitation reminders")
    COMPLETION = "COMPLETION", _("Completion status of your mentees")


class EmailChoice(models.TextChoices):
    IMMEDIATE = "IMMEDIATE", _("Immediately")
    DAILY = "DAILY", _("Daily digest")
    WEEKLY = "WEEKLY", _("Weekly digest")
    OFF = "OFF", _("Off")


# Alerts and schedule changes cannot wait; comments, which come in bursts, read well in the daily
# digest, and so does the news that the invitee was reminded (it comes about when the "expires in
# two days" notice does, which goes out at once); everything else goes out as it happens.
DEFAULT_EMAIL: dict[Kind, EmailChoice] = {
    Kind.MENTOR_ADDED: EmailChoice.IMMEDIATE,
    Kind.MENTOR_REMOVED: EmailChoice.IMMEDIATE,
    Kind.MEMBERSHIP_ACTIVATED: EmailChoice.IMMEDIATE,
    Kind.MEMBERSHIP_DEACTIVATED: EmailChoice.IMMEDIATE,
    Kind.ASSIGNED: EmailChoice.IMMEDIATE,
    Kind.UNASSIGNED: EmailChoice.IMMEDIATE,
    Kind.APPLICATION_DECIDED: EmailChoice.IMMEDIATE,
    Kind.COURSE_APPLICATION_DECIDED: EmailChoice.IMMEDIATE,
    Kind.EVENT_CHANGED: EmailChoice.IMMEDIATE,
    Kind.FOLLOWUP_CREATED: EmailChoice.IMMEDIATE,
    Kind.FOLLOWUP_COMMENT: EmailChoice.DAILY,
    Kind.OBSERVATION: EmailChoice.IMMEDIATE,
    Kind.ATTENDANCE_ALERT: EmailChoice.IMMEDIATE,
    Kind.INVITATION_ACCEPTED: EmailChoice.IMMEDIATE,
    Kind.INVITATION_EXPIRING: EmailChoice.IMMEDIATE,
    Kind.INVITATION_REMINDER: EmailChoice.DAILY,
    Kind.COMPLETION: EmailChoice.IMMEDIATE,
}

DEFAULT_IN_APP: dict[Kind, bool] = dict.fromkeys(Kind, True)

# The preferences page lists the kinds in these groups, in this order.
GROUPS: list[tuple[Promise, list[Kind]]] = [
    (
        _("Memberships and invitations"),
        [
            Kind.MENTOR_ADDED,
            Kind.MENTOR_REMOVED,
            Kind.MEMBERSHIP_ACTIVATED,
            Kind.MEMBERSHIP_DEACTIVATED,
            Kind.INVITATION_ACCEPTED,
            Kind.INVITATION_EXPIRING,
            Kind.INVITATION_REMINDER,
        ],
    ),
    (
        _("Applications"),
        [Kind.ASSIGNED, Kind.UNASSIGNED, Kind.APPLICATION_DECIDED, Kind.COURSE_APPLICATION_DECIDED],
    ),
    (_("Schedule and attendance"), [Kind.EVENT_CHANGED, Kind.ATTENDANCE_ALERT, Kind.COMPLETION]),
    (_("Follow-ups and observations"), [Kind.FOLLOWUP_CREATED, Kind.FOLLOWUP_COMMENT, Kind.OBSERVATION]),
]

# Before kinds there were five on/off categories. Their stored choices were migrated to these
# kinds, and the unsubscribe links in e-mails sent back then still name a category: such a link
# turns e-mail off for every kind of its category.
LEGACY_CATEGORY_KINDS: dict[str, list[Kind]] = {
    "MEMBERSHIP": [
        Kind.MENTOR_ADDED,
        Kind.MENTOR_REMOVED,
        Kind.MEMBERSHIP_ACTIVATED,
        Kind.MEMBERSHIP_DEACTIVATED,
        Kind.INVITATION_ACCEPTED,
        Kind.INVITATION_EXPIRING,
        Kind.INVITATION_REMINDER,
    ],
    "ASSIGNMENTS": [Kind.ASSIGNED, Kind.UNASSIGNED],
    "FOLLOWUP_COMMENTS": [Kind.FOLLOWUP_CREATED, Kind.FOLLOWUP_COMMENT],
    "OBSERVATIONS": [Kind.OBSERVATION],
    "COMPLETION": [Kind.COMPLETION],
}
