//! `fazhi credentials …` and `fazhi audit list`: the administrator's tools,
//! run on the server's machine against its database. Secrets are printed
//! once, when issued; only their hashes are stored.

use std::io::{BufRead, IsTerminal};

use anyhow::{Context, bail};
use fazhi_config::Settings;
use fazhi_store::{AuditAction, AuditEvent, AuditFilter, NewCredential, Role, Store};

use crate::cli::{AuditArgs, CredentialsCommand, RoleArg};
use crate::display::{beijing_time, print_json_lines};

fn role(r: RoleArg) -> Role {
    match r {
        RoleArg::Admin => Role::Admin,
        RoleArg::City => Role::City,
        RoleArg::District => Role::District,
        RoleArg::Unit => Role::Unit,
    }
}

/// The person at the terminal, as the audit trail names a CLI actor.
pub fn cli_actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "unknown".into());
    format!("cli:{user}")
}

fn scope_for(role: Role, scope: &[String]) -> anyhow::Result<Vec<String>> {
    let scope: Vec<String> = scope
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    match (role, scope.len()) {
        (Role::Admin, 0) => Ok(scope),
        (Role::Admin, _) => bail!("管理员凭证不需要 --scope"),
        (Role::Unit | Role::District, 1) => Ok(scope),
        (Role::Unit, _) => bail!("单位凭证需要且只需要一个 --scope（单位代码）"),
        (Role::District, _) => bail!("区级凭证需要且只需要一个 --scope（区名）"),
        (Role::City, 0) => bail!("市级凭证需要 --scope（所辖各区名，用逗号分隔）"),
        (Role::City, _) => Ok(scope),
    }
}

fn expiry(days: Option<u32>) -> Option<i64> {
    days.map(|d| fazhi_store::now_ms() + i64::from(d) * 86_400_000)
}

pub async fn run(settings: &Settings, command: CredentialsCommand) -> anyhow::Result<()> {
    let parts = crate::app::connect(settings).await?;
    let store = &parts.store;
    match command {
        CredentialsCommand::Issue {
            role: r,
            scope,
            label,
            expires_days,
        } => {
            let r = role(r);
            let new = NewCredential {
                login: label,
                role: r,
                scope: scope_for(r, &scope)?,
                expires_at: expiry(expires_days),
                created_by: cli_actor(),
            };
            ensure_free(store, &new.login).await?;
            let (row, token) = store.issue_token(&new).await?;
            audit_issue(store, &row).await?;
            eprintln!(
                "已发放访问令牌 {}（{}），令牌只显示这一次，请妥善转交：",
                row.id, row.login
            );
            println!("{token}");
        }
        CredentialsCommand::AddUser {
            login,
            role: r,
            scope,
            expires_days,
        } => {
            let r = role(r);
            let password = read_password()?;
            let new = NewCredential {
                login,
                role: r,
                scope: scope_for(r, &scope)?,
                expires_at: expiry(expires_days),
                created_by: cli_actor(),
            };
            ensure_free(store, &new.login).await?;
            let row = store.set_password(&new, &password).await?;
            audit_issue(store, &row).await?;
            println!("已创建用户 {}（{}）", row.login, row.id);
        }
        CredentialsCommand::List { json } => {
            let rows = store.credentials().await?;
            if json {
                print_json_lines(&rows, |r| {
                    serde_json::json!({
                        "id": r.id, "kind": r.kind, "login": r.login, "role": r.role,
                        "scope": r.scope, "created_at": r.created_at, "created_by": r.created_by,
                        "expires_at": r.expires_at, "revoked_at": r.revoked_at,
                    })
                });
            } else {
                println!("编号\t类型\t名称\t角色\t范围\t发放时间\t到期\t吊销");
                for r in &rows {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        r.id,
                        r.kind,
                        r.login,
                        r.role,
                        r.scope,
                        beijing_time(Some(r.created_at)),
                        beijing_time(r.expires_at),
                        beijing_time(r.revoked_at)
                    );
                }
            }
        }
        CredentialsCommand::Revoke { credential } => {
            let row = store
                .revoke_credential(&credential)
                .await?
                .with_context(|| format!("没有编号或名称为“{credential}”的凭证"))?;
            store
                .audit(AuditEvent {
                    actor: cli_actor(),
                    action: AuditAction::CredentialRevoke,
                    target: row.id.clone(),
                    detail: serde_json::json!({ "login": row.login, "role": row.role, "scope": row.scope }),
                    origin: "cli".into(),
                })
                .await?;
            println!("已吊销凭证 {}（{}）", row.id, row.login);
        }
    }
    Ok(())
}

/// Names are unique: say so plainly rather than with the database's words.
async fn ensure_free(store: &Store, login: &str) -> anyhow::Result<()> {
    if store.credential_by_login(login).await?.is_some() {
        bail!("名称“{login}”已被另一凭证使用，请换一个名称");
    }
    Ok(())
}

async fn audit_issue(
    store: &Store,
    row: &fazhi_store::entity::credential::Model,
) -> anyhow::Result<()> {
    store
        .audit(AuditEvent {
            actor: cli_actor(),
            action: AuditAction::CredentialIssue,
            target: row.id.clone(),
            detail: serde_json::json!({
                "kind": row.kind, "login": row.login, "role": row.role,
                "scope": row.scope, "expires_at": row.expires_at,
            }),
            origin: "cli".into(),
        })
        .await?;
    Ok(())
}

/// One line from standard input (never an argument: arguments show in `ps`).
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        eprint!("密码（输入后回车，至少 8 个字符）：");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.chars().count() < 8 {
        bail!("密码至少需要 8 个字符");
    }
    Ok(password)
}

pub async fn audit(settings: &Settings, args: AuditArgs) -> anyhow::Result<()> {
    let parts = crate::app::connect(settings).await?;
    let rows = parts
        .store
        .audit_entries(&AuditFilter {
            target: args.target,
            action: args.action,
            limit: args.limit,
        })
        .await?;
    if args.csv {
        let mut out = csv::Writer::from_writer(std::io::stdout());
        out.write_record(["at", "actor", "action", "target", "origin", "detail"])?;
        for r in &rows {
            out.write_record([
                beijing_time(Some(r.at)).as_str(),
                &r.actor,
                &r.action,
                &r.target,
                &r.origin,
                &r.detail,
            ])?;
        }
        out.flush()?;
        return Ok(());
    }
    for r in &rows {
        if args.json {
            println!(
                "{}",
                serde_json::json!({
                    "id": r.id, "at": r.at, "actor": r.actor, "action": r.action,
                    "target": r.target, "detail": serde_json::from_str::<serde_json::Value>(&r.detail).unwrap_or_default(),
                    "origin": r.origin,
                })
            );
        } else {
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                beijing_time(Some(r.at)),
                r.actor,
                r.action,
                r.target,
                r.origin,
                r.detail
            );
        }
    }
    Ok(())
}

pub use fazhi::app::local_credentials::{client_token, local_file};
