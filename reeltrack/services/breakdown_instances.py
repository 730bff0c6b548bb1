"""Asset instances: numbered occurrences of an asset in a scene, an asset, or shots."""

from __future__ import annotations

import re
import unicodedata
import uuid
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from reeltrack.models import AssetInstance, Entity, EntityType, asset_instance_link
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.present import present

Grouped = dict[str, list[dict[str, Any]]]


def _grouped(rows: Any) -> Grouped:
    """Instances keyed by the first column of each row."""
    result: Grouped = {}
    for key, instance in rows:
        result.setdefault(str(key), []).append(present(instance))
    return result


def _by_asset(query: Any) -> Any:
    return query.order_by(AssetInstance.asset_id, AssetInstance.number, AssetInstance.id)


def for_scene(session: Session, scene_id: uuid.UUID, asset_type: str | None = None) -> Grouped:
    """Instances placed in a scene, per asset (only assets of one type, if given)."""
    query = select(AssetInstance.asset_id, AssetInstance).where(AssetInstance.scene_id == scene_id)
    if asset_type is not None:
        query = (
            query.join(Entity, Entity.id == AssetInstance.asset_id)
            .join(EntityType, EntityType.id == Entity.entity_type_id)
            .where(EntityType.name == asset_type)
        )
    return _grouped(session.execute(_by_asset(query)))


def for_shot(session: Session, shot_id: uuid.UUID) -> Grouped:
    """Instances linked to a shot, per asset."""
    link = asset_instance_link.c
    query = (
        select(AssetInstance.asset_id, AssetInstance)
        .join(asset_instance_link, link.asset_instance_id == AssetInstance.id)
        .where(link.entity_id == shot_id)
    )
    return _grouped(session.execute(_by_asset(query)))


def for_target_asset(session: Session, asset_id: uuid.UUID) -> Grouped:
    """Instances placed in an asset, per instantiated asset."""
    query = select(AssetInstance.asset_id, AssetInstance).where(
        AssetInstance.target_asset_id == asset_id
    )
    return _grouped(session.execute(_by_asset(query)))


def shots_of_asset(session: Session, asset_id: uuid.UUID) -> Grouped:
    """Instances of an asset, per shot they are linked to."""
    link = asset_instance_link.c
    query = (
        select(link.entity_id, AssetInstance)
        .join(asset_instance_link, link.asset_instance_id == AssetInstance.id)
        .where(AssetInstance.asset_id == asset_id)
        .order_by(AssetInstance.number, AssetInstance.id, link.entity_id)
    )
    return _grouped(session.execute(query))


def scenes_of_asset(session: Session, asset_id: uuid.UUID) -> Grouped:
    """Instances of an asset, per scene they are placed in."""
    query = (
        select(AssetInstance.scene_id, AssetInstance)
        .where(AssetInstance.asset_id == asset_id, AssetInstance.scene_id.is_not(None))
        .order_by(AssetInstance.number, AssetInstance.id)
    )
    return _grouped(session.execute(query))


def slug(name: str) -> str:
    """ASCII letters and digits of a name, other runs turned into `_`, case kept."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "_", ascii_name).strip("_")


def _next_number(session: Session, asset_id: uuid.UUID, where: Any) -> int:
    query = select(func.max(AssetInstance.number)).where(AssetInstance.asset_id == asset_id, where)
    return int(session.scalar(query) or 0) + 1


def create_instance(
    session: Session,
    asset: Entity,
    description: str | None,
    scene_id: uuid.UUID | None = None,
    target_asset_id: uuid.UUID | None = None,
) -> AssetInstance:
    """A new instance of `asset`, numbered after the last one in the same place."""
    place = (
        AssetInstance.scene_id == scene_id
        if scene_id is not None
        else AssetInstance.target_asset_id == target_asset_id
    )
    number = _next_number(session, asset.id, place)
    instance = AssetInstance(
        asset_id=asset.id,
        scene_id=scene_id,
        target_asset_id=target_asset_id,
        number=number,
        name=f"{slug(asset.name)}_{number:04d}"[:80],
        description=description,
    )
    session.add(instance)
    session.flush()
    return instance


def instance(session: Session, instance_id: uuid.UUID) -> AssetInstance:
    row = session.get(AssetInstance, instance_id)
    if row is None:
        raise NotFound()
    return row


def _linked(session: Session, shot_id: uuid.UUID, instance_id: uuid.UUID) -> bool:
    link = asset_instance_link.c
    query = select(link.entity_id).where(
        link.entity_id == shot_id, link.asset_instance_id == instance_id
    )
    return session.execute(query).first() is not None


def add_to_shot(session: Session, shot: Entity, row: AssetInstance) -> bool:
    """Link the instance to the shot; False when it already was."""
    asset = session.get(Entity, row.asset_id)
    if asset is None or (asset.project_id != shot.project_id and not asset.is_shared):
        raise WrongParameter("The asset instance belongs to another production.")
    if _linked(session, shot.id, row.id):
        return False
    session.execute(insert(asset_instance_link).values(entity_id=shot.id, asset_instance_id=row.id))
    return True


def remove_from_shot(session: Session, shot: Entity, row: AssetInstance) -> None:
    """Unlink the instance from the shot; 404 when it is not linked."""
    if not _linked(session, shot.id, row.id):
        raise NotFound()
    link = asset_instance_link.c
    session.execute(
        delete(asset_instance_link).where(
            link.entity_id == shot.id, link.asset_instance_id == row.id
        )
    )
