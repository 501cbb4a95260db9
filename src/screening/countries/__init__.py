"""Country names to ISO 3166-1 alpha-2, the one home for country lookups (rigour's territories
plus the spellings they miss): the one lookup in `lookup`, which publishers' names (`listed`) and
supplier sheet cells (`cells`) wrap, on the quick index of rigour's names in `territory_names`."""
