"""Timesheets, leave, studio equipment, salaries, saved searches, actions, plugins, budgets."""

from __future__ import annotations

from reeltrack.auth.policies import ADMIN, ADMIN_READ, ANYONE, NOT_VENDOR_LIST
from reeltrack.crud.hooks import people, people_studio
from reeltrack.crud.spec import Registry, ResourceSpec
from reeltrack.models import (
    Budget,
    BudgetEntry,
    CustomAction,
    DayOff,
    HardwareItem,
    Plugin,
    SalaryScale,
    SearchFilter,
    SearchFilterGroup,
    Software,
    TimeSpent,
)


def register(registry: Registry) -> None:
    """Add this group's resource specs (Zou's default: admins only, unless stated)."""
    registry.add(
        ResourceSpec(
            TimeSpent,
            "time-spents",
            read=ADMIN_READ,
            delete=people.TIME_SPENT_DELETE,
            required=("duration", "date", "task_id"),
            hooks=people.TIME_SPENT_HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            DayOff,
            "day-offs",
            read=people.DAY_OFF_READ,
            create=people.DAY_OFF_OWNER,
            update=people.DAY_OFF_OWNER,
            delete=people.DAY_OFF_OWNER,
            hooks=people.DAY_OFF_HOOKS,
        )
    )
    registry.add(ResourceSpec(HardwareItem, "hardware-items", read=ADMIN_READ))
    registry.add(ResourceSpec(Software, "softwares", read=ANYONE))
    registry.add(
        ResourceSpec(
            SalaryScale,
            "salary-scales",
            read=ADMIN_READ,
            create=ADMIN,
            protected=frozenset({"department_id"}),
            required=(),
            hooks=people_studio.SALARY_SCALE_HOOKS,
        )
    )
    registry.add(ResourceSpec(SearchFilter, "search-filters", read=ADMIN_READ))
    registry.add(ResourceSpec(SearchFilterGroup, "search-filter-groups", read=ADMIN_READ))
    registry.add(
        ResourceSpec(
            CustomAction,
            "custom-actions",
            read=NOT_VENDOR_LIST,
            required=(),
            hooks=people_studio.CUSTOM_ACTION_HOOKS,
        )
    )
    registry.add(ResourceSpec(Plugin, "plugins", read=ADMIN_READ))
    registry.add(ResourceSpec(Budget, "budgets", read=ADMIN_READ, hooks=people_studio.BUDGET_HOOKS))
    registry.add(
        ResourceSpec(
            BudgetEntry,
            "budget-entries",
            read=ADMIN_READ,
            hooks=people_studio.BUDGET_ENTRY_HOOKS,
        )
    )
