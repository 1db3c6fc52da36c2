"""IATI activity data in and out: parsing, mapping onto the domain model, importing, tracing."""
