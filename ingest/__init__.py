"""Ingestion: the admin's documents → structured, cited chunks → the index."""
