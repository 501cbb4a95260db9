"""Country names to ISO 3166-1 alpha-2, the one home for country lookups (rigour's territories
plus the spellings they miss): publishers' names in `listed`, supplier sheet cells in `cells`,
the quick index of rigour's names both use in `territory_names`."""
