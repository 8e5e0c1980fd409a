"""Board definitions and the curated datasets built from the trusted zone for each board."""
