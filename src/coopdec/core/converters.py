class IdConverter:
    """A database id: digits only, and short enough that no database overflows on it."""

    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
