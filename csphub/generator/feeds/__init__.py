"""One module per partner feed; ``csphub.generator.GENERATORS`` is the table that lists them."""
