"""Canned Cypher, shipped inside the kg package as ``kg.cypher`` (read with importlib.resources).

The .cypher files here run as they are in Neo4j Browser or cypher-shell (with ``:param``);
``write/`` holds the loader's batched statements."""
