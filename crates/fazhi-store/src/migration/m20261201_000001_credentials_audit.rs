//! Credentials, the append-only audit log, and idempotency-key reservations.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000001_credentials_audit"
    }
}

#[derive(DeriveIden)]
enum Credentials {
    Table,
    Id,
    Kind,
    Login,
    Role,
    Scope,
    SecretHash,
    CreatedAt,
    CreatedBy,
    ExpiresAt,
    RevokedAt,
    FailedAttempts,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    Actor,
    Action,
    Target,
    Detail,
    Origin,
}

/// One row per idempotency key ever used: binds the key's submission id to
/// one document before anything is published, so two different documents
/// under the same key can never both be accepted, whatever the timing.
#[derive(DeriveIden)]
enum SubmissionKeys {
    Table,
    SubmissionId,
    ContentSha256,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Credentials::Table)
                    .if_not_exists()
                    .col(string(Credentials::Id).primary_key())
                    .col(string(Credentials::Kind))
                    .col(string(Credentials::Login).unique_key())
                    .col(string(Credentials::Role))
                    .col(string(Credentials::Scope))
                    .col(string(Credentials::SecretHash))
                    .col(big_integer(Credentials::CreatedAt))
                    .col(string(Credentials::CreatedBy))
                    .col(big_integer_null(Credentials::ExpiresAt))
                    .col(big_integer_null(Credentials::RevokedAt))
                    .col(integer(Credentials::FailedAttempts).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AuditLog::Id))
                    .col(big_integer(AuditLog::At))
                    .col(string(AuditLog::Actor))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::Target))
                    .col(text(AuditLog::Detail))
                    .col(string(AuditLog::Origin))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_log_target")
                    .table(AuditLog::Table)
                    .col(AuditLog::Target)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SubmissionKeys::Table)
                    .if_not_exists()
                    .col(string(SubmissionKeys::SubmissionId).primary_key())
                    .col(string(SubmissionKeys::ContentSha256))
                    .col(big_integer(SubmissionKeys::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // Append-only in the database itself, so no code path (and no
        // operator with the application's credentials) can rewrite history.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE OR REPLACE FUNCTION fazhi_audit_append_only() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION fazhi_audit_append_only()",
                )
                .await?;
            }
            _ => {
                for op in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER audit_log_no_{} BEFORE {op} ON audit_log \
                         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
                        op.to_lowercase()
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }
}
