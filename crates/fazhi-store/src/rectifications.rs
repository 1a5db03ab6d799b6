//! The office's 整改 records per tracked shortcoming of the analyses, each
//! change audited in the same transaction.

use std::collections::HashMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use crate::entity::{audit_entry, rectification};
use crate::{AuditAction, Store, StoreError};

/// The office's 整改 status of a tracked shortcoming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RectificationStatus {
    /// 整改中
    InProgress,
    /// 已整改
    Done,
    /// 未整改
    NotDone,
}

impl RectificationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RectificationStatus::InProgress => "in_progress",
            RectificationStatus::Done => "done",
            RectificationStatus::NotDone => "not_done",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "in_progress" => Some(RectificationStatus::InProgress),
            "done" => Some(RectificationStatus::Done),
            "not_done" => Some(RectificationStatus::NotDone),
            _ => None,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            RectificationStatus::InProgress => "整改中",
            RectificationStatus::Done => "已整改",
            RectificationStatus::NotDone => "未整改",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rectification {
    pub key: String,
    pub district: String,
    pub agency_code: String,
    pub status: RectificationStatus,
    pub note: String,
    pub actor: String,
    pub updated_at: i64,
}

impl Store {
    /// The 整改 records of these keys.
    pub async fn rectifications(
        &self,
        keys: &[String],
    ) -> Result<HashMap<String, Rectification>, StoreError> {
        if keys.is_empty() {
            return Ok(HashMap::new());
        }
        let rows = rectification::Entity::find()
            .filter(rectification::Column::Key.is_in(keys.iter().cloned()))
            .all(self.db())
            .await?;
        rows.into_iter()
            .map(|r| {
                let status = RectificationStatus::parse(&r.status).ok_or_else(|| {
                    StoreError::Corrupt(format!("rectification status: {}", r.status))
                })?;
                Ok((
                    r.key.clone(),
                    Rectification {
                        key: r.key,
                        district: r.district,
                        agency_code: r.agency_code,
                        status,
                        note: r.note,
                        actor: r.actor,
                        updated_at: r.updated_at,
                    },
                ))
            })
            .collect()
    }

    /// Record (or change) the 整改 status of one shortcoming and append the
    /// audit entry, in one transaction: no change without its trail.
    pub async fn set_rectification(
        &self,
        r: &Rectification,
        origin: &str,
    ) -> Result<(), StoreError> {
        let txn = self.begin_write().await?;
        use rectification::Column as C;
        rectification::Entity::insert(rectification::ActiveModel {
            key: Set(r.key.clone()),
            district: Set(r.district.clone()),
            agency_code: Set(r.agency_code.clone()),
            status: Set(r.status.as_str().to_owned()),
            note: Set(r.note.clone()),
            actor: Set(r.actor.clone()),
            updated_at: Set(r.updated_at),
        })
        .on_conflict(
            OnConflict::column(C::Key)
                .update_columns([C::Status, C::Note, C::Actor, C::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        audit_entry::Entity::insert(audit_entry::ActiveModel {
            id: sea_orm::ActiveValue::NotSet,
            at: Set(r.updated_at),
            actor: Set(r.actor.clone()),
            action: Set(AuditAction::Rectify.as_str().to_owned()),
            target: Set(r.key.clone()),
            detail: Set(serde_json::json!({
                "district": r.district,
                "agency": r.agency_code,
                "status": r.status.as_str(),
                "note": r.note,
            })
            .to_string()),
            origin: Set(origin.to_owned()),
        })
        .exec_without_returning(&txn)
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
