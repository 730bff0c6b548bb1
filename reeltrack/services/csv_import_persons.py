"""Importing people from a CSV file: created by email, updated on request."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select

from reeltrack.crud.hooks.persons import EMAIL_PATTERN
from reeltrack.services.auth import SENSITIVE_FIELDS
from reeltrack.services.csv_import import RowError, run_rows, strtobool
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

# Stored code -> label a spreadsheet may show instead (Kitsu's labels).
ROLES = {
    "user": "Artist",
    "admin": "Studio Manager",
    "supervisor": "Supervisor",
    "manager": "Production Manager",
    "client": "Client",
    "vendor": "Vendor",
}
CONTRACTS = {
    "open-ended": "Open-ended",
    "fixed-term": "Fixed-term",
    "short-term": "Short-term",
    "freelance": "Freelance",
    "apprentice": "Apprentice",
    "internship": "Internship",
}
POSITIONS = {"supervisor": "Supervisor", "lead": "Lead", "artist": "Artist"}
SENIORITIES = {"senior": "Senior", "mid": "Mid", "junior": "Junior"}
CHOICE_COLUMNS = (
    ("Role", "role", ROLES),
    ("Contract Type", "contract_type", CONTRACTS),
    ("Position", "position", POSITIONS),
    ("Seniority", "seniority", SENIORITIES),
)


def choice(column: str, value: str, choices: dict[str, str]) -> str:
    """The stored code for a label or a code, case-insensitively."""
    folded = value.casefold()
    for code, label in choices.items():
        if folded in (code.casefold(), label.casefold()):
            return code
    accepted = ", ".join(choices.values())
    raise ValueError(f"{column}: {value} (accepted values: {accepted})")


def country(value: str | None) -> str | None:
    """An ISO 3166-1 alpha-2 code, upper-cased; None for an empty cell."""
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if len(code) == 2 and code.isascii() and code.isalpha():
        return code
    raise ValueError(f"Country: {value}")


class PersonsImport:
    """One import run: studios and departments are looked up once per name."""

    def __init__(self, ctx: Ctx, update: bool) -> None:
        self.ctx = ctx
        self.update = update
        self.studios: dict[str, Any] = {}
        self.departments: dict[str, Any] = {}

    def _named(self, model: Any, cache: dict[str, Any], name: str) -> Any:
        if name not in cache:
            cache[name] = self.ctx.session.scalar(
                select(model.id).where(model.name == name).limit(1)
            )
        return cache[name]

    def _department_ids(self, value: str) -> list[uuid.UUID]:
        from reeltrack.models import Department

        found = []
        for name in (part.strip() for part in value.split(",")):
            if not name:
                continue
            department_id = self._named(Department, self.departments, name)
            if department_id is None:
                raise RowError(f"Department not found: {name}")
            found.append(department_id)
        return found

    def values(self, row: dict[str, Any]) -> dict[str, Any]:
        from reeltrack.models import Studio

        data: dict[str, Any] = {"first_name": row["First Name"], "last_name": row["Last Name"]}
        for column, key, choices in CHOICE_COLUMNS:
            if row.get(column):
                data[key] = choice(column, row[column], choices)
        code = country(row.get("Country"))
        if code:
            data["country"] = code
        salary = row.get("Daily Salary")
        if salary:
            try:
                data["daily_salary"] = int(salary)
            except ValueError:
                raise ValueError(f"Daily Salary: {salary}") from None
        studio = row.get("Studio")
        if studio:
            studio_id = self._named(Studio, self.studios, studio)
            if studio_id is None:
                raise RowError(f"Studio not found: {studio}")
            data["studio_id"] = studio_id
        if row.get("Phone"):
            data["phone"] = row["Phone"]
        if row.get("Active"):
            data["active"] = strtobool(row["Active"])
        return data

    def import_row(self, row: dict[str, Any]) -> dict[str, Any]:
        from reeltrack.models import Person
        from reeltrack.models.person import department_link

        email = (row["Email"] or "").strip()
        if not EMAIL_PATTERN.match(email):
            raise ValueError(f"Email: {email} (not a valid email address)")
        local, _, domain = email.rpartition("@")
        email = f"{local}@{domain.lower()}"
        data = self.values(row)
        departments = self._department_ids(row["Departments"]) if row.get("Departments") else None
        session = self.ctx.session
        person = session.scalars(
            select(Person)
            .where(func.lower(Person.email) == email.lower(), Person.is_bot.is_not(True))
            .limit(1)
        ).first()
        created = person is None
        if person is None:
            person = Person(email=email, password=None, **data)
            session.add(person)
        elif self.update:
            for key, value in data.items():
                setattr(person, key, value)
        session.flush()
        if (created or self.update) and departments is not None:
            link = department_link.c
            session.execute(delete(department_link).where(link.person_id == person.id))
            if departments:
                session.execute(
                    insert(department_link),
                    [{"person_id": person.id, "department_id": d} for d in set(departments)],
                )
        return present(person, SENSITIVE_FIELDS)


def import_persons(ctx: Ctx, content: bytes, update: bool) -> list[Any]:
    return run_rows(ctx, content, PersonsImport(ctx, update).import_row)
