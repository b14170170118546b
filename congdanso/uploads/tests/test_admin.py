import pytest
from django.test import Client
from django.urls import reverse

from congdanso.accounts.tests.factories import CitizenFactory
from congdanso.uploads.tests.factories import StoredFileFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_files_read_only():
    stored = StoredFileFactory(original_name="Ảnh hiện trường.png")
    admin = CitizenFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)

    listing = client.get(reverse("admin:uploads_storedfile_changelist"))
    detail = client.get(reverse("admin:uploads_storedfile_change", args=[stored.pk]))
    add = client.get(reverse("admin:uploads_storedfile_add"))
    delete = client.post(reverse("admin:uploads_storedfile_delete", args=[stored.pk]), {"post": "yes"})

    assert listing.status_code == 200
    assert "Ảnh hiện trường.png" in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert add.status_code == 403
    assert delete.status_code == 403
    assert stored.__class__.objects.filter(pk=stored.pk).exists()
