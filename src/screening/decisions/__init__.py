"""Case decisions: a reviewer's true-match or false-positive verdict on one supplier-entry pair."""
