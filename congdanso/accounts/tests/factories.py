"""Factories for citizens and officials."""

import factory
from django.utils import timezone

from congdanso.accounts.models import OfficialRole, Role, User, UserKind
from congdanso.places.tests.factories import AgencyFactory


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    kind = UserKind.CITIZEN
    phone = factory.Sequence(lambda n: f"0912{n:06d}")
    username = factory.LazyAttribute(lambda user: user.phone)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    phone_verified_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password("mat-khau-an-toan-1")


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    kind = UserKind.OFFICIAL
    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Trần Thị {n}")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.django.Password("mat-khau-an-toan-1")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        for role in extracted or [Role.HANDLER]:
            OfficialRole.objects.create(user=self, role=role, agency=self.agency)
