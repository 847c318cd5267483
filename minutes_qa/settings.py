"""Settings of the CLI and the server, from the environment (``MINUTES_QA_*``).

Built at the edge (in ``main`` or the app factory), never at import time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from minutes_qa.index.encoder import DEFAULT_MODEL
from minutes_qa.index.vectors import FLAT_MAX
from minutes_qa.qa.query import KEYWORD_MAX_DOCS, KEYWORD_MAX_TERMS

if TYPE_CHECKING:
    from minutes_qa.index.archive import Archive
    from minutes_qa.index.encoder import Encoder
    from minutes_qa.index.onnx_encoder import OnnxEncoder
    from minutes_qa.index.torch_encoder import SentenceTransformerEncoder
    from minutes_qa.qa.alerts_send import SmtpSettings
    from minutes_qa.qa.search import Searcher


# No setting may raise the most results of one search above this.
K_BOUND = 1000


class Settings(BaseSettings):
    """``MINUTES_QA_INDEX`` names the index folder, ``MINUTES_QA_MODEL`` the
    embedding model (a local folder, or the bundled default)."""

    model_config = SettingsConfigDict(env_prefix="MINUTES_QA_", populate_by_name=True)

    index: Path = Path(".minutes-qa")
    model: str = DEFAULT_MODEL
    encoding: Literal["fp32", "int8"] | None = Field(
        None,
        description="fp32 (PyTorch) or int8 (ONNX, quantised); default: the index's, else fp32",
    )
    runtime: Literal["torch", "onnx"] = Field(
        "onnx",
        description="what computes fp32 vectors: ONNX Runtime (fast single queries) or PyTorch",
    )
    model_cache: Path | None = Field(
        None, description="where the int8 export of the model is kept (~/.cache/minutes-qa)"
    )
    batch_size: int = Field(64, ge=1, le=4096)
    threads: int = Field(2, ge=1, le=256, description="torch and FAISS threads")
    embed_context: bool = Field(
        False, description="embed new indexes' passages with item title and lead-in"
    )
    keyword_max_docs: int = Field(
        KEYWORD_MAX_DOCS,
        ge=0,
        description="keyword search leaves out words found in more passages than this (0: none)",
    )
    keyword_max_terms: int = Field(
        KEYWORD_MAX_TERMS,
        ge=0,
        description="keyword search scores at most this many of a query's words, the rarest "
        "(0: all)",
    )
    flat_max: int = Field(
        FLAT_MAX,
        ge=0,
        description="compare every vector up to this many passages (fp16 above 50,000); "
        "IVF above. Applies when an ingest writes",
    )
    layout: Literal["ivf", "ivfpq"] = Field(
        "ivf",
        description="the FAISS layout above flat_max: ivf (whole vectors in memory) or ivfpq "
        "(compressed codes in memory, candidates re-scored with the exact vectors mapped from "
        "disk); an index once compressed stays so. Applies when an ingest writes",
    )
    max_k: int = Field(50, ge=1, le=K_BOUND, description="the most results one search returns")
    max_query_chars: int = Field(1000, ge=10, description="the longest query accepted")
    api_key_file: Path | None = Field(
        None, description="a file of API keys, one a line, for uploads and deletions"
    )
    api_keys_env: str = Field(
        "", alias="MINUTES_QA_API_KEYS", description="API keys, comma-separated"
    )
    restricted_key_file: Path | None = Field(
        None, description="a file of keys, one a line, that may read restricted passages"
    )
    restricted_keys_env: str = Field(
        "",
        alias="MINUTES_QA_RESTRICTED_KEYS",
        description="keys that may read restricted passages, comma-separated",
    )
    rate_limit: int = Field(
        600, ge=0, description="API requests a minute per client (key or address); 0: no limit"
    )
    rate_burst: int = Field(60, ge=1, description="requests a client may make at once")
    max_upload_files: int = Field(20, ge=1)
    max_upload_bytes: int = Field(20 * 1024 * 1024, ge=1024)
    cors_origins: list[str] = Field(
        default_factory=list,
        description="origins allowed to call the API from a browser (JSON list); none by default",
    )
    # Alerts: digest emails go out through this SMTP server; the password is
    # never logged (SecretStr hides it from repr and errors too).
    smtp_host: str | None = Field(None, description="SMTP server for alert emails")
    smtp_port: int | None = Field(
        None, ge=1, le=65535, description="default: 25, 587 or 465 by TLS mode"
    )
    smtp_sender: str = Field("minutes-qa@localhost", description="From: of alert emails")
    smtp_tls: Literal["none", "starttls", "ssl"] = Field("starttls")
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    public_url: str = Field(
        "http://127.0.0.1:8000",
        description="the server's address as readers reach it: links in alert emails, "
        "webhooks and feeds",
    )

    def api_keys(self) -> list[str]:
        """Admin keys from ``MINUTES_QA_API_KEYS`` and the key file; never logged."""
        return _keys(self.api_keys_env, self.api_key_file)

    def restricted_keys(self) -> list[str]:
        """Keys that may read restricted passages (admin keys may too)."""
        return _keys(self.restricted_keys_env, self.restricted_key_file)

    def smtp(self) -> SmtpSettings:
        from minutes_qa.qa.alerts_send import SmtpSettings

        return SmtpSettings(
            host=self.smtp_host,
            port=self.smtp_port,
            sender=self.smtp_sender,
            tls=self.smtp_tls,
            user=self.smtp_user,
            password=self.smtp_password.get_secret_value() if self.smtp_password else None,
        )


def _keys(listed: str, file: Path | None) -> list[str]:
    keys = [k.strip() for k in listed.split(",") if k.strip()]
    if file and file.is_file():
        keys += [k.strip() for k in file.read_text().splitlines() if k.strip()]
    return keys


def configured_searcher(settings: Settings, index: Archive, encoder: Encoder) -> Searcher:
    from minutes_qa.qa.retrieve import Fusion
    from minutes_qa.qa.search import Searcher

    return Searcher(
        index,
        encoder,
        Fusion(max_term_docs=settings.keyword_max_docs, max_terms=settings.keyword_max_terms),
    )


def configured_encoder(settings: Settings) -> SentenceTransformerEncoder | OnnxEncoder:
    """The encoder the settings name, with thread counts set first. Without an
    ``encoding`` setting, an existing index's own encoding is used."""
    from minutes_qa.index.encoder import load_encoder
    from minutes_qa.index.manifest import MANIFEST, read_manifest
    from minutes_qa.index.sharded import shard_folders
    from minutes_qa.index.tuned import model_source

    set_threads(settings.threads)
    encoding = settings.encoding
    if encoding is None:
        # A folder of shards: its shards share one encoding.
        built_in = next(
            (
                f
                for f in (settings.index, *shard_folders(settings.index))
                if (f / MANIFEST).is_file()
            ),
            None,
        )
        built = read_manifest(built_in).encoding if built_in else None
        encoding = "int8" if built == "int8" else "fp32"
    model, name = settings.model, None
    if "model" not in settings.model_fields_set and (settings.index / MANIFEST).is_file():
        # An index re-embedded by ``minutes-qa tune`` is searched with its own model.
        tuned = model_source(settings.index, read_manifest(settings.index))
        name, model = tuned or (None, model)
    return load_encoder(
        model,
        settings.batch_size,
        encoding,
        settings.model_cache,
        settings.threads,
        settings.runtime,
        name=name,
    )


def set_threads(threads: int) -> None:
    """Two cores: one pool each for torch and FAISS would oversubscribe them;
    both get the same number, used one after the other per query."""
    import faiss

    faiss.omp_set_num_threads(threads)
    if "torch" in sys.modules:  # else the torch encoder sets it when it loads torch
        sys.modules["torch"].set_num_threads(threads)
