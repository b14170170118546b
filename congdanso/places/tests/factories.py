"""Factories for units and agencies."""

import factory

from congdanso.places.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel, UnitType


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit
        django_get_or_create = ("level", "code")

    level = UnitLevel.PROVINCE
    code = 20
    name = "Tỉnh Lạng Sơn"
    short_name = "Lạng Sơn"
    codename = "tinh_lang_son"
    unit_type = UnitType.PROVINCE


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit
        django_get_or_create = ("level", "code")

    level = UnitLevel.COMMUNE
    code = factory.Sequence(lambda n: 90000 + n)
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    short_name = factory.Sequence(lambda n: f"Thử Nghiệm {n}")
    codename = factory.Sequence(lambda n: f"xa_thu_nghiem_{n}")
    unit_type = UnitType.COMMUNE
    parent = factory.SubFactory(ProvinceFactory)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"agency-{n}")
    name = factory.Sequence(lambda n: f"UBND xã Thử Nghiệm {n}")
    kind = AgencyKind.COMMUNE_COMMITTEE
    unit = factory.SubFactory(CommuneFactory)
