"""The embedded default: SQLite and local files under ``var/``, no service needed."""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import DATA_DIR
from .env import env_str

# A local secret kept beside the database, so sessions survive restarts without any variable.
_secret_file = DATA_DIR / "secret_key"
if not env_str("SECRET_KEY"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if not _secret_file.exists():
        _secret_file.write_text(get_random_secret_key(), encoding="utf-8")
        _secret_file.chmod(0o600)
    SECRET_KEY = _secret_file.read_text(encoding="utf-8").strip()
