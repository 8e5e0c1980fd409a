"""csphub: the Birmingham CSP data-sharing hub."""
