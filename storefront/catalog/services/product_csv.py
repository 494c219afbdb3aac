"""The product CSV: its columns, the import (a job with progress in the cache, run by the dashboard's
Celery task `dashboard.products_import`), and the rows of the export and of the error report.

A job lives in the cache under keys that carry the market's schema (django_tenants' make_key), and
the task runs in the schema of the market that queued it (tenant-schemas-celery), so one market can
never read or run another's import. Each row is applied in its own savepoint: a bad row is recorded
with the column and the reason, and never stops the good ones.
"""

from __future__ import annotations

import csv
import io
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asoud.accounts.models import User
from asoud.core.toman import parse_toman, parse_whole_number, rials_to_toman

from ..models import Category, Product, StockMovement
from .dashboard import product_slug_unique
from .inventory import stock_set
from .products import product_create, product_keywords_set, product_update

JOB_TIMEOUT = 24 * 60 * 60
PROGRESS_EVERY_SECONDS = 0.5
MAX_ROWS = 10_000


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str


# The file's columns, in export order; an import may leave any of them out except sku or title.
COLUMNS = [
    Column("sku", gettext_lazy("Your product code. A row whose SKU exists updates that product; others add one.")),
    Column("title", gettext_lazy("The product's name. Required for a new product.")),
    Column("category", gettext_lazy("The category's name or web address, as on the categories page. Empty: none.")),
    Column("price_toman", gettext_lazy("Price in Toman (digits, separators allowed). Required for a new product.")),
    Column("colleague_price_toman", gettext_lazy("Price for business customers, in Toman. Optional.")),
    Column("marketer_price_toman", gettext_lazy("Price for affiliate sales, in Toman. Optional.")),
    Column("stock", gettext_lazy("How many you have. A change is recorded in the stock history as “CSV import”.")),
    Column("active", gettext_lazy("yes or no (also 1/0, true/false, بله/خیر). Empty: yes for new products.")),
    Column("keywords", gettext_lazy("Search words separated by commas.")),
    Column("weight_grams", gettext_lazy("Weight in grams, for shipping. Optional.")),
    Column("description", gettext_lazy("The description (simple HTML is kept, anything unsafe removed).")),
]
COLUMN_NAMES = [column.name for column in COLUMNS]
_YES = {"yes", "y", "1", "true", "on", "بله", "آری", "فعال"}
_NO = {"no", "n", "0", "false", "off", "خیر", "نه", "غیرفعال"}
# Where a service's field error belongs in the file.
_FIELD_COLUMNS = {"price_main": "price_toman", "price_colleague": "colleague_price_toman"}
_FIELD_COLUMNS |= {"price_marketer": "marketer_price_toman", "quantity": "stock", "delta": "stock", "slug": "title"}


# --- The job in the cache ---------------------------------------------------------------------


def _key(job_id: str, part: str = "state") -> str:
    return f"dashboard:products-import:{job_id}:{part}"


def import_job_create(*, text: str, filename: str, user_id: int | None, language: str = "") -> str:
    job_id = uuid.uuid4().hex
    cache.set(_key(job_id, "file"), text, JOB_TIMEOUT)
    state = {"state": "queued", "filename": filename, "user_id": user_id, "total": 0, "processed": 0}
    # The worker writes the per-row messages in the language of the owner who uploaded the file.
    _state_save(job_id, {**state, "language": language or translation.get_language()})
    return job_id


def import_job_get(job_id: str) -> dict | None:
    """The job's progress, or None (unknown, expired, or another market's)."""
    if not job_id.isalnum():
        return None
    return cache.get(_key(job_id))


def import_job_errors(job_id: str) -> list[dict]:
    return cache.get(_key(job_id, "errors")) or []


def _state_save(job_id: str, state: dict) -> None:
    cache.set(_key(job_id), state, JOB_TIMEOUT)


