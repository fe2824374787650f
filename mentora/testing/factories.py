import factory

from mentora.accounts.models import ConsentRecord, TermsVersion, User
from mentora.customers.models import Customer, Membership, Role, Status

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def accepted_terms(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        """People have accepted the current terms unless a test says otherwise
        (``UserFactory(accepted_terms=False)``)."""
        terms = TermsVersion.objects.current()
        if create and extracted is not False and terms is not None:
            ConsentRecord.objects.get_or_create(user=obj, terms_version=terms)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):  # type: ignore[no-untyped-def]
        if create and results:
            instance.save()


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    name = factory.Sequence(lambda n: f"Customer {n}")
    customer_number = factory.Sequence(lambda n: f"T-{n:04d}")
    organization_number = factory.Sequence(lambda n: f"556{n:03d}-0000")
    status = Status.ACTIVE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    customer = factory.SubFactory(CustomerFactory)
    role = Role.MENTOR
    status = Status.ACTIVE
