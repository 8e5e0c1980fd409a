"""Partner → landing: the S3 drop watcher (push), pull connectors, and the ingest consumer."""
