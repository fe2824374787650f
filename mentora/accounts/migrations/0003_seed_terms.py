"""The first terms version, so that registration through an invitation works on a fresh database.
Later versions are published in the back office (Terms versions), never by editing this one."""

import datetime

from django.db import migrations

VERSION = "2026-11-01"

TEXT_EN = """Terms of use and privacy notice

Who we are
Mentora is run by the training provider on behalf of the organizations it works with. The provider is the data controller for the personal data in Mentora.

What we store about you
Your name, e-mail address, phone number (if you give it), language and time zone; the organizations you belong to and your role there; the applications you are assigned to; the observations and comments you write; and a log of security-relevant actions (for example when you accepted an invitation), with the network address they came from.

Why
To let you follow up the learners you are responsible for, to let the organization and the provider work with you, and to keep the service secure. The legal basis is the agreement between the provider and your organization (legitimate interest) and, for this account, your acceptance of these terms.

Who sees it
The organization's administrators and the provider's staff. Other mentors see your name where you work on the same application. We do not sell your data or use it for advertising, and our e-mails contain no tracking.

How long
While you are a mentor of at least one organization, and then for at most 12 months, except where the law requires us to keep records longer.

Your rights
You may ask to see, correct, export or delete your data, and you may object to how it is used. Write to the provider's administrators. You can also complain to the Swedish Authority for Privacy Protection (IMY).

Your part
Keep your password to yourself, and write about learners only what is needed to support them."""

TEXT_SV = """Användarvillkor och integritetsinformation

Vilka vi är
Mentora drivs av utbildningsleverantören för de organisationer som den arbetar med. Leverantören är personuppgiftsansvarig för personuppgifterna i Mentora.

Vad vi sparar om dig
Ditt namn, din e-postadress, ditt telefonnummer (om du anger det), språk och tidszon; de organisationer du tillhör och din roll där; de ansökningar du är kopplad till; de observationer och kommentarer du skriver; och en logg över säkerhetsrelevanta händelser (till exempel när du tackade ja till en inbjudan), med den nätverksadress de kom ifrån.

Varför
För att du ska kunna följa upp de deltagare du ansvarar för, för att organisationen och leverantören ska kunna arbeta med dig och för att hålla tjänsten säker. Den rättsliga grunden är avtalet mellan leverantören och din organisation (berättigat intresse) och, för det här kontot, att du godkänner dessa villkor.

Vilka som ser uppgifterna
Organisationens administratörer och leverantörens personal. Andra mentorer ser ditt namn där ni arbetar med samma ansökan. Vi säljer inte dina uppgifter och använder dem inte för reklam, och våra e-postmeddelanden innehåller ingen spårning.

Hur länge
Så länge du är mentor för minst en organisation, och därefter högst 12 månader, utom när lagen kräver att vi sparar uppgifter längre.

Dina rättigheter
Du kan begära att få se, rätta, exportera eller radera dina uppgifter, och du kan invända mot hur de används. Skriv till leverantörens administratörer. Du kan också klaga hos Integritetsskyddsmyndigheten (IMY).

Ditt ansvar
Håll ditt lösenord för dig själv, och skriv bara det om deltagare som behövs för att stödja dem."""


def seed_terms(apps, schema_editor):
    TermsVersion = apps.get_model("accounts", "TermsVersion")
    TermsVersion.objects.get_or_create(
        version=VERSION,
        defaults={
            "text": TEXT_EN,
            "text_sv": TEXT_SV,
            "published_at": datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_terms_and_consent")]

    operations = [migrations.RunPython(seed_terms, migrations.RunPython.noop)]