def import_header_check(text: str) -> list[str]:
    """The file's columns, or ValidationError naming the unknown ones (checked before queuing)."""
    reader = csv.reader(io.StringIO(text))
    header = [name.strip().lower() for name in next(reader, [])]
    if not any(header):
        raise ValidationError(_("The first line must name the columns, for example: sku,title,price_toman,stock."))
    unknown = [name for name in header if name and name not in COLUMN_NAMES]
    if unknown:
        raise ValidationError(
            _("Unknown column(s): %(unknown)s. The columns are: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(COLUMN_NAMES)}
        )
    if "sku" not in header and "title" not in header:
        raise ValidationError(_("The file needs a “sku” or a “title” column to know which product each row is."))
    if len(header) != len(set(header)):
        raise ValidationError(_("A column appears twice in the first line."))
    return header


# --- The import run (the dashboard's Celery task calls it in the market's schema) -------------


def products_import_run(*, job_id: str) -> None:
    """Import the job's rows, in the language of the owner who uploaded the file; progress in the cache."""
    state = import_job_get(job_id) or {}
    with translation.override(state.get("language") or settings.LANGUAGE_CODE):
        _products_import(job_id)


def _products_import(job_id: str) -> None:
    state = import_job_get(job_id)
    text = cache.get(_key(job_id, "file"))
    if state is None or text is None:
        return
    rows = list(csv.DictReader(io.StringIO(text)))
    rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k} for row in rows]
    state.update(state="running", total=min(len(rows), MAX_ROWS), processed=0, created=0, updated=0, failed=0)
    _state_save(job_id, state)
    errors, last_save = [], time.monotonic()
    for index, row in enumerate(rows[:MAX_ROWS]):
        line = index + 2  # the header is line 1
        try:
            with transaction.atomic():
                created = import_row(row, user_id=state.get("user_id"))
        except RowError as error:
            state["failed"] += 1
            errors.extend(
                {"line": line, "column": column, "message": str(message), "row": row}
                for column, message in error.problems
            )
        else:
            state["created" if created else "updated"] += 1
        state["processed"] = index + 1
        if time.monotonic() - last_save > PROGRESS_EVERY_SECONDS:
            _state_save(job_id, state)
            last_save = time.monotonic()
    if len(rows) > MAX_ROWS:
        errors.append(
            {"line": MAX_ROWS + 2, "column": "", "message": _("Only the first 10,000 rows are imported."), "row": {}}
        )
    cache.set(_key(job_id, "errors"), errors, JOB_TIMEOUT)
    cache.delete(_key(job_id, "file"))
    state.update(state="done", error_count=len(errors))
    _state_save(job_id, state)


class RowError(Exception):
    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems)
        self.problems = problems


def import_row(row: dict[str, str], *, user_id: int | None = None) -> bool:
    """Apply one row (create or update by SKU); True when a product was created. RowError otherwise."""
    values, problems = _row_parse(row)
    sku = values.get("sku", "")
    product = Product.objects.filter(sku=sku).first() if sku else None
    if product is None:
        if not values.get("title"):
            problems.append(("title", _("A new product needs a title.")))
        if values.get("price_main") is None and "price_toman" not in dict(problems):
            problems.append(("price_toman", _("A new product needs a price.")))
    if problems:
        raise RowError(problems)
    try:
        if product is None:
            _row_create(values, user_id)
        else:
            _row_update(product, values, user_id)
    except ValidationError as error:
        raise RowError(_service_problems(error)) from error
    return product is None


