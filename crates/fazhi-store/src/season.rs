//! A district's season as stored: deadlines and review policy per district
//! and year, each unit's publication, and the facts the pure rules of
//! `fazhi-season` turn into rates, named lists and the to-do list.

use chrono::NaiveDate;
use fazhi_season::{Deadlines, Publication, SeasonStatus, TodoItem, UnitFacts};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;

use crate::audit::{AuditAction, AuditEvent, append};
use crate::entity::{publication, season_setting};
use crate::pieces::season_changed;
use crate::summaries::{lock_summary, rebuild_summary};
use crate::{Store, StoreError, now_ms};

/// A district's settings for the reports on one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SeasonSettings {
    pub deadlines: Deadlines,
    /// Whether processed reports count before the office reviews them.
    pub count_unreviewed: bool,
    /// `false`: nothing stored, these are the defaults.
    pub configured: bool,
}

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// Typed by a person.
    Entered,
    /// The web page's own date (the HTML reader's metadata).
    Page,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Entered => "entered",
            DateSource::Page => "page",
        }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("stored date {s}")))
}

fn defaults(year: i32) -> Result<Deadlines, StoreError> {
    Deadlines::default_for(year).ok_or_else(|| StoreError::Invalid(format!("年度 {year} 不合理")))
}

/// A district's settings for a year, read through `db` (the caller's
/// transaction or the pool).
pub(crate) async fn settings_in<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<SeasonSettings, StoreError> {
    match season_setting::Entity::find_by_id((district.to_owned(), year))
        .one(db)
        .await?
    {
        Some(s) => Ok(SeasonSettings {
            deadlines: Deadlines {
                submit_by: parse_date(&s.submit_by)?,
                publish_by: parse_date(&s.publish_by)?,
            },
            count_unreviewed: s.count_unreviewed,
            configured: true,
        }),
        None => Ok(SeasonSettings {
            deadlines: defaults(year)?,
            count_unreviewed: true,
            configured: false,
        }),
    }
}

/// [`Store::season_facts`] through `db`: what the draft's render reads in
/// its snapshot.
pub(crate) async fn facts_in<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<(SeasonSettings, Vec<UnitFacts>), StoreError> {
    let settings = settings_in(db, district, year).await?;
    let roster = crate::roster::roster_of(db, district, year).await?;
    let codes: Vec<&str> = roster.iter().map(|u| u.code.as_str()).collect();
    let mut versions = crate::counting::versions(db, &codes, year).await?;
    let mut pins = crate::counting::pins(db, &codes, year).await?;
    let mut publications = std::collections::HashMap::new();
    for chunk in codes.chunks(500) {
        for p in publication::Entity::find()
            .filter(publication::Column::AgencyCode.is_in(chunk.iter().copied()))
            .filter(publication::Column::Year.eq(year))
            .all(db)
            .await?
        {
            publications.insert(
                p.agency_code.clone(),
                Publication {
                    published_on: parse_date(&p.published_on)?,
                    url: p.url,
                },
            );
        }
    }
    let units = roster
        .iter()
        .map(|u| UnitFacts {
            code: u.code.clone(),
            name: u.name.clone(),
            exempt_reason: u.exempt_reason.clone(),
            versions: versions
                .remove(&u.code)
                .unwrap_or_default()
                .into_iter()
                .map(|(v, _)| v)
                .collect(),
            pin: pins.remove(&u.code),
            publication: publications.remove(&u.code),
        })
        .collect();
    Ok((settings, units))
}

impl Store {
    pub async fn season_settings(
        &self,
        district: &str,
        year: i32,
    ) -> Result<SeasonSettings, StoreError> {
        settings_in(self.db(), district, year).await
    }

