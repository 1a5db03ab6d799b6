use sea_orm::entity::prelude::*;

/// One accepted submission, with the document exactly as it arrived.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "submissions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub agency_code: String,
    pub district: String,
    pub reporting_year: i32,
    pub status: SubmissionStatus,
    pub reject_reason: Option<String>,
    pub file_name: String,
    pub media_type: String,
    pub content: Vec<u8>,
    pub content_sha256: String,
    pub idempotency_key: Option<String>,
    pub submitted_at: i64,
    pub processed_at: Option<i64>,
    /// Bytes of the submitted file (kept in `documents`; `content` is empty
    /// for rows written from this release on).
    pub size_bytes: i64,
}

/// Where a submission stands; stored as the lower-case names below (the
/// strings every existing database holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum SubmissionStatus {
    #[sea_orm(string_value = "queued")]
    Queued,
    #[sea_orm(string_value = "processed")]
    Processed,
    #[sea_orm(string_value = "rejected")]
    Rejected,
    /// Taken back by the agency or the district office: out of every total.
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
    /// Could not be processed and was set aside for an operator (dead
    /// letter); `reject_reason` says why. An operator's replay makes it
    /// `Queued` again.
    #[sea_orm(string_value = "failed")]
    Failed,
}

impl SubmissionStatus {
    /// The stored name (for logs, JSON and audit details).
    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::Queued => "queued",
            SubmissionStatus::Processed => "processed",
            SubmissionStatus::Rejected => "rejected",
            SubmissionStatus::Withdrawn => "withdrawn",
            SubmissionStatus::Failed => "failed",
        }
    }

    /// A stored name back (the derive's own mapping).
    pub fn parse(s: &str) -> Option<Self> {
        Self::try_from_value(&s.to_owned()).ok()
    }
}

impl std::fmt::Display for SubmissionStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
