"""Pure name matching: normalised names in, ranked and explained candidate entries out. No I/O."""