    /// Set a district's deadlines and review policy for a year; the summary
    /// is rebuilt (the policy decides which versions count).
    pub async fn set_season_settings(
        &self,
        district: &str,
        year: i32,
        deadlines: Deadlines,
        count_unreviewed: bool,
        actor: &str,
        origin: &str,
    ) -> Result<SeasonSettings, StoreError> {
        let before = self.season_settings(district, year).await?;
        let txn = self.begin_write().await?;
        lock_summary(&txn, district, year).await?;
        crate::upsert::upsert(
            &txn,
            vec![season_setting::ActiveModel {
                district: Set(district.to_owned()),
                year: Set(year),
                submit_by: Set(deadlines.submit_by.to_string()),
                publish_by: Set(deadlines.publish_by.to_string()),
                count_unreviewed: Set(count_unreviewed),
                updated_at: Set(now_ms()),
            }],
        )
        .await?;
        let after = SeasonSettings {
            deadlines,
            count_unreviewed,
            configured: true,
        };
        append(
            &txn,
            AuditEvent {
                actor: actor.to_owned(),
                action: AuditAction::Deadlines,
                target: format!("{district}/{year}"),
                detail: serde_json::json!({ "before": before, "after": after }),
                origin: origin.to_owned(),
            },
        )
        .await?;
        rebuild_summary(&txn, district, year).await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Record where and when a unit published its report on a year.
    #[allow(clippy::too_many_arguments)]
    pub async fn set_publication(
        &self,
        agency_code: &str,
        year: i32,
        url: &str,
        published_on: NaiveDate,
        source: DateSource,
        actor: &str,
        origin: &str,
    ) -> Result<Publication, StoreError> {
        use chrono::Datelike;
        if published_on.year() <= year {
            return Err(StoreError::Invalid(format!(
                "公开日期 {published_on} 不合理：{year}年度报告应在{}年或以后公开",
                year + 1
            )));
        }
        if published_on > chrono::Utc::now().date_naive() + chrono::Duration::days(1) {
            return Err(StoreError::Invalid(format!(
                "公开日期 {published_on} 晚于今天：请填写已公开的日期"
            )));
        }
        let txn = self.begin_write().await?;
        // The district's draft prints the publication figures: lock it first
        // (as every writer does), re-render it after.
        let district = crate::roster::effective_all(&txn, year)
            .await?
            .remove(agency_code)
            .map(|u| u.district);
        if let Some(d) = &district {
            lock_summary(&txn, d, year).await?;
        }
        let before = publication::Entity::find_by_id((agency_code.to_owned(), year))
            .one(&txn)
            .await?;
        crate::upsert::upsert(
            &txn,
            vec![publication::ActiveModel {
                agency_code: Set(agency_code.to_owned()),
                year: Set(year),
                url: Set(url.to_owned()),
                published_on: Set(published_on.to_string()),
                date_source: Set(source.as_str().to_owned()),
                updated_at: Set(now_ms()),
                updated_by: Set(actor.to_owned()),
            }],
        )
        .await?;
        append(
            &txn,
            AuditEvent {
                actor: actor.to_owned(),
                action: AuditAction::Publication,
                target: agency_code.to_owned(),
                detail: serde_json::json!({
                    "year": year,
                    "before": before.map(|b| serde_json::json!({"url": b.url, "published_on": b.published_on})),
                    "after": {"url": url, "published_on": published_on.to_string(), "date_source": source.as_str()},
                }),
                origin: origin.to_owned(),
            },
        )
        .await?;
        if let Some(d) = &district {
            season_changed(&txn, d, year).await?;
        }
        txn.commit().await?;
        Ok(Publication {
            url: url.to_owned(),
            published_on,
        })
    }

    /// Everything the season rules need for a district and year, units in
    /// roster order (exempt ones included, marked).
    pub async fn season_facts(
        &self,
        district: &str,
        year: i32,
    ) -> Result<(SeasonSettings, Vec<UnitFacts>), StoreError> {
        facts_in(self.db(), district, year).await
    }

    /// Rates and named lists of a district's season (DHIS2's names).
    pub async fn season_status(
        &self,
        district: &str,
        year: i32,
    ) -> Result<SeasonStatus, StoreError> {
        let (settings, units) = self.season_facts(district, year).await?;
        Ok(fazhi_season::season_status(
            district,
            year,
            settings.deadlines,
            &units,
            settings.count_unreviewed,
        ))
    }

    /// What needs the office's attention on `today` for a district's year.
    pub async fn todo(
        &self,
        district: &str,
        year: i32,
        today: NaiveDate,
    ) -> Result<Vec<TodoItem>, StoreError> {
        let (settings, units) = self.season_facts(district, year).await?;
        Ok(fazhi_season::todo(year, today, settings.deadlines, &units))
    }

    /// Every district on the roster of a year.
    pub async fn districts(&self, year: i32) -> Result<Vec<String>, StoreError> {
        let mut out: Vec<String> = crate::roster::effective_all(self.db(), year)
            .await?
            .into_values()
            .map(|u| u.district)
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }
}
