"""Consortium bids: partner packs out and in, merge with provenance, the partner Word form.

Below `bidkit.ops` and above `forms`/`library`: these modules build, check and compare packs
as plain values; the operations in `bidkit.ops.packs` read and write the workspace.
"""
