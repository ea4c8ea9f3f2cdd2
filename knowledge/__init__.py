"""What ingestion and the bot share: document and chunk model, settings, embedders, index."""
