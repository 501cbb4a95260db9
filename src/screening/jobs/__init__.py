"""Background jobs: uploaded sheets screened in chunks, with progress, results and reports."""
