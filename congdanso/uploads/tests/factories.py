"""Factories for stored files (a real, tiny PNG in the test storage)."""

import hashlib

import factory

from congdanso.accounts.tests.factories import CitizenFactory
from congdanso.uploads.models import StoredFile
from congdanso.uploads.tests.samples import image_bytes

SAMPLE_PNG = image_bytes("PNG", size=(3, 2))


class StoredFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoredFile

    owner = factory.SubFactory(CitizenFactory)
    original_name = "anh.png"
    content_type = "image/png"
    size = len(SAMPLE_PNG)
    sha256 = hashlib.sha256(SAMPLE_PNG).hexdigest()
    file = factory.django.FileField(data=SAMPLE_PNG, filename="ignored.png")
    width = 3
    height = 2
