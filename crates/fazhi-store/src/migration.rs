//! Schema migrations, run at start-up by every process (serialized on
//! PostgreSQL by an advisory lock, see [`crate::connect`]).

use sea_orm_migration::prelude::*;

mod m20261122_000001_initial;
mod m20261122_000002_add_contribution;
mod m20261122_000003_queue_claim_index;
mod m20261201_000001_credentials_audit;
mod m20261201_000002_documents;
mod m20261202_000100_season;
mod m20261202_000200_checks_escalations;
mod m20261202_000300_analysis;
mod m20261202_000400_summary_pieces;
mod m20261203_000100_reprocess;
mod m20261204_000100_summary_changes;
mod m20261204_000200_per_agency_indexes;
mod m20261205_000100_reprocess_order_index;

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_initial::Migration),
            Box::new(m20261122_000002_add_contribution::Migration),
            Box::new(m20261122_000003_queue_claim_index::Migration),
            Box::new(m20261201_000001_credentials_audit::Migration),
            Box::new(m20261201_000002_documents::Migration),
            Box::new(m20261202_000100_season::Migration),
            Box::new(m20261202_000200_checks_escalations::Migration),
            Box::new(m20261202_000300_analysis::Migration),
            Box::new(m20261202_000400_summary_pieces::Migration),
            Box::new(m20261203_000100_reprocess::Migration),
            Box::new(m20261204_000100_summary_changes::Migration),
            Box::new(m20261204_000200_per_agency_indexes::Migration),
            Box::new(m20261205_000100_reprocess_order_index::Migration),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names recorded in `seaql_migrations` of every existing database:
    /// a renamed migration would run again there (and fail on its tables).
    #[test]
    fn recorded_migration_names_are_unchanged() {
        let names: Vec<String> = Migrator::migrations()
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        assert_eq!(
            names,
            [
                "m20261122_000001_initial",
                "m20261122_000002_add_contribution",
                "m20261122_000003_queue_claim_index",
                "m20261201_000001_credentials_audit",
                "m20261201_000002_documents",
                "m20261202_000100_season",
                "m20261202_000200_checks_escalations",
                "m20261202_000300_analysis",
                "m20261202_000400_summary_pieces",
                "m20261203_000100_reprocess",
                "m20261204_000100_summary_changes",
                "m20261204_000200_per_agency_indexes",
                "m20261205_000100_reprocess_order_index",
            ]
        );
    }
}
