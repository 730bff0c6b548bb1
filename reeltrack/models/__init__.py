"""All Reeltrack models; importing this package fills ``Base.metadata`` with every table."""

from reeltrack.models.budget import Budget, BudgetEntry, SalaryScale
from reeltrack.models.chat import Chat, ChatMessage, chat_participant
from reeltrack.models.comment import (
    AttachmentFile,
    Comment,
    comment_acknoledgments,
    comment_department_mentions,
    comment_mentions,
    comment_preview_link,
)
from reeltrack.models.department import (
    Department,
    HardwareItem,
    HardwareItemDepartmentLink,
    Software,
    SoftwareDepartmentLink,
)
from reeltrack.models.entity import (
    AssetInstance,
    Entity,
    EntityConceptLink,
    EntityLink,
    EntityVersion,
    asset_instance_link,
)
from reeltrack.models.entity_type import EntityType, task_type_asset_type_link
from reeltrack.models.event import ApiEvent, DataImportError, DesktopLoginLog, LoginLog
from reeltrack.models.files import FileStatus, OutputFile, OutputType, StoredFile, WorkingFile
from reeltrack.models.kv import KeyValue, Revision
from reeltrack.models.links import LinkSpec, table_of
from reeltrack.models.metadata_descriptor import (
    MetadataDescriptor,
    department_metadata_descriptor_link,
)
from reeltrack.models.notification import News, Notification, Subscription
from reeltrack.models.organisation import Organisation, Studio
from reeltrack.models.person import Person, department_link
from reeltrack.models.playlist import BuildJob, Playlist, PlaylistShareLink
from reeltrack.models.plugin import CustomAction, Plugin
from reeltrack.models.preview import PreviewBackgroundFile, PreviewFile, PreviewFileStorageState
from reeltrack.models.project import (
    Project,
    ProjectStatus,
    ProjectTaskStatusLink,
    ProjectTaskTypeLink,
    ProjectTaskTypeSoftwareLink,
    project_asset_type_link,
    project_person_link,
    project_preview_background_file_link,
    project_status_automation_link,
)
from reeltrack.models.project_template import (
    ProjectTemplate,
    ProjectTemplateTaskStatusLink,
    ProjectTemplateTaskTypeLink,
    project_template_asset_type_link,
    project_template_preview_background_file_link,
    project_template_status_automation_link,
)
from reeltrack.models.schedule import (
    Milestone,
    ProductionScheduleVersion,
    ProductionScheduleVersionTaskLink,
    ScheduleItem,
    production_schedule_version_task_link_person_link,
)
from reeltrack.models.search_filter import SearchFilter, SearchFilterGroup
from reeltrack.models.task import Task, task_person_link
from reeltrack.models.timesheet import DayOff, TimeSpent
from reeltrack.models.workflow import StatusAutomation, TaskStatus, TaskType

__all__ = [
    "ApiEvent",
    "AssetInstance",
    "AttachmentFile",
    "Budget",
    "BudgetEntry",
    "BuildJob",
    "Chat",
    "ChatMessage",
    "Comment",
    "CustomAction",
    "DataImportError",
    "DayOff",
    "Department",
    "DesktopLoginLog",
    "Entity",
    "EntityConceptLink",
    "EntityLink",
    "EntityType",
    "EntityVersion",
    "FileStatus",
    "HardwareItem",
    "KeyValue",
    "Revision",
    "HardwareItemDepartmentLink",
    "LinkSpec",
    "LoginLog",
    "MetadataDescriptor",
    "Milestone",
    "News",
    "Notification",
    "Organisation",
    "OutputFile",
    "OutputType",
    "Person",
    "Playlist",
    "PlaylistShareLink",
    "Plugin",
    "PreviewBackgroundFile",
    "PreviewFile",
    "PreviewFileStorageState",
    "ProductionScheduleVersion",
    "ProductionScheduleVersionTaskLink",
    "Project",
    "ProjectStatus",
    "ProjectTaskStatusLink",
    "ProjectTaskTypeLink",
    "ProjectTaskTypeSoftwareLink",
    "ProjectTemplate",
    "ProjectTemplateTaskStatusLink",
    "ProjectTemplateTaskTypeLink",
    "SalaryScale",
    "ScheduleItem",
    "SearchFilter",
    "SearchFilterGroup",
    "Software",
    "SoftwareDepartmentLink",
    "StatusAutomation",
    "StoredFile",
    "Studio",
    "Subscription",
    "Task",
    "TaskStatus",
    "TaskType",
    "TimeSpent",
    "WorkingFile",
    "asset_instance_link",
    "chat_participant",
    "comment_acknoledgments",
    "comment_department_mentions",
    "comment_mentions",
    "comment_preview_link",
    "department_link",
    "department_metadata_descriptor_link",
    "production_schedule_version_task_link_person_link",
    "project_asset_type_link",
    "project_person_link",
    "project_preview_background_file_link",
    "project_status_automation_link",
    "project_template_asset_type_link",
    "project_template_preview_background_file_link",
    "project_template_status_automation_link",
    "table_of",
    "task_person_link",
    "task_type_asset_type_link",
]
