"""kg.schema states the graph's shape once; these hold its parts to each other."""

from __future__ import annotations

from kg import schema


def test_label_properties_are_stated_properties() -> None:
    assert set(schema.LABEL_PROPS) == set(schema.FACT_LABELS)
    for label, props in schema.LABEL_PROPS.items():
        assert set(props) <= set(schema.NODE_PROPS), label
    assert set().union(*schema.LABEL_PROPS.values()) == set(schema.NODE_PROPS)


def test_relationship_shapes_join_fact_labels() -> None:
    assert len(schema.REL_SHAPES) == 11
    for rtype, a, b in schema.REL_SHAPES:
        assert rtype in schema.FACT_TYPES
        assert a in schema.FACT_LABELS and b in schema.FACT_LABELS
    # part-of stays within one kind; reporting lines end at a role or a department
    assert ("PART_OF", "Activity", "Department") not in schema.REL_SHAPES
    assert {(a, b) for t, a, b in schema.REL_SHAPES if t == "REPORTS_TO"} == {
        ("Role", "Role"), ("Role", "Department"),
    }


def test_relationship_properties_name_fact_types() -> None:
    assert set(schema.REL_PROPS) <= set(schema.FACT_TYPES)
    assert schema.REL_PROPS["MONITORS"] == (schema.RANK,)


def test_bookkeeping_is_apart_from_facts() -> None:
    assert not set(schema.BOOKKEEPING_LABELS) & set(schema.FACT_LABELS)
    assert not set(schema.BOOKKEEPING_PROPS) & set(schema.NODE_PROPS)
    assert schema.BOOKKEEPING_PROPS == (
        "sources", "stated_in", "pages", "starts", "ends", "sentences", "source_props",
    )


def test_raci_letters_are_distinct() -> None:
    letters = list(schema.RACI_LETTERS.values())
    assert letters == ["R", "S", "A", "C"]
    assert schema.RACI_SEPARATOR not in "".join(letters)
