"""Reserved for a later capability; see ARCHITECTURE.md."""
