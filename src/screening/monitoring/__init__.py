"""Ongoing monitoring: re-screen kept supplier lists on every list import and alert on changes."""
