//! The roster as the administrator reads and changes it, on the server's
//! machine against its database: `agencies import|list`, `districts list`.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use fazhi_config::Settings;
use fazhi_store::entity::agency;
use sea_orm::{EntityTrait, QueryOrder};

use crate::display::pad;

pub async fn import_agencies(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("无法读取 {}", file.display()))?;
    let text =
        fazhi_core::decode(&bytes).with_context(|| format!("无法读取 {}", file.display()))?;
    let rows = fazhi_store::agencies::parse_roster(&text)?;
    let parts = crate::app::connect(settings).await?;
    let districts = parts.store.import_roster(&rows).await?;
    let n = rows.len();
    parts
        .store
        .audit(fazhi_store::AuditEvent {
            actor: crate::credentials::cli_actor(),
            action: fazhi_store::AuditAction::RosterImport,
            target: file.display().to_string(),
            detail: serde_json::json!({ "agencies": n, "codes": rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>() }),
            origin: "cli".into(),
        })
        .await?;
    parts.store.refresh_summaries(&districts).await?;
    println!(
        "已导入 {n} 家单位（{} 个区），数据库：{}",
        districts.len(),
        fazhi_config::redact_url(&settings.database.url)
    );
    Ok(())
}

async fn all_agencies(settings: &Settings) -> anyhow::Result<Vec<agency::Model>> {
    let parts = crate::app::connect(settings).await?;
    agency::Entity::find()
        .order_by_asc(agency::Column::District)
        .order_by_asc(agency::Column::Code)
        .all(parts.store.db())
        .await
        .context("读取单位名录")
}

pub async fn list_agencies(
    settings: &Settings,
    district: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let rows: Vec<_> = all_agencies(settings)
        .await?
        .into_iter()
        .filter(|a| district.is_none_or(|d| a.district == d))
        .collect();
    if json {
        for a in &rows {
            let line = serde_json::json!({
                "code": a.code, "name": a.name, "kind": a.kind, "district": a.district,
            });
            println!("{line}");
        }
        return Ok(());
    }
    if rows.is_empty() {
        eprintln!("名录中没有单位：先用 `fazhi agencies import 名录.csv` 导入");
        return Ok(());
    }
    println!(
        "{}{}{}单位名称",
        pad("区", 12),
        pad("单位代码", 16),
        pad("类别", 12)
    );
    for a in &rows {
        println!(
            "{}{}{}{}",
            pad(&a.district, 12),
            pad(&a.code, 16),
            pad(&a.kind.code(), 12),
            a.name
        );
    }
    Ok(())
}

pub async fn list_districts(settings: &Settings, json: bool) -> anyhow::Result<()> {
    let mut districts: BTreeMap<String, usize> = BTreeMap::new();
    for a in all_agencies(settings).await? {
        *districts.entry(a.district).or_default() += 1;
    }
    if json {
        for (name, agencies) in &districts {
            println!(
                "{}",
                serde_json::json!({ "district": name, "agencies": agencies })
            );
        }
        return Ok(());
    }
    if districts.is_empty() {
        eprintln!("名录中没有区：先用 `fazhi agencies import 名录.csv` 导入");
        return Ok(());
    }
    println!("{}名录中的单位数（来源：单位名录）", pad("区", 16));
    for (name, agencies) in &districts {
        println!("{}{agencies}", pad(name, 16));
    }
    Ok(())
}
