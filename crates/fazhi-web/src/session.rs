//! Signed-in sessions, held in memory: a restart signs everyone out, which
//! is acceptable for a clerk's workbench and keeps no secret on disk.
//! The cookie carries a 256-bit random id; the CSRF token is a second random
//! value bound to the session and required in every form.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fazhi_store::Principal;
use subtle::ConstantTimeEq;

/// Session cookie name.
pub const COOKIE: &str = "fz_session";
/// Before sign-in: the login form's CSRF value (double-submit cookie).
pub const PRE_COOKIE: &str = "fz_login";
/// Failed password attempts after which a login is refused until an
/// administrator resets it (the store counts them on the credential row).
pub const LOCKOUT_ATTEMPTS: i32 = 5;
/// A session unused this long is gone.
const IDLE: Duration = Duration::from_secs(8 * 3600);

#[derive(Debug, Clone)]
pub struct Session {
    pub principal: Principal,
    pub csrf: String,
    last_seen: Instant,
}

#[derive(Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
}

/// 32 random bytes as hex; `None` only if the OS has no randomness.
pub fn random_token() -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(hex::encode(bytes))
}

/// Constant-time comparison of two tokens.
pub fn same_token(a: &str, b: &str) -> bool {
    !a.is_empty() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

impl Sessions {
    /// A new session for `principal`: `(cookie id, session)`.
    pub fn create(&self, principal: Principal) -> Option<(String, Session)> {
        let id = random_token()?;
        let session = Session {
            principal,
            csrf: random_token()?,
            last_seen: Instant::now(),
        };
        let mut map = self.map.lock().ok()?;
        // Forget idle sessions here, so the map never grows without bound.
        map.retain(|_, s| s.last_seen.elapsed() < IDLE);
        map.insert(id.clone(), session.clone());
        Some((id, session))
    }

    /// The live session behind a cookie id (and mark it used).
    pub fn get(&self, id: &str) -> Option<Session> {
        let mut map = self.map.lock().ok()?;
        let session = map.get_mut(id)?;
        if session.last_seen.elapsed() >= IDLE {
            map.remove(id);
            return None;
        }
        session.last_seen = Instant::now();
        Some(session.clone())
    }

    pub fn remove(&self, id: &str) {
        if let Ok(mut map) = self.map.lock() {
            map.remove(id);
        }
    }
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

/// A `Set-Cookie` value: always HttpOnly and SameSite=Strict, Secure behind TLS.
pub fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<u64>) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_store::Role;

    fn unit() -> Principal {
        Principal {
            credential_id: "c1".into(),
            login: "u".into(),
            role: Role::Unit,
            scope: vec!["a1".into()],
        }
    }

    #[test]
    fn a_session_is_found_by_its_id_and_gone_after_removal() {
        let sessions = Sessions::default();
        let (id, s) = sessions.create(unit()).unwrap();
        assert_eq!(id.len(), 64);
        assert_ne!(id, s.csrf);
        assert_eq!(sessions.get(&id).unwrap().principal.login, "u");
        assert!(sessions.get("other").is_none());
        sessions.remove(&id);
        assert!(sessions.get(&id).is_none());
    }

    #[test]
    fn cookies_are_read_by_name_and_written_strict() {
        let h = "a=1; fz_session=abc; b=2";
        assert_eq!(cookie(h, COOKIE), Some("abc"));
        assert_eq!(cookie(h, "c"), None);
        let c = set_cookie(COOKIE, "x", true, None);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Strict") && c.contains("Secure"));
        assert!(!set_cookie(COOKIE, "x", false, None).contains("Secure"));
    }

    #[test]
    fn an_empty_token_never_matches() {
        assert!(!same_token("", ""));
        assert!(same_token("ab", "ab"));
        assert!(!same_token("ab", "ac"));
    }
}
