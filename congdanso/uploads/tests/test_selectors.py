import uuid
from datetime import UTC, datetime

import pytest
import time_machine

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.core.errors import NotFound
from congdanso.uploads.selectors import file_get_for, file_list_for
from congdanso.uploads.tests.factories import StoredFileFactory

pytestmark = pytest.mark.django_db


def test_file_get_for_owner_and_superuser():
    stored = StoredFileFactory()
    admin = CitizenFactory(is_superuser=True)

    assert file_get_for(stored.owner, stored.pk) == stored
    assert file_get_for(stored.owner, str(stored.pk)) == stored
    assert file_get_for(admin, stored.pk) == stored


@pytest.mark.parametrize("viewer_kind", ["other-citizen", "official", "inactive-superuser"])
def test_file_get_for_hides_other_peoples_files(viewer_kind):
    stored = StoredFileFactory()
    viewer = {
        "other-citizen": lambda: CitizenFactory(),
        "official": lambda: OfficialFactory(),
        "inactive-superuser": lambda: CitizenFactory(is_superuser=True, is_active=False),
    }[viewer_kind]()

    with pytest.raises(NotFound):
        file_get_for(viewer, stored.pk)


@pytest.mark.parametrize("file_id", ["khong-phai-uuid", uuid.UUID(int=1)])
def test_file_get_for_unknown_or_malformed_id(file_id):
    with pytest.raises(NotFound):
        file_get_for(CitizenFactory(is_superuser=True), file_id)


def test_file_list_for_returns_own_files_newest_first():
    owner = CitizenFactory()
    with time_machine.travel(datetime(2026, 1, 2, 8, 0, tzinfo=UTC), tick=False):
        older = StoredFileFactory(owner=owner)
    with time_machine.travel(datetime(2026, 1, 3, 8, 0, tzinfo=UTC), tick=False):
        newer = StoredFileFactory(owner=owner)
    someone_else = StoredFileFactory()
    system_file = StoredFileFactory(owner=None)

    assert list(file_list_for(owner)) == [newer, older]
    assert set(file_list_for(CitizenFactory(is_superuser=True))) == {older, newer, someone_else, system_file}
    assert list(file_list_for(OfficialFactory())) == []
