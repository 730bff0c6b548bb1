"""People, studio settings, projects and workflow: the foundation resources."""

from __future__ import annotations

from reeltrack.auth.policies import ADMIN, ANYONE
from reeltrack.crud.hooks import persons, projects, workflow
from reeltrack.crud.spec import Registry, ResourceSpec
from reeltrack.models import (
    Department,
    EntityType,
    Organisation,
    Person,
    Project,
    ProjectStatus,
    Studio,
    TaskStatus,
    TaskType,
)
from reeltrack.services.organisation import SENSITIVE as ORGANISATION_SECRETS


def register(registry: Registry) -> None:
    registry.add(
        ResourceSpec(
            Person,
            "persons",
            read=persons.READ,
            create=ADMIN,
            update=persons.UPDATE,
            delete=ADMIN,
            hidden=persons.HIDDEN,
            filter_hidden_for=persons.hidden_for,
            protected=persons.PREVIEW_FIELDS,
            hooks=persons.HOOKS,
        )
    )
    registry.add(ResourceSpec(Department, "departments", read=ANYONE))
    registry.add(ResourceSpec(Studio, "studios", read=ANYONE))
    registry.add(
        ResourceSpec(
            Organisation,
            "organisations",
            read=ANYONE,
            hidden_for=lambda actor: (
                frozenset() if actor.is_admin else frozenset(ORGANISATION_SECRETS)
            ),
            hooks=workflow.ORGANISATION_HOOKS,
        )
    )
    registry.add(ResourceSpec(ProjectStatus, "project-status", read=ANYONE))
    registry.add(
        ResourceSpec(
            Project,
            "projects",
            read=projects.READ,
            create=ADMIN,
            update=projects.MANAGE,
            delete=ADMIN,
            hooks=projects.HOOKS,
        )
    )
    registry.add(ResourceSpec(TaskType, "task-types", read=ANYONE, hooks=workflow.TASK_TYPE_HOOKS))
    registry.add(
        ResourceSpec(TaskStatus, "task-status", read=ANYONE, hooks=workflow.TASK_STATUS_HOOKS)
    )
    registry.add(
        ResourceSpec(
            EntityType,
            "entity-types",
            read=ANYONE,
            event_name="asset_type",
            hooks=workflow.ENTITY_TYPE_HOOKS,
        )
    )
