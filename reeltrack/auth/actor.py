"""Who is calling: a person, their studio role and their project memberships."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = ("admin", "manager", "supervisor", "user", "client", "vendor")


@dataclass
class Actor:
    """The authenticated caller; passed explicitly to policies and services."""

    person_id: uuid.UUID
    role: str
    is_bot: bool = False
    person: dict[str, Any] = field(default_factory=dict)
    jti: str = ""
    refresh_jti: str | None = None
    token_expires_at: int = 0
    load_projects: Callable[[], frozenset[uuid.UUID]] | None = None
    load_departments: Callable[[], frozenset[uuid.UUID]] | None = None
    _projects: frozenset[uuid.UUID] | None = None
    _departments: frozenset[uuid.UUID] | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"

    @property
    def is_client(self) -> bool:
        return self.role == "client"

    @property
    def is_vendor(self) -> bool:
        return self.role == "vendor"

    @property
    def project_ids(self) -> frozenset[uuid.UUID]:
        """Projects whose team includes this person (loaded once, on first use)."""
        if self._projects is None:
            self._projects = self.load_projects() if self.load_projects else frozenset()
        return self._projects

    @property
    def department_ids(self) -> frozenset[uuid.UUID]:
        if self._departments is None:
            loader = self.load_departments
            self._departments = loader() if loader else frozenset()
        return self._departments

    def is_member(self, project_id: uuid.UUID | None) -> bool:
        return project_id is not None and project_id in self.project_ids

    def role_in(self, project_id: uuid.UUID | None) -> str | None:
        """The caller's role in a project: admins everywhere, others where they are in the team."""
        if self.is_admin:
            return "admin"
        return self.role if self.is_member(project_id) else None
