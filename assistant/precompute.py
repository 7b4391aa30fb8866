"""What answering needs about every plan, computed once at index time and stored with the index.

A question must cost the same with 5 plans or 5,000 beyond the search itself, and a new process
must not re-read every plan before its first answer. So the build computes, for the generation it
writes: the target and requirement records (per plan, reused from the previous generation when
the plan did not change), the plans' name phrases, place names and the diacritic restorer's
vocabulary, and pickles each under derived/. `PlanIndex.derived` reads them back on first use.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

from .index import PlanIndex, derived_stamp

# the derived values answering reads across all plans (each is built by its own module's function)
PERSISTED = ("targets", "requirements", "name_phrases", "place_names", "alias_places", "diacritic_restorer",
             "ignored_words", "issuer_bodies", "frame_phrases", "agency_generic", "task_sections", "bare_passages", "vector_ids")


def _plan_records(index: PlanIndex, previous: Path | None) -> None:
    """targets/requirements: one pickle per plan under records/, shared with the previous
    generation (a hard link) when the plan's fingerprint is unchanged."""
    from .targets import extract_requirements, extract_targets

    folder = index.root / "records"
    folder.mkdir(exist_ok=True)
    stamp = derived_stamp()
    (folder / "stamp.txt").write_text(stamp, "utf-8")
    state = json.loads((index.root / "state.json").read_text("utf-8"))
    before = json.loads((previous / "state.json").read_text("utf-8")) if previous else {}
    # records found with another vocabulary are found again
    old_stamp = previous / "records" / "stamp.txt" if previous else None
    if old_stamp is None or not old_stamp.exists() or old_stamp.read_text("utf-8") != stamp:
        previous = None
    targets, requirements = [], []
    for doc_id, plan in index.plans.items():
        path = folder / f"{doc_id}.pkl"
        old = previous / "records" / f"{doc_id}.pkl" if previous else None
        if old is not None and old.exists() and before.get(doc_id, {}).get("sha256") == state.get(doc_id, {}).get("sha256"):
            os.link(old, path)
            with open(path, "rb") as f:
                mine = pickle.load(f)
        else:
            raw, parsed = index.text(doc_id), index.parsed(doc_id)
            mine = {"targets": extract_targets(doc_id, raw, parsed, plan),
                    "requirements": extract_requirements(doc_id, raw, parsed, plan)}
            with open(path, "wb") as f:
                pickle.dump(mine, f, protocol=pickle.HIGHEST_PROTOCOL)
        targets += mine["targets"]
        requirements += mine["requirements"]
    index._derived["targets"] = targets
    index._derived["requirements"] = requirements


def precompute(index: PlanIndex, previous: Path | None = None) -> None:
    """Fill and persist every PERSISTED value of a freshly written generation."""
    from .answering import alias_places, frame_phrases, ignored_words, issuer_bodies, place_names, plan_name_pattern
    from .question import diacritic_restorer
    from .structured import agency_generic, bare_passages, task_sections

    _plan_records(index, previous)
    plan_name_pattern(index)
    place_names(index)
    alias_places(index)
    diacritic_restorer(index)
    ignored_words(index)
    issuer_bodies(index)
    frame_phrases(index)
    agency_generic(index)
    task_sections(index)
    bare_passages(index)
    index.vector_ids
    for name in PERSISTED:
        index.save_derived(name)
    # parsed section trees were only needed for the records; the generation does not keep them
    index._parsed.clear()
