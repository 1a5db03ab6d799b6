//! Credentials: issue, list, revoke, and authenticate.
//!
//! API tokens look like `fz_<id>_<secret>`: the id finds the row, the
//! 256-bit random secret is checked against its SHA-256 in constant time
//! (a random secret needs no slow hash). Passwords are people's and get
//! argon2. Secrets are shown once, when issued, and never stored.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::entity::credential;
use crate::{Store, StoreError, now_ms};

const TOKEN_PREFIX: &str = "fz_";

/// Who a credential speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Manages credentials and rosters; may read everything.
    Admin,
    /// A city office: reads the districts in its scope.
    City,
    /// A district office (依法治区办): everything of its district.
    District,
    /// A reporting unit: submits and reads its own reports.
    Unit,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::City => "city",
            Role::District => "district",
            Role::Unit => "unit",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "city" => Some(Role::City),
            "district" => Some(Role::District),
            "unit" => Some(Role::Unit),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialKind {
    Token,
    Password,
}

impl CredentialKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialKind::Token => "token",
            CredentialKind::Password => "password",
        }
    }
}

/// An authenticated caller: what the authorization policy decides on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub credential_id: String,
    pub login: String,
    pub role: Role,
    /// Agency code (unit), district (district), districts (city); empty for admin.
    pub scope: Vec<String>,
}

impl Principal {
    /// `id:login`, as the audit trail records the actor.
    pub fn actor(&self) -> String {
        format!("{}:{}", self.credential_id, self.login)
    }
}

/// What to issue.
#[derive(Debug, Clone)]
pub struct NewCredential {
    pub login: String,
    pub role: Role,
    pub scope: Vec<String>,
    pub expires_at: Option<i64>,
    pub created_by: String,
}

/// Why a secret was not accepted. Deliberately not more precise towards the
/// caller (the service maps all of them to one UNAUTHENTICATED message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFailure {
    Malformed,
    Unknown,
    Mismatch,
    Expired,
    Revoked,
}

/// `n` random bytes as hex: token secrets, generated passwords.
pub fn random_hex(n: usize) -> Result<String, StoreError> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(format!("no randomness: {e}"))))?;
    Ok(hex::encode(bytes))
}

fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..16].to_owned()
}

