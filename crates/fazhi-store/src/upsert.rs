//! Insert-or-overwrite by primary key, the one shape every "write the
//! current value" table shares (agencies, roster versions, season
//! settings, the version an office made current).

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, IdenStatic, Iterable, PrimaryKeyToColumn,
};

/// Insert `rows`; a row whose primary key exists overwrites every other
/// column of the stored one. Nothing to do for no rows.
pub(crate) async fn upsert<A, C>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait,
    C: ConnectionTrait,
{
    if rows.is_empty() {
        return Ok(());
    }
    type Column<A> = <<A as ActiveModelTrait>::Entity as EntityTrait>::Column;
    type Key<A> = <<A as ActiveModelTrait>::Entity as EntityTrait>::PrimaryKey;
    let keys: Vec<Column<A>> = Key::<A>::iter().map(|k| k.into_column()).collect();
    let others: Vec<Column<A>> = Column::<A>::iter()
        .filter(|c| keys.iter().all(|k| k.as_str() != c.as_str()))
        .collect();
    <A::Entity as EntityTrait>::insert_many(rows)
        .on_conflict(OnConflict::columns(keys).update_columns(others).to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}
