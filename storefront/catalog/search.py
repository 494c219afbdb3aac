"""Full-text search with PostgreSQL's core FTS ('simple' configuration: no contrib extensions).

Index and query go through the same normalisation (text.normalise / its SQL twin, translate()), so
ي and ی, ك and ک, and Persian, Arabic and ASCII digits all match each other. Every query word is a
prefix (`word:*`), so results appear while people are still typing.
"""

from django.contrib.postgres.search import SearchQuery
from django.db import connection

from asoud.core.text import SQL_TRANSLATE_FROM, SQL_TRANSLATE_TO, search_terms

from .models import Product

SEARCH_CONFIG = "simple"

_REINDEX_SQL = """
UPDATE {product} AS p SET search_vector =
  setweight(to_tsvector('simple', translate(p.title || ' ' || p.sku, %(src)s, %(dst)s)), 'A')
  || setweight(to_tsvector('simple', translate(
       coalesce((SELECT string_agg(k.name, ' ') FROM {keyword} k
                 JOIN {through} pk ON pk.keyword_id = k.id WHERE pk.product_id = p.id), '')
       || ' ' || coalesce((SELECT c.name FROM {category} c WHERE c.id = p.category_id), ''),
       %(src)s, %(dst)s)), 'B')
  || setweight(to_tsvector('simple', translate(
       regexp_replace(p.description, '<[^>]+>', ' ', 'g'), %(src)s, %(dst)s)), 'C')
WHERE {where}
"""


def search_index_update(*, product_ids: list[int] | None = None) -> None:
    """Rewrite the search vector of these products (all products when None) in one statement."""
    through = Product.keywords.through._meta.db_table
    where = "TRUE" if product_ids is None else "p.id = ANY(%(ids)s)"
    sql = _REINDEX_SQL.format(
        product=Product._meta.db_table,
        keyword=Product.keywords.field.related_model._meta.db_table,
        through=through,
        category=Product.category.field.related_model._meta.db_table,
        where=where,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {"src": SQL_TRANSLATE_FROM, "dst": SQL_TRANSLATE_TO, "ids": list(product_ids or [])})


def search_query(text: str) -> SearchQuery | None:
    """A prefix query matching every word of `text`, or None when there is nothing to search for."""
    terms = search_terms(text)
    if not terms:
        return None
    raw = " & ".join(f"{term}:*" for term in terms)
    return SearchQuery(raw, search_type="raw", config=SEARCH_CONFIG)
