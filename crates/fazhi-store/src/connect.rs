//! Connecting and migrating.

use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    Statement, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

use crate::StoreError;
use crate::migration::Migrator;

/// Handle to the database; cheap to clone (a pool).
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
}

/// How long database calls may take; see `fazhi_config::DatabaseSettings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolTimeouts {
    pub acquire: Duration,
    /// PostgreSQL only (server-side).
    pub statement: Duration,
    /// PostgreSQL only (server-side).
    pub idle_in_transaction: Duration,
}

impl Default for PoolTimeouts {
    fn default() -> Self {
        PoolTimeouts {
            acquire: Duration::from_secs(10),
            statement: Duration::from_secs(30),
            idle_in_transaction: Duration::from_secs(60),
        }
    }
}

/// Arbitrary constant naming fazhi's migration lock on PostgreSQL.
const MIGRATION_LOCK_KEY: i64 = 0x6661_7a68_6900;

impl Store {
    /// Connect and bring the schema up to date.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Store, StoreError> {
        Self::connect_with(url, max_connections, PoolTimeouts::default()).await
    }

    /// [`Store::connect`] with explicit timeouts.
    pub async fn connect_with(
        url: &str,
        max_connections: u32,
        timeouts: PoolTimeouts,
    ) -> Result<Store, StoreError> {
        if let Some(path) = sqlite_file(url) {
            // SQLite creates the file (mode=rwc) but not its folder.
            if let Some(dir) = std::path::Path::new(path).parent()
                && !dir.as_os_str().is_empty()
            {
                std::fs::create_dir_all(dir).map_err(|e| {
                    StoreError::Db(sea_orm::DbErr::Custom(format!(
                        "cannot create database folder {}: {e}",
                        dir.display()
                    )))
                })?;
            }
        }
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(max_connections.max(1))
            .connect_timeout(Duration::from_secs(10))
            .acquire_timeout(timeouts.acquire)
            .statement_timeout(timeouts.statement)
            .sqlx_logging(false);
        // Every pooled SQLite connection waits for another's write lock (a
        // PRAGMA run once would set it on one connection only).
        options.map_sqlx_sqlite_opts(|o| o.busy_timeout(Duration::from_secs(10)));
        let idle = timeouts.idle_in_transaction.as_millis().to_string();
        // The server's side of a connection whose client went silent: end the
        // session (releasing its row locks) and probe the peer with keepalives
        // (sqlx sets no client-side TCP keepalive; the client side relies on
        // the acquire, statement and worker transaction timeouts).
        options.map_sqlx_postgres_opts(move |o| {
            o.options([
                ("idle_in_transaction_session_timeout", idle.as_str()),
                ("tcp_keepalives_idle", "30"),
                ("tcp_keepalives_interval", "10"),
                ("tcp_keepalives_count", "3"),
            ])
        });
        let db = Database::connect(options).await?;
        let store = Store { db };
        store.migrate(url).await?;
        Ok(store)
    }

    /// The connection, to install a statement counter in tests.
    #[cfg(test)]
    pub(crate) fn db_mut(&mut self) -> &mut DatabaseConnection {
        &mut self.db
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// A transaction that writes. On SQLite it takes the write lock with
    /// its first statement: a deferred transaction that reads first and
    /// writes later fails at once (SQLITE_BUSY, no busy wait) when another
    /// connection wrote in between, while one that starts by writing waits
    /// its turn (`busy_timeout`).
    pub(crate) async fn begin_write(&self) -> Result<DatabaseTransaction, StoreError> {
        let txn = self.db.begin().await?;
        if self.backend() == DbBackend::Sqlite {
            txn.execute_unprepared(
                "UPDATE summary_states SET version = version WHERE district = ''",
            )
            .await?;
        }
        Ok(txn)
    }

    /// Whether the database answers now (for health checks).
    pub async fn ping(&self) -> Result<(), StoreError> {
        Ok(self.db.ping().await?)
    }

    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    async fn migrate(&self, url: &str) -> Result<(), StoreError> {
        match self.backend() {
            DbBackend::Sqlite => {
                // WAL lets readers (GetSubmission) run while the worker writes
                // (the mode is kept in the file); the busy timeout is set on
                // every connection (`connect_with`).
                self.db
                    .execute_unprepared("PRAGMA journal_mode=WAL")
                    .await?;
                // SQLite has no advisory lock: when `serve` and `worker` start
                // together on a fresh file, one may lose the race on the
                // migration table; by the next try the other has finished.
                let mut tries = 0;
                while let Err(e) = Migrator::up(&self.db, None).await {
                    tries += 1;
                    if tries >= 5 {
                        return Err(e.into());
                    }
                    tracing::warn!(error = %e, "migration raced another process; trying again");
                    tokio::time::sleep(std::time::Duration::from_millis(300 * tries)).await;
                }
            }
            DbBackend::Postgres => {
                // Only one process may migrate at a time: serve and worker
                // often start together.
                let mut lock_options = ConnectOptions::new(url.to_owned());
                lock_options.max_connections(1).sqlx_logging(false);
                let lock = Database::connect(lock_options).await;
                match lock {
                    Ok(lock) => {
                        lock.execute_raw(Statement::from_string(
                            DbBackend::Postgres,
                            format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"),
                        ))
                        .await?;
                        let result = Migrator::up(&self.db, None).await;
                        let _ = lock
                            .execute_raw(Statement::from_string(
                                DbBackend::Postgres,
                                format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"),
                            ))
                            .await;
                        let _ = lock.close().await;
                        result?;
                    }
                    Err(_) => Migrator::up(&self.db, None).await?,
                }
            }
            _ => Migrator::up(&self.db, None).await?,
        }
        Ok(())
    }
}

fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_pooled_sqlite_connection_waits_for_another_writer() {
        let dir = std::env::temp_dir().join(format!("fazhi-busy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("busy.db").display());
        let store = Store::connect(&url, 3).await.unwrap();
        // Three open transactions hold three different connections.
        let mut open = Vec::new();
        for _ in 0..3 {
            open.push(store.db().begin().await.unwrap());
        }
        for txn in &open {
            let row = txn
                .query_one_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    "PRAGMA busy_timeout",
                ))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(row.try_get_by_index::<i64>(0).unwrap(), 10_000);
        }
        drop(open);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
