//! The local credentials of the embedded defaults: on the first start an
//! administrator token and a workbench password, written to
//! `credentials.toml` in the data directory (mode 0600), where the client
//! commands on the same machine find them.

use std::path::{Path, PathBuf};

use anyhow::Context;
use fazhi_config::Settings;
use fazhi_store::{AuditAction, AuditEvent, NewCredential, Role, Store};

/// Where the embedded defaults keep the local credentials: beside the
/// SQLite file. `None` for any other database.
pub fn local_file(settings: &Settings) -> Option<PathBuf> {
    let path = settings
        .database
        .url
        .strip_prefix("sqlite://")?
        .split('?')
        .next()?;
    Some(
        Path::new(path)
            .parent()
            .unwrap_or(Path::new("."))
            .join("credentials.toml"),
    )
}

/// On the embedded defaults, the first start creates an administrator token
/// and writes it to a file only its owner can read, so the quick start needs
/// no manual step. Never on RabbitMQ or PostgreSQL (production starts with
/// no credential at all) and never when any credential exists.
pub async fn bootstrap(settings: &Settings, store: &Store) -> anyhow::Result<()> {
    if !settings.is_embedded() {
        return Ok(());
    }
    let Some(file) = local_file(settings) else {
        return Ok(());
    };
    if !store.credentials().await?.is_empty() {
        return Ok(());
    }
    let new = NewCredential {
        login: "local-admin".into(),
        role: Role::Admin,
        scope: vec![],
        expires_at: None,
        created_by: "system:first-start".into(),
    };
    let (row, token) = store.issue_token(&new).await?;
    // A person's sign-in for the web workbench, with a random password.
    let password = fazhi_store::credentials::random_hex(9)?;
    let person = NewCredential {
        login: "admin".into(),
        role: Role::Admin,
        scope: vec![],
        expires_at: None,
        created_by: "system:first-start".into(),
    };
    store.set_password(&person, &password).await?;
    write_private(
        &file,
        &format!(
            "# fazhi 首次启动时为本机创建的管理员凭证（内置默认配置）。请勿外传。\n\
             # 其他单位和人员的凭证用 `fazhi credentials issue` / `add-user` 发放。\n\
             admin_token = \"{token}\"\n\
             # 网页工作台登录：用户名 admin\n\
             admin_password = \"{password}\"\n"
        ),
    )?;
    store
        .audit(AuditEvent {
            actor: "system:first-start".into(),
            action: AuditAction::CredentialIssue,
            target: row.id.clone(),
            detail: serde_json::json!({ "kind": row.kind, "login": row.login, "role": row.role, "file": file.display().to_string() }),
            origin: "local".into(),
        })
        .await?;
    eprintln!(
        "首次启动：已为本机创建管理员凭证，保存在 {}（仅当前用户可读）。",
        file.display()
    );
    Ok(())
}

fn write_private(path: &Path, content: &str) -> anyhow::Result<()> {
    use std::io::Write;
    // A file left from an earlier database is stale: this one has no credential.
    let _ = std::fs::remove_file(path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options
        .open(path)
        .with_context(|| format!("无法写入 {}", path.display()))?;
    f.write_all(content.as_bytes())?;
    Ok(())
}

/// The token the client commands use: configured (`client.token`,
/// `FAZHI_CLIENT__TOKEN`), else the local administrator's file.
pub fn client_token(settings: &Settings) -> Option<String> {
    if let Some(t) = settings.client.token.as_deref().filter(|t| !t.is_empty()) {
        return Some(t.to_owned());
    }
    let text = std::fs::read_to_string(local_file(settings)?).ok()?;
    text.lines().find_map(|l| {
        let v = l
            .trim()
            .strip_prefix("admin_token")?
            .trim()
            .strip_prefix('=')?;
        Some(v.trim().trim_matches('"').to_owned())
    })
}
