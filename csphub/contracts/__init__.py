"""Data contracts: the YAML contracts partners sign up to and the Avro schemas they reference."""
