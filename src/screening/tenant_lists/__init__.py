"""A tenant's own lists (internal blocklists, client-specific lists): read, stored, screened
beside the official lists for that tenant only."""
