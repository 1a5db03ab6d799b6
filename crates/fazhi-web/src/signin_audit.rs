//! Sign-in, sign-out and lock-out in the audit trail, and the office's view
//! of them. Each entry's detail names the districts the login belongs to
//! (a unit: its agency's district), so an office sees its own people only;
//! an attempt on an unknown login belongs to no district (administrators
//! see it). Never a password in the detail.

use axum::extract::{Query, State};
use fazhi_store::entity::{audit_entry, credential};
use fazhi_store::{AuditAction, AuditEvent, AuditFilter, Role, Store};
use maud::{Markup, html};

use crate::AppState;
use crate::auth::Signed;
use crate::dashboard::when;
use crate::error::WebError;
use crate::layout;
use crate::scope::{SeasonQuery, season};

/// The actions this page shows, with their Chinese names.
pub const ACTIONS: [(AuditAction, &str); 4] = [
    (AuditAction::SignIn, "登录成功"),
    (AuditAction::SignInFailed, "密码错误"),
    (AuditAction::SignOut, "退出登录"),
    (AuditAction::LockedOut, "账号锁定"),
];

pub fn action_zh(code: &str) -> &'static str {
    ACTIONS
        .iter()
        .find(|(a, _)| a.as_str() == code)
        .map(|(_, zh)| *zh)
        .unwrap_or("其他")
}

/// The districts a login's role and scope put it in.
async fn districts_of(store: &Store, role: Role, scope: &[String]) -> Vec<String> {
    match role {
        Role::District | Role::City => scope.to_vec(),
        Role::Admin => Vec::new(),
        Role::Unit => {
            let mut out = Vec::new();
            for code in scope {
                if let Ok(Some(a)) = store.agency(code).await {
                    out.push(a.district);
                }
            }
            out
        }
    }
}

/// Who a stored credential is, as the trail names an actor.
pub struct Who {
    pub actor: String,
    pub login: String,
    pub role: Option<Role>,
    pub scope: Vec<String>,
}

impl Who {
    pub fn of_credential(row: &credential::Model) -> Who {
        Who {
            actor: format!("{}:{}", row.id, row.login),
            login: row.login.clone(),
            role: Role::parse(&row.role),
            scope: fazhi_store::credentials::scope_of(&row.scope),
        }
    }

    pub fn of_principal(p: &fazhi_store::Principal) -> Who {
        Who {
            actor: p.actor(),
            login: p.login.clone(),
            role: Some(p.role),
            scope: p.scope.clone(),
        }
    }

    /// A login nobody holds: no district.
    pub fn unknown(login: &str) -> Who {
        Who {
            actor: format!("unknown:{login}"),
            login: login.to_owned(),
            role: None,
            scope: Vec::new(),
        }
    }
}

/// Record one session event; `note` says what happened in a clerk's words.
pub async fn record(
    store: &Store,
    action: AuditAction,
    who: &Who,
    origin: &str,
    note: &str,
) -> Result<(), fazhi_store::StoreError> {
    let districts = match who.role {
        Some(role) => districts_of(store, role, &who.scope).await,
        None => Vec::new(),
    };
    store
        .audit(AuditEvent {
            actor: who.actor.clone(),
            action,
            target: who.login.clone(),
            detail: serde_json::json!({
                "login": who.login,
                "role": who.role.map(Role::as_str),
                "districts": districts,
                "note": note,
            }),
            origin: origin.to_owned(),
        })
        .await
}

/// Does this entry's detail place it in `district`?
pub fn in_district(entry: &audit_entry::Model, district: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(&entry.detail)
        .ok()
        .and_then(|d| {
            d.get("districts")?
                .as_array()
                .map(|a| a.iter().any(|v| v.as_str() == Some(district)))
        })
        .unwrap_or(false)
}

fn note_of(entry: &audit_entry::Model) -> String {
    serde_json::from_str::<serde_json::Value>(&entry.detail)
        .ok()
        .and_then(|d| d.get("note")?.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// How many of the newest entries of each action are read.
const READ: u64 = 2000;
/// How many rows the page shows.
const SHOWN: usize = 300;

/// `/audit`: the district's sign-in trail, newest first.
pub async fn page(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<SeasonQuery>,
) -> Result<Markup, WebError> {
    let p = &signed.session.principal;
    if p.role == Role::Unit {
        return Err(fazhi_services::error::ServiceError::PermissionDenied(
            "只有依法治区办可以查看登录记录".into(),
        )
        .into());
    }
    let s = season(&state.store, p, &q).await?;
    let mut entries = Vec::new();
    for (action, _) in ACTIONS {
        let rows = state
            .store
            .audit_entries(&AuditFilter {
                target: None,
                action: Some(action.as_str().to_owned()),
                limit: READ,
            })
            .await?;
        entries.extend(rows.into_iter().filter(|e| in_district(e, &s.district)));
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.id));
    entries.truncate(SHOWN);
    let title = format!("{} 登录记录", s.district);
    Ok(layout::page(
        &title,
        &signed.session,
        "/audit",
        html! {
            p.hint { "来源：审计日志（只增不改），本区人员及本区单位账号的登录、退出、密码错误与锁定；最近 " (SHOWN) " 条。" }
            table.units id="audit" {
                caption { "共 " (entries.len()) " 条" }
                thead { tr { th scope="col" { "时间（北京时间）" } th scope="col" { "事件" } th scope="col" { "账号" } th scope="col" { "说明" } th scope="col" { "来源地址" } th scope="col" { "记录号" } } }
                tbody {
                    @for e in &entries {
                        tr data-action=(e.action) {
                            td { (when(e.at)) }
                            td { span class={"state " (if e.action == AuditAction::SignIn.as_str() || e.action == AuditAction::SignOut.as_str() { "processed" } else { "missing" })} { (action_zh(&e.action)) } }
                            td { (e.target) }
                            td { (note_of(e)) }
                            td.mono { (e.origin) }
                            td.mono { (e.id) }
                        }
                    }
                }
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(detail: &str) -> audit_entry::Model {
        audit_entry::Model {
            id: 1,
            at: 0,
            actor: "a".into(),
            action: "session.sign_in".into(),
            target: "x".into(),
            detail: detail.into(),
            origin: "web".into(),
        }
    }

    #[test]
    fn an_entry_belongs_to_the_districts_its_detail_names_only() {
        let e = entry(r#"{"districts":["示例区","乙区"],"note":"n"}"#);
        assert!(in_district(&e, "示例区") && in_district(&e, "乙区"));
        assert!(!in_district(&e, "丙区"));
        assert!(!in_district(&entry(r#"{"districts":[]}"#), "示例区"));
        assert!(!in_district(&entry("not json"), "示例区"));
        assert_eq!(note_of(&e), "n");
    }

    #[test]
    fn every_session_action_has_a_chinese_name() {
        for (a, zh) in ACTIONS {
            assert_eq!(action_zh(a.as_str()), zh);
        }
        assert_eq!(action_zh("submission.submit"), "其他");
    }
}
