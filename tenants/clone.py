"""A fast clone of the market template, used by `tenants.services.market_create`.

django-tenants' `clone_schema()` is a general-purpose PL/pgSQL function (3,500 lines). Several of
its catalog look-ups join `information_schema` views on the table *name*, and each such look-up
visits that table in every schema. A clone therefore costs about (template tables x markets), and
it grows as markets pile up and as the storefront gains tables.

This clone reads the template's catalog by OID only (a handful of indexed queries and one scan of
`pg_class` for the template's namespace) and replays it in one round trip:
`CREATE TABLE … (LIKE template.t INCLUDING ALL EXCLUDING INDEXES EXCLUDING CONSTRAINTS)`, the rows,
every constraint and index under its original name (Django's migrations drop and rename them by
name), then each identity sequence's position. Anything a Django migration would not create
(views, functions, types, triggers, policies, rules, plain sequences, serial defaults) makes it
refuse with `UnsupportedTemplate`, so a caller falls back to `clone_schema()`.
"""

from __future__ import annotations

from psycopg import sql


class UnsupportedTemplate(Exception):
    """The template holds objects this clone does not copy: use clone_schema() instead."""


CONSTRAINT_ORDER = {"p": 0, "u": 1, "x": 2, "c": 3, "f": 4}


def schema_clone_fast(cursor, source: str, dest: str) -> None:
    """Create schema `dest` as a copy of `source` (structure and rows). Run it inside a transaction."""
    cursor.execute("SHOW search_path")
    search_path = cursor.fetchone()[0]
    # Definitions are read with the template first on the search path, so references between its
    # own tables come back unqualified and resolve to the new schema when replayed there.
    cursor.execute("SELECT set_config('search_path', quote_ident(%s), true)", [source])
    cursor.execute("SELECT oid FROM pg_namespace WHERE nspname = %s", [source])
    namespace = cursor.fetchone()[0]
    cursor.execute(
        "SELECT oid, relname, relkind FROM pg_class WHERE relnamespace = %s::oid ORDER BY relname", [namespace]
    )
    relations = cursor.fetchall()
    tables = {oid: name for oid, name, kind in relations if kind == "r"}
    _refuse_unsupported(cursor, namespace, relations, list(tables))
    oids = list(tables)

    cursor.execute(
        "SELECT attrelid, string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute"
        " WHERE attrelid = ANY(%s::oid[]) AND attnum > 0 AND NOT attisdropped AND attgenerated = '' GROUP BY attrelid",
        [oids],
    )
    columns = dict(cursor.fetchall())
    cursor.execute(
        "SELECT conrelid, conname, contype, pg_get_constraintdef(oid), conindid FROM pg_constraint"
        " WHERE conrelid = ANY(%s::oid[]) AND contype IN ('p', 'u', 'x', 'c', 'f')",
        [oids],
    )
    constraints = sorted(cursor.fetchall(), key=lambda row: (CONSTRAINT_ORDER[row[2]], row[1]))
    constraint_indexes = {row[4] for row in constraints if row[2] in "pux"}
    cursor.execute(
        "SELECT indexrelid, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = ANY(%s::oid[])", [oids]
    )
    indexes = sorted(definition for oid, definition in cursor.fetchall() if oid not in constraint_indexes)
    cursor.execute(
        "SELECT a.attrelid, a.attname, pg_get_serial_sequence(quote_ident(%s) || '.' || quote_ident(c.relname), a.attname)"
        " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE a.attrelid = ANY(%s::oid[]) AND a.attidentity <> ''",
        [source, oids],
    )
    identities = cursor.fetchall()

    statements = [sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(dest))]
    statements.append(sql.SQL("SELECT set_config('search_path', {}, true)").format(sql.Literal(_quoted(dest))))
    for oid, table in tables.items():
        source_table, dest_table = sql.Identifier(source, table), sql.Identifier(dest, table)
        statements.append(
            sql.SQL("CREATE TABLE {} (LIKE {} INCLUDING ALL EXCLUDING INDEXES EXCLUDING CONSTRAINTS)").format(
                dest_table, source_table
            )
        )
        if oid in columns:
            statements.append(
                sql.SQL("INSERT INTO {} ({cols}) OVERRIDING SYSTEM VALUE SELECT {cols} FROM {}").format(
                    dest_table, source_table, cols=sql.SQL(columns[oid])
                )
            )
    for oid, name, _kind, definition, _index in constraints:
        statements.append(
            sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                sql.Identifier(dest, tables[oid]), sql.Identifier(name), sql.SQL(definition)
            )
        )
    on_source = f" ON {_quoted(source)}."
    for definition in indexes:
        statements.append(sql.SQL(definition.replace(on_source, f" ON {_quoted(dest)}.", 1)))
    for oid, column, sequence in identities:
        statements.append(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({table}, {column}), last_value, is_called) FROM {sequence}"
            ).format(
                table=sql.Literal(f"{_quoted(dest)}.{_quoted(tables[oid])}"),
                column=sql.Literal(column),
                sequence=sql.SQL(sequence),
            )
        )
    statements.append(sql.SQL("SELECT set_config('search_path', {}, true)").format(sql.Literal(search_path)))
    raw_cursor = getattr(cursor, "cursor", cursor)  # psycopg's own cursor under Django's wrapper
    cursor.execute(sql.SQL(";\n").join(statements).as_string(raw_cursor))


