"""imss-tui's Textual explorer: bulletin list, reader, entity sidebar and fuzzy finder."""
