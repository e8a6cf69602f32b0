"""The neomodel classes (kg/ogm.py) state the shape kg.schema states (no database)."""

from __future__ import annotations

import pytest
from neomodel import RelationshipDefinition, StructuredNode, StructuredRel

from kg import ogm
from kg.schema import (
    ACTIVITY_KINDS,
    FACT_LABELS,
    KEY,
    LABEL_PROPS,
    LOAD_RUN_PROPS,
    MONITOR_RANKS,
    PROVENANCE,
    REL_PROPS,
    REL_SHAPES,
    REPORT_CONTEXT_PROPS,
    SCOPE,
    SOURCE_NODE_PROPS,
)

PROVENANCED = {SCOPE, *PROVENANCE}


def stored(cls: type[StructuredNode] | type[StructuredRel]) -> set[str]:
    """The properties ``cls`` stores, by their name in the database."""
    return {
        prop.db_property or name
        for name, prop in cls.defined_properties(aliases=False, rels=False).items()
    }


def relationships(cls: type[StructuredNode]) -> dict[str, RelationshipDefinition]:
    return dict(cls.defined_properties(aliases=False, properties=False))


def test_every_fact_label_has_its_class() -> None:
    assert set(ogm.FACT_CLASSES) == set(FACT_LABELS)
    for label, cls in ogm.FACT_CLASSES.items():
        assert cls.__label__ == label
        assert cls in ogm.NODE_CLASSES


@pytest.mark.parametrize("label", FACT_LABELS)
def test_fact_class_properties_are_the_schemas(label: str) -> None:
    cls = ogm.FACT_CLASSES[label]
    assert stored(cls) == {KEY, *LABEL_PROPS[label], *PROVENANCED}


@pytest.mark.parametrize("label", FACT_LABELS)
def test_relationship_definitions_are_shapes_of_the_schema(label: str) -> None:
    for attr, rel in relationships(ogm.FACT_CLASSES[label]).items():
        rtype, model = rel.definition["relation_type"], rel.definition["model"]
        assert isinstance(rtype, str) and isinstance(model, type) and issubclass(model, StructuredRel)
        assert (rtype, label, rel._raw_class) in REL_SHAPES, f"{label}.{attr}"
        assert stored(model) == PROVENANCED | set(REL_PROPS.get(rtype, ())), f"{label}.{attr}"


def test_every_relationship_shape_has_a_definition() -> None:
    """Object access reaches every fact relationship from its start node."""
    defined = {
        (rel.definition["relation_type"], label, rel._raw_class)
        for label, cls in ogm.FACT_CLASSES.items()
        for rel in relationships(cls).values()
    }
    # PART_OF between departments and between activities, REPORTS_TO to roles and
    # departments, MONITORS by roles and departments: one definition each
    assert set(REL_SHAPES) == defined


def test_choices_are_the_schemas() -> None:
    assert tuple(ogm.Monitoring.rank.choices or ()) == MONITOR_RANKS
    assert tuple(ogm.Activity.kind.choices or ()) == ACTIVITY_KINDS


def test_reporting_and_source_properties() -> None:
    assert set(REPORT_CONTEXT_PROPS) <= stored(ogm.Reporting)
    assert stored(ogm.Source) == {KEY, *SOURCE_NODE_PROPS}
    assert stored(ogm.LoadRun) == {KEY, *LOAD_RUN_PROPS}
