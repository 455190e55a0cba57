import pytest

from coopdec.inventory.models import FiguresVersion
from coopdec.public import opendata


@pytest.fixture(autouse=True)
def own_data_version(db):
    """What is kept per version of the data (open data files in the storage, cached maps)
    outlives a test's transaction: each test starts from a version of its own, with no
    files written yet."""
    FiguresVersion.bump()
    for version in opendata._versions():
        opendata._remove(f"{opendata.FOLDER}/{version}")
