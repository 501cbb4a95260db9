"""Where the lists come from: fetching each list from its publisher or a mirror, verifying it,
importing a new version, and keeping every list's status (current, stale, failed)."""
