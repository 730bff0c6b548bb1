"""Budgets of a production and their entries (one line per position and department)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from reeltrack.crud.values import parse_uuid
from reeltrack.models.person import POSITION_TYPES, SENIORITY_TYPES
from reeltrack.wire.errors import NotFound, WrongParameter

REQUIRED_ENTRY_FIELDS = ("start_date", "months_duration", "daily_salary")


def present_budget(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "project_id": row.project_id,
        "revision": row.revision,
        "name": row.name,
        "currency": row.currency,
    }


def present_entry(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "budget_id": row.budget_id,
        "department_id": row.department_id,
        "person_id": row.person_id,
        "start_date": row.start_date,
        "months_duration": row.months_duration,
        "daily_salary": row.daily_salary,
        "position": row.position,
        "seniority": row.seniority,
        "exceptions": row.exceptions,
    }


def budgets(session: Session, project_id: uuid.UUID) -> list[dict[str, Any]]:
    from reeltrack.models import Budget

    query = select(Budget).where(Budget.project_id == project_id).order_by(Budget.revision)
    return [present_budget(row) for row in session.scalars(query)]


def budget_of(session: Session, project_id: uuid.UUID, budget_id: str) -> Any:
    """The budget, if it belongs to this project (else 404)."""
    from reeltrack.models import Budget

    parsed = parse_uuid(budget_id)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    row = session.get(Budget, parsed)
    if row is None or row.project_id != project_id:
        raise NotFound()
    return row


def create_budget(session: Session, project_id: uuid.UUID, name: str, currency: str | None) -> Any:
    """A new budget, one revision after the project's last one."""
    from reeltrack.models import Budget

    last = session.scalar(select(func.max(Budget.revision)).where(Budget.project_id == project_id))
    row = Budget(project_id=project_id, name=name, currency=currency, revision=(last or 0) + 1)
    session.add(row)
    session.flush()
    return row


def update_budget(session: Session, row: Any, name: str | None, currency: str | None) -> Any:
    if name is not None:
        row.name = name
    if currency is not None:
        row.currency = currency
    session.flush()
    return row


def delete_budget(session: Session, row: Any) -> None:
    from reeltrack.models import BudgetEntry

    session.execute(delete(BudgetEntry).where(BudgetEntry.budget_id == row.id))
    session.delete(row)
    session.flush()


def entries(session: Session, budget_id: uuid.UUID) -> list[dict[str, Any]]:
    from reeltrack.models import BudgetEntry

    query = (
        select(BudgetEntry)
        .where(BudgetEntry.budget_id == budget_id)
        .order_by(BudgetEntry.start_date, BudgetEntry.id)
    )
    return [present_entry(row) for row in session.scalars(query)]


def entry_of(session: Session, budget: Any, entry_id: str) -> Any:
    """The entry, if it belongs to this budget (else 404)."""
    from reeltrack.models import BudgetEntry

    parsed = parse_uuid(entry_id)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    row = session.get(BudgetEntry, parsed)
    if row is None or row.budget_id != budget.id:
        raise NotFound()
    return row


def _clean(session: Session, values: dict[str, Any]) -> dict[str, Any]:
    """Typed values for an entry; unknown references and choices are refused."""
    from reeltrack.models import Department, Person

    clean = dict(values)
    for key, model in (("department_id", Department), ("person_id", Person)):
        raw = clean.get(key)
        if raw is None:
            continue
        parsed = parse_uuid(raw)
        if parsed is None or session.get(model, parsed) is None:
            raise WrongParameter(f"{model.__name__} with id {raw} not found")
        clean[key] = parsed
    if clean.get("start_date") is not None:
        try:
            clean["start_date"] = dt.date.fromisoformat(clean["start_date"])
        except ValueError:
            raise WrongParameter(f"Wrong date format for {clean['start_date']}") from None
    for key, choices in (("position", POSITION_TYPES), ("seniority", SENIORITY_TYPES)):
        if clean.get(key) is not None and clean[key] not in choices:
            raise WrongParameter(f"{key} must be one of: {', '.join(choices)}")
    if "exceptions" in clean:
        clean["exceptions"] = _clean_exceptions(clean["exceptions"])
    return clean


def _clean_exceptions(value: Any) -> dict[str, int]:
    """Month overrides: a null map becomes empty; zero or null months are dropped."""
    if value is None:
        return {}
    try:
        return {
            str(key): int(months)
            for key, months in value.items()
            if months is not None and int(months) > 0
        }
    except (TypeError, ValueError):
        raise WrongParameter("exceptions must map months to whole numbers.") from None


def create_entry(session: Session, budget: Any, values: dict[str, Any]) -> Any:
    from reeltrack.models import BudgetEntry

    missing = [key for key in REQUIRED_ENTRY_FIELDS if values.get(key) is None]
    if missing:
        raise WrongParameter(f"Missing required parameter: {missing[0]}")
    clean = _clean(session, values)
    row = BudgetEntry(budget_id=budget.id, exceptions={}, **clean)
    session.add(row)
    session.flush()
    return row


def update_entry(session: Session, row: Any, values: dict[str, Any]) -> Any:
    clean = _clean(session, values)
    for key in REQUIRED_ENTRY_FIELDS + ("department_id",):
        if key in clean and clean[key] is None:
            raise WrongParameter(f"{key} cannot be null.")
    for key, value in clean.items():
        setattr(row, key, value)
    session.flush()
    return row


def month_time_spents(session: Session, project_id: uuid.UUID) -> dict[str, Any]:
    """Time logged on the project, totalled by department, person and month (YYYY-MM)."""
    from reeltrack.models import Department, Task, TaskType, TimeSpent

    query = (
        select(TimeSpent.date, TimeSpent.person_id, TimeSpent.duration, Department.id)
        .join(Task, Task.id == TimeSpent.task_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .join(Department, Department.id == TaskType.department_id)
        .where(Task.project_id == project_id)
        .order_by(TimeSpent.date)
    )
    data: dict[str, Any] = {}
    for day, person_id, duration, department_id in session.execute(query):
        department = data.setdefault(str(department_id), {"total": 0})
        person = department.setdefault(str(person_id), {"total": 0})
        month = day.strftime("%Y-%m")
        person[month] = person.get(month, 0) + duration
        person["total"] += duration
        department["total"] += duration
    return data
