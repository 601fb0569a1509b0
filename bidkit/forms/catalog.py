"""The questionnaires BidKit ships (forms/*.yaml), loaded once and looked up by id."""

from __future__ import annotations

import functools
from pathlib import Path

from bidkit.errors import NotFound
from bidkit.forms.loader import load_form, shipped_form_files
from bidkit.forms.schema import Form
from bidkit.resources import forms_dir


@functools.cache
def _shipped(folder: Path) -> dict[str, Form]:
    forms: dict[str, Form] = {}
    for path in shipped_form_files(folder):
        form = load_form(path)
        forms[form.id] = form
    return forms


def shipped_forms() -> list[Form]:
    """Every shipped form, current editions first, each group sorted by title.

    A superseded edition stays loadable for the bids started under it, but a new bid is offered
    the edition that replaced it first.
    """
    return sorted(
        _shipped(forms_dir()).values(),
        key=lambda f: (f.superseded, f.title.casefold(), f.version.casefold()),
    )


#: Forms read from buyers' own Word files, registered by `bidkit.ops.buyer_forms` from the
#: workspace (their ids carry a random part, so two workspaces never share one).
_imported: dict[str, Form] = {}


def register_imported(form: Form) -> None:
    """Make an imported questionnaire known to `get_form` (replacing an older reading)."""
    _imported[form.id] = form


def get_form(form_id: str) -> Form:
    if form_id in _imported:
        return _imported[form_id]
    try:
        return _shipped(forms_dir())[form_id]
    except KeyError:
        known = ", ".join(sorted(_shipped(forms_dir()))) or "none"
        raise NotFound(
            f"There is no questionnaire '{form_id}'. Run 'bidkit forms list' to see them "
            f"(known: {known})."
        ) from None
