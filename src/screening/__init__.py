"""screening: supply-chain screening against sanctions lists and DPRK overseas-labour entities."""

__version__ = "0.1.0"
