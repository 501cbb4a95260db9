"""screening: supply-chain due-diligence screening against sanctions lists and DPRK overseas labour."""

__version__ = "0.1.0"