def _quoted(name: str) -> str:
    """The identifier as PostgreSQL prints it (quotes only where needed), like quote_ident()."""
    plain = name.isidentifier() and name == name.lower() and name.isascii()
    return name if plain else '"' + name.replace('"', '""') + '"'


def _refuse_unsupported(cursor, namespace: int, relations: list, tables: list[int]) -> None:
    kinds = {kind for _oid, _name, kind in relations}
    if kinds - {"r", "i", "S"}:
        raise UnsupportedTemplate(f"relations of kinds {sorted(kinds - {'r', 'i', 'S'})}")
    sequences = [oid for oid, _name, kind in relations if kind == "S"]
    cursor.execute(
        "SELECT"
        " (SELECT count(*) FROM pg_depend WHERE classid = 'pg_class'::regclass AND objid = ANY(%(seqs)s::oid[])"
        "   AND deptype = 'i') <> cardinality(%(seqs)s::oid[]),"
        " EXISTS (SELECT FROM pg_proc WHERE pronamespace = %(ns)s::oid),"
        " EXISTS (SELECT FROM pg_type WHERE typnamespace = %(ns)s::oid AND typrelid = 0 AND typelem = 0),"
        " EXISTS (SELECT FROM pg_trigger WHERE tgrelid = ANY(%(tables)s::oid[]) AND NOT tgisinternal),"
        " EXISTS (SELECT FROM pg_policy WHERE polrelid = ANY(%(tables)s::oid[])),"
        " EXISTS (SELECT FROM pg_rewrite WHERE ev_class = ANY(%(tables)s::oid[])),"
        " EXISTS (SELECT FROM pg_attrdef WHERE adrelid = ANY(%(tables)s::oid[])"
        "   AND pg_get_expr(adbin, adrelid) LIKE '%%nextval(%%')",
        {"seqs": sequences, "ns": namespace, "tables": tables},
    )
    found = cursor.fetchone()
    labels = ["plain sequences", "functions", "types", "triggers", "policies", "rules", "serial defaults"]
    if any(found):
        raise UnsupportedTemplate(", ".join(label for label, present in zip(labels, found, strict=True) if present))


def schema_describe(cursor, schema: str) -> dict:
    """Everything a clone must reproduce, with the schema's own name taken out, for comparisons."""
    cursor.execute("SELECT set_config('search_path', quote_ident(%s), true)", [schema])
    cursor.execute(
        "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,"
        " a.attgenerated, pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum)"
        " FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
        " LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum"
        " WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r' ORDER BY 1, a.attnum",
        [schema],
    )
    columns = cursor.fetchall()
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE connamespace = %s::regnamespace AND contype <> 'n' ORDER BY 1, 2",
        [schema],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexrelid::regclass::text, replace(pg_get_indexdef(indexrelid), %s, '') FROM pg_index i"
        " JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = %s::regnamespace ORDER BY 1",
        [f"{_quoted(schema)}.", schema],
    )
    indexes = cursor.fetchall()
    rows = {}
    for table in sorted({row[0] for row in columns}):
        cursor.execute(
            sql.SQL("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t").format(
                sql.Identifier(schema, table)
            )
        )
        rows[table] = cursor.fetchone()
    cursor.execute(
        "SELECT c.relname, a.attname, pg_sequence_last_value(pg_get_serial_sequence("
        " quote_ident(%s) || '.' || quote_ident(c.relname), a.attname)::regclass)"
        " FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
        " WHERE c.relnamespace = %s::regnamespace AND a.attidentity <> '' ORDER BY 1, 2",
        [schema, schema],
    )
    sequences = cursor.fetchall()
    cursor.execute("SELECT set_config('search_path', 'public', true)")
    return {"columns": columns, "constraints": constraints, "indexes": indexes, "rows": rows, "sequences": sequences}
