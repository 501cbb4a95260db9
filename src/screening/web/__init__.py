"""The analyst web page, served from the same app as the REST API."""
