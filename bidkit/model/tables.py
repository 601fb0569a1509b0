"""Import every table module so that `SQLModel.metadata` knows the whole schema."""

from __future__ import annotations

from sqlmodel import SQLModel

from bidkit.model import bid, buyer_form, consortium, evidence, organisation, questionnaire

metadata = SQLModel.metadata
MODULES = (organisation, bid, evidence, questionnaire, consortium, buyer_form)