/// Split `fz_<id>_<secret>`.
fn split_token(token: &str) -> Option<(&str, &str)> {
    let rest = token.strip_prefix(TOKEN_PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    (id.len() == 16
        && secret.len() == 64
        && id
            .bytes()
            .chain(secret.bytes())
            .all(|b| b.is_ascii_hexdigit()))
    .then_some((id, secret))
}

fn principal(row: &credential::Model) -> Result<Principal, StoreError> {
    let role = Role::parse(&row.role).ok_or_else(|| {
        StoreError::Corrupt(format!("credential {} has role {:?}", row.id, row.role))
    })?;
    Ok(Principal {
        credential_id: row.id.clone(),
        login: row.login.clone(),
        role,
        scope: scope_of(&row.scope),
    })
}

/// A credential's stored scope (comma-separated districts or agencies) as a list.
pub fn scope_of(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn usable(row: &credential::Model, now: i64) -> Result<(), AuthFailure> {
    if row.revoked_at.is_some() {
        return Err(AuthFailure::Revoked);
    }
    if row.expires_at.is_some_and(|t| t <= now) {
        return Err(AuthFailure::Expired);
    }
    Ok(())
}

impl Store {
    /// Issue an API token; returns the row and the token, which is shown
    /// once and never stored.
    pub async fn issue_token(
        &self,
        new: &NewCredential,
    ) -> Result<(credential::Model, String), StoreError> {
        let id = new_id();
        let secret = random_hex(32)?;
        let row = self
            .insert_credential(new, &id, CredentialKind::Token, sha256_hex(&secret))
            .await?;
        Ok((row, format!("{TOKEN_PREFIX}{id}_{secret}")))
    }

    /// Create a person's password credential (argon2id, random salt).
    pub async fn set_password(
        &self,
        new: &NewCredential,
        password: &str,
    ) -> Result<credential::Model, StoreError> {
        let mut salt_bytes = [0u8; 16];
        getrandom::fill(&mut salt_bytes)
            .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(format!("no randomness: {e}"))))?;
        let salt = SaltString::encode_b64(&salt_bytes)
            .map_err(|e| StoreError::Corrupt(format!("salt: {e}")))?;
        let hash = argon2::Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| StoreError::Corrupt(format!("argon2: {e}")))?
            .to_string();
        self.insert_credential(new, &new_id(), CredentialKind::Password, hash)
            .await
    }

    async fn insert_credential(
        &self,
        new: &NewCredential,
        id: &str,
        kind: CredentialKind,
        secret_hash: String,
    ) -> Result<credential::Model, StoreError> {
        let row = credential::ActiveModel {
            id: Set(id.to_owned()),
            kind: Set(kind.as_str().to_owned()),
            login: Set(new.login.clone()),
            role: Set(new.role.as_str().to_owned()),
            scope: Set(new.scope.join(",")),
            secret_hash: Set(secret_hash),
            created_at: Set(now_ms()),
            created_by: Set(new.created_by.clone()),
            expires_at: Set(new.expires_at),
            revoked_at: Set(None),
            failed_attempts: Set(0),
        };
        Ok(row.insert(self.db()).await?)
    }

    /// The principal behind an API token, or why there is none.
    pub async fn authenticate_token(
        &self,
        token: &str,
    ) -> Result<Result<Principal, AuthFailure>, StoreError> {
        let Some((id, secret)) = split_token(token) else {
            return Ok(Err(AuthFailure::Malformed));
        };
        let Some(row) = credential::Entity::find_by_id(id.to_owned())
            .one(self.db())
            .await?
        else {
            return Ok(Err(AuthFailure::Unknown));
        };
        if row.kind != CredentialKind::Token.as_str() {
            return Ok(Err(AuthFailure::Unknown));
        }
        let given = sha256_hex(secret);
        if !bool::from(given.as_bytes().ct_eq(row.secret_hash.as_bytes())) {
            return Ok(Err(AuthFailure::Mismatch));
        }
        if let Err(f) = usable(&row, now_ms()) {
            return Ok(Err(f));
        }
        Ok(Ok(principal(&row)?))
    }

    /// A person's sign-in. Counts failures (the web locks out after several).
    pub async fn authenticate_password(
        &self,
        login: &str,
        password: &str,
    ) -> Result<Result<Principal, AuthFailure>, StoreError> {
        let Some(row) = credential::Entity::find()
            .filter(credential::Column::Login.eq(login))
            .filter(credential::Column::Kind.eq(CredentialKind::Password.as_str()))
            .one(self.db())
            .await?
        else {
            return Ok(Err(AuthFailure::Unknown));
        };
        let ok = PasswordHash::new(&row.secret_hash).is_ok_and(|hash| {
            argon2::Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        });
        let failed = if ok {
            0
        } else {
            row.failed_attempts.saturating_add(1)
        };
        if failed != row.failed_attempts {
            let mut active: credential::ActiveModel = row.clone().into();
            active.failed_attempts = Set(failed);
            active.update(self.db()).await?;
        }
        if !ok {
            return Ok(Err(AuthFailure::Mismatch));
        }
        if let Err(f) = usable(&row, now_ms()) {
            return Ok(Err(f));
        }
        Ok(Ok(principal(&row)?))
    }

    pub async fn credentials(&self) -> Result<Vec<credential::Model>, StoreError> {
        Ok(credential::Entity::find()
            .order_by_asc(credential::Column::CreatedAt)
            .order_by_asc(credential::Column::Id)
            .all(self.db())
            .await?)
    }

    pub async fn credential_by_login(
        &self,
        login: &str,
    ) -> Result<Option<credential::Model>, StoreError> {
        Ok(credential::Entity::find()
            .filter(credential::Column::Login.eq(login))
            .one(self.db())
            .await?)
    }

    /// Revoke by id or login; `None` if there is no such credential.
    /// Revoking twice keeps the first time.
    pub async fn revoke_credential(
        &self,
        id_or_login: &str,
    ) -> Result<Option<credential::Model>, StoreError> {
        let found = match credential::Entity::find_by_id(id_or_login.to_owned())
            .one(self.db())
            .await?
        {
            Some(row) => Some(row),
            None => self.credential_by_login(id_or_login).await?,
        };
        let Some(row) = found else { return Ok(None) };
        if row.revoked_at.is_some() {
            return Ok(Some(row));
        }
        let mut active: credential::ActiveModel = row.into();
        active.revoked_at = Set(Some(now_ms()));
        Ok(Some(active.update(self.db()).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_only_in_their_exact_shape() {
        let id = "0123456789abcdef";
        let secret = "a".repeat(64);
        let token = format!("fz_{id}_{secret}");
        assert_eq!(split_token(&token), Some((id, secret.as_str())));
        assert_eq!(split_token(&format!("fz_{id}_{}", "a".repeat(63))), None);
        assert_eq!(split_token(&format!("xx_{id}_{secret}")), None);
        assert_eq!(split_token("fz_短_密"), None);
        assert_eq!(split_token(""), None);
    }
}