def _row_parse(row: dict[str, str]) -> tuple[dict, list[tuple[str, str]]]:
    values, problems = {}, []

    def parse(column, convert):
        raw = row.get(column, "")
        if column not in row or raw == "":
            return
        try:
            values[column] = convert(raw)
        except ValidationError as error:
            problems.append((column, " ".join(error.messages)))

    parse("sku", lambda raw: raw[:64])
    parse("title", lambda raw: raw[:200])
    parse("description", str)
    parse("category", _category_find)
    parse("price_toman", parse_toman)
    parse("colleague_price_toman", parse_toman)
    parse("marketer_price_toman", parse_toman)
    parse("stock", lambda raw: _non_negative(raw, _("Enter the stock as a whole number, 0 or more.")))
    parse("weight_grams", lambda raw: _non_negative(raw, _("Enter the weight as a whole number of grams.")))
    parse("active", _yes_no)
    parse("keywords", lambda raw: [word.strip() for word in raw.replace("،", ",").split(",") if word.strip()])
    for column, field in (("price_toman", "price_main"), ("colleague_price_toman", "price_colleague")):
        if column in values:
            values[field] = values.pop(column)
    if "marketer_price_toman" in values:
        values["price_marketer"] = values.pop("marketer_price_toman")
    if "active" in values:
        values["is_active"] = values.pop("active")
    return values, problems


def _non_negative(raw: str, message: str) -> int:
    number = parse_whole_number(raw, message=message)
    if number < 0:
        raise ValidationError(message)
    return number


def _yes_no(raw: str) -> bool:
    word = raw.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValidationError(_("Write yes or no."))


def _category_find(raw: str) -> Category:
    category = Category.objects.filter(slug=raw).first() or Category.objects.filter(name__iexact=raw).first()
    if category is None:
        raise ValidationError(
            _("There is no category “%(name)s”: add it on the categories page first, or leave the cell empty.")
            % {"name": raw}
        )
    return category


_UPDATABLE = ["title", "category", "description", "sku", "weight_grams", "price_main", "price_colleague"]
_UPDATABLE += ["price_marketer", "is_active"]


def _row_create(values: dict, user_id: int | None) -> Product:
    fields = {name: values[name] for name in _UPDATABLE if name in values}
    return product_create(
        **fields,
        slug=product_slug_unique(title=values["title"]),
        keywords=values.get("keywords", ()),
        initial_stock=values.get("stock", 0),
        user=_user(user_id),
    )


def _row_update(product: Product, values: dict, user_id: int | None) -> None:
    fields = {name: values[name] for name in _UPDATABLE if name in values}
    if fields:
        product_update(product=product, **fields)
    if "keywords" in values:
        product_keywords_set(product=product, keywords=values["keywords"])
    if "stock" in values and values["stock"] != product.stock:
        if product.has_variants:
            raise RowError([("stock", _("This product has variants: change the stock of each variant on its page."))])
        stock_set(
            product=product,
            quantity=values["stock"],
            reason=StockMovement.Reason.CORRECTION,
            user=_user(user_id),
            note=_("CSV import"),
        )


def _user(user_id: int | None) -> User | None:
    return User.objects.filter(pk=user_id).first() if user_id else None


def _service_problems(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [
            (_FIELD_COLUMNS.get(field, field if field in COLUMN_NAMES else ""), " ".join(messages))
            for field, messages in error.message_dict.items()
        ]
    return [("", " ".join(error.messages))]


# --- Export and the error report --------------------------------------------------------------


def product_csv_row(product: Product) -> list[str]:
    def toman(rials):
        return "" if rials is None else str(rials_to_toman(rials))

    return [
        product.sku,
        product.title,
        product.category.name if product.category_id else "",
        toman(product.price_main),
        toman(product.price_colleague),
        toman(product.price_marketer),
        str(product.stock),
        "yes" if product.is_active else "no",
        ", ".join(keyword.name for keyword in product.keywords.all()),
        "" if product.weight_grams is None else str(product.weight_grams),
        product.description,
    ]


def error_report_rows(errors: list[dict]):
    """The error report: line, column, reason, then the row as it was in the file."""
    yield [_("line"), _("column"), _("problem"), *COLUMN_NAMES]
    for error in errors:
        yield [
            str(error["line"]),
            error["column"],
            error["message"],
            *(error["row"].get(name, "") for name in COLUMN_NAMES),
        ]
