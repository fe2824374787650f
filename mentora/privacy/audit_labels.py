"""What each audit action is called in the logs. An action without a label shows its code."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "user.profile_update": _("Profile changed"),
    "user.email_change": _("E-mail address changed"),
    "user.password_change": _("Password changed"),
    "user.password_reset": _("Password reset"),
    "user.consent": _("Terms accepted"),
    "user.create_by_invitation": _("Account created through an invitation"),
    "user.notification_preferences": _("Notification settings changed"),
    "user.sign_in_new_device": _("Signed in from a new browser"),
    "mfa.added": _("Two-factor sign-in: method added"),
    "mfa.removed": _("Two-factor sign-in: method removed"),
    "mfa.recovery_codes_renewed": _("Two-factor sign-in: new recovery codes"),
    "mfa.recovery_code_used": _("Two-factor sign-in: recovery code used"),
    "membership.add_direct": _("Added as mentor"),
    "membership.create_by_invitation": _("Membership from an invitation"),
    "membership.status_change": _("Membership status changed"),
    "membership.submit_flag_change": _("Permission to submit applications changed"),
    "membership.remove": _("Membership removed"),
    "membership.end_by_erasure": _("Membership ended by account deletion"),
    "invitation.create": _("Invitation sent"),
    "invitation.resend": _("Invitation sent again"),
    "invitation.cancel": _("Invitation canceled"),
    "invitation.accept": _("Invitation accepted"),
    "invitation.follow_email_change": _("Invitation moved to a new e-mail address"),
    "invitation.cancel_replaced_by_email_change": _("Invitation canceled by an e-mail change"),
    "invitation.cancel_by_erasure": _("Invitation canceled by account deletion"),
    "application.mentor_assign": _("Mentor assigned"),
    "application.mentor_unassign": _("Mentor unassigned"),
    "application.create": _("Application created"),
    "application.update": _("Application changed"),
    "application.status": _("Application status changed"),
    "customer.create": _("Customer created"),
    "customer.update": _("Customer changed"),
    "customer.status_change": _("Customer status changed"),
    "terms.publish": _("Terms published"),
    "privacy.export_request": _("Data export requested"),
    "privacy.export_ready": _("Data export prepared"),
    "privacy.export_download": _("Data export downloaded"),
    "privacy.erasure_request": _("Account deletion requested"),
    "privacy.erasure_cancel": _("Account deletion request withdrawn"),
    "privacy.erasure_done": _("Account deleted"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
