"""Stage 2, parse: study text becomes the typed model, with file and line on everything."""
