"""Every existing sign-in address becomes allauth's verified, primary EmailAddress (they came
through invitations or from administrators), so that the e-mail change flow and two-factor sign-in
accept them."""

from django.db import migrations


def verify_sign_in_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.exclude(email="").iterator():
        address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
        EmailAddress.objects.filter(user=user, primary=True).update(primary=False)
        if address is None:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        else:
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_terms_major"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(verify_sign_in_addresses, migrations.RunPython.noop)]
