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
    # A project's preview account may only read.
    read_only: bool = False
    load_projects: Callable[[], frozenset[uuid.UUID]] | None = None
    # Team links as {project_id: link role}; a None role means "use the global role".
    load_project_roles: Callable[[], dict[uuid.UUID, str | None]] | None = None
    load_departments: Callable[[], frozenset[uuid.UUID]] | None = None
    _projects: frozenset[uuid.UUID] | None = None
    _project_roles: dict[uuid.UUID, str | None] | None = None
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
            if self.load_project_roles is not None:
                self._projects = frozenset(self.project_roles)
            else:
                self._projects = self.load_projects() if self.load_projects else frozenset()
        return self._projects

    @property
    def project_roles(self) -> dict[uuid.UUID, str | None]:
        """The role set on each team link (None when the link inherits the global role)."""
        if self._project_roles is None:
            loader = self.load_project_roles
            self._project_roles = loader() if loader else dict.fromkeys(self.project_ids)
        return self._project_roles

    @property
    def department_ids(self) -> frozenset[uuid.UUID]:
        if self._departments is None:
            loader = self.load_departments
            self._departments = loader() if loader else frozenset()
        return self._departments

    def is_member(self, project_id: uuid.UUID | None) -> bool:
        return project_id is not None and project_id in self.project_ids

    def role_in(self, project_id: uuid.UUID | None) -> str | None:
        """The caller's role in a project: admins everywhere, others where they are in the team.

        A role set on the team link overrides the global one (admin stays global only).
        """
        if self.is_admin:
            return "admin"
        if not self.is_member(project_id):
            return None
        link_role = self.project_roles.get(project_id)  # type: ignore[arg-type]
        return link_role if link_role and link_role != "admin" else self.role
