"""Studio and production configuration: descriptors, schedules, files, templates."""

from __future__ import annotations

from reeltrack.auth.policies import ADMIN_READ, ANYONE, NOT_VENDOR_LIST
from reeltrack.crud.hooks import config, config_files, config_schedule
from reeltrack.crud.hooks.config_access import (
    PROJECT_MANAGER,
)
from reeltrack.crud.spec import Registry, ResourceSpec
from reeltrack.models import (
    FileStatus,
    MetadataDescriptor,
    Milestone,
    OutputFile,
    OutputType,
    PreviewBackgroundFile,
    ProductionScheduleVersion,
    ProductionScheduleVersionTaskLink,
    ProjectTemplate,
    ScheduleItem,
    StatusAutomation,
    WorkingFile,
)


def register(registry: Registry) -> None:
    """Add this group's resource specs."""
    registry.add(
        ResourceSpec(
            MetadataDescriptor,
            "metadata-descriptors",
            read=config.DESCRIPTOR_READ,
            list_relations_default=True,
            hooks=config.DESCRIPTOR_HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            ScheduleItem,
            "schedule-items",
            read=ADMIN_READ,
            create=PROJECT_MANAGER,
            update=config_schedule.SCHEDULE_ITEM_UPDATE,
            delete=PROJECT_MANAGER,
            hooks=config_schedule.SCHEDULE_ITEM_HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            Milestone,
            "milestones",
            read=config_schedule.MILESTONE_READ,
            create=PROJECT_MANAGER,
            update=PROJECT_MANAGER,
            delete=PROJECT_MANAGER,
            hooks=config_schedule.MILESTONE_HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            StatusAutomation,
            "status-automations",
            read=NOT_VENDOR_LIST,
            hooks=config.AUTOMATION_HOOKS,
        )
    )
    registry.add(ResourceSpec(FileStatus, "file-status", read=ANYONE))
    registry.add(ResourceSpec(OutputType, "output-types", read=ANYONE))
    registry.add(
        ResourceSpec(
            OutputFile,
            "output-files",
            read=config_files.OUTPUT_READ,
            update=config_files.OUTPUT_UPDATE,
            hooks=config_files.OUTPUT_HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            WorkingFile,
            "working-files",
            read=config_files.WORKING_READ,
            update=config_files.WORKING_UPDATE,
            writable_links=frozenset(),
            hooks=config_files.WORKING_HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            PreviewBackgroundFile,
            "preview-background-files",
            read=ANYONE,
            hooks=config.BACKGROUND_HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            ProjectTemplate,
            "project-templates",
            read=config.TEMPLATE_READ,
            required=(),
            writable_links=frozenset({"preview_background_files"}),
            write_not_found=config.TEMPLATE_NOT_FOUND,
            hooks=config.TEMPLATE_HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            ProductionScheduleVersion,
            "production-schedule-versions",
            read=config_schedule.VERSION_READ,
            create=PROJECT_MANAGER,
            update=PROJECT_MANAGER,
            delete=PROJECT_MANAGER,
            hooks=config_schedule.VERSION_HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            ProductionScheduleVersionTaskLink,
            "production-schedule-version-task-links",
            read=config_schedule.LINK_READ,
            create=config_schedule.LINK_CREATE,
            update=config_schedule.LINK_MANAGE,
            delete=config_schedule.LINK_MANAGE,
            hooks=config_schedule.LINK_HOOKS,
        )
    )
