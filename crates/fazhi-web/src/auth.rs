//! Sign-in, sign-out, and the extractor every page uses to find who is
//! signed in. Passwords are checked by the store (argon2, failures counted
//! on the credential row); the web refuses a login whose count reached
//! [`LOCKOUT_ATTEMPTS`] before even checking the password, so guessing
//! stops there until an administrator resets the credential.

use axum::Form;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::layout;
use crate::session::{
    COOKIE, LOCKOUT_ATTEMPTS, PRE_COOKIE, Session, cookie, random_token, same_token, set_cookie,
};
use crate::signin_audit::{self, Who};
use fazhi_store::AuditAction;

/// The signed-in person's session (and its cookie id).
pub struct Signed {
    pub session: Session,
    pub id: String,
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let id = cookie_value(&parts.headers, COOKIE).ok_or(WebError::SignIn)?;
        let session = state.sessions.get(&id).ok_or(WebError::SignIn)?;
        Ok(Signed { session, id })
    }
}

impl Signed {
    /// Every state-changing form carries the session's CSRF token.
    pub fn check_csrf(&self, token: &str) -> Result<(), WebError> {
        if same_token(token, &self.session.csrf) {
            Ok(())
        } else {
            Err(WebError::Csrf)
        }
    }
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| cookie(h, name).map(str::to_owned))
}

fn login_form(csrf: &str, login: &str, error: Option<&str>) -> Markup {
    layout::bare(
        "登录",
        html! {
            section.login {
                h1 { "登录" }
                @if let Some(e) = error { p.flash.bad role="alert" id="login-error" { (e) } }
                form method="post" action="/login" {
                    input type="hidden" name="csrf" value=(csrf);
                    label for="login" { "用户名" }
                    input id="login" name="login" type="text" value=(login) autocomplete="username" required autofocus;
                    label for="password" { "密码" }
                    input id="password" name="password" type="password" autocomplete="current-password" required;
                    button type="submit" id="sign-in" { "登录" }
                }
                p.hint { "账号由依法治区办发放；连续输错 " (LOCKOUT_ATTEMPTS) " 次密码后账号锁定，需联系管理员重置。" }
            }
        },
    )
}

fn html_response(cookies: &[String], body: Markup) -> Response {
    let mut response = (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body.into_string(),
    )
        .into_response();
    for c in cookies {
        if let Ok(v) = c.parse() {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// The sign-in form, with a fresh double-submit CSRF value.
pub async fn login_page(State(state): State<AppState>) -> Result<Response, WebError> {
    let csrf = random_token().ok_or(WebError::BadRequest("系统暂时无法生成登录表单".into()))?;
    let c = set_cookie(PRE_COOKIE, &csrf, state.secure_cookies, Some(1800));
    Ok(html_response(&[c], login_form(&csrf, "", None)))
}

#[derive(Deserialize)]
pub struct LoginForm {
    csrf: String,
    login: String,
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let pre = cookie_value(&headers, PRE_COOKIE).unwrap_or_default();
    if !same_token(&form.csrf, &pre) {
        return Err(WebError::Csrf);
    }
    let login = form.login.trim();
    let again = |message: &str| html_response(&[], login_form(&form.csrf, login, Some(message)));
    let origin = format!("web {addr}");
    let locked = "该账号连续输错密码次数过多，已被锁定；请联系依法治区办管理员重置密码";
    let before = state.store.credential_by_login(login).await?;
    if let Some(row) = &before
        && row.failed_attempts >= LOCKOUT_ATTEMPTS
    {
        tracing::info!(login, "sign-in refused: locked out");
        let who = Who::of_credential(row);
        signin_audit::record(
            &state.store,
            AuditAction::LockedOut,
            &who,
            &origin,
            "锁定期间尝试登录，已拒绝",
        )
        .await?;
        return Ok(again(locked));
    }
    match state
        .store
        .authenticate_password(login, &form.password)
        .await?
    {
        Ok(principal) => {
            let principal_copy = principal.clone();
            let (id, _) = state
                .sessions
                .create(principal)
                .ok_or(WebError::BadRequest("系统暂时无法登录，请稍后重试".into()))?;
            tracing::info!(login, "signed in");
            let who = Who::of_principal(&principal_copy);
            signin_audit::record(&state.store, AuditAction::SignIn, &who, &origin, "密码登录")
                .await?;
            let mut response = Redirect::to("/").into_response();
            for c in [
                set_cookie(COOKIE, &id, state.secure_cookies, None),
                set_cookie(PRE_COOKIE, "", state.secure_cookies, Some(0)),
            ] {
                if let Ok(v) = c.parse() {
                    response.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            Ok(response)
        }
        Err(_) => {
            // Same words whether the login exists or not; only the lock is told.
            let after = state.store.credential_by_login(login).await?;
            let now_locked = after
                .as_ref()
                .is_some_and(|r| r.failed_attempts >= LOCKOUT_ATTEMPTS);
            let who = after
                .as_ref()
                .map_or_else(|| Who::unknown(login), Who::of_credential);
            let attempts = after.as_ref().map_or(0, |r| r.failed_attempts);
            signin_audit::record(
                &state.store,
                AuditAction::SignInFailed,
                &who,
                &origin,
                &if after.is_some() {
                    format!("密码错误，连续第 {attempts} 次")
                } else {
                    "没有这个账号".to_owned()
                },
            )
            .await?;
            if now_locked {
                signin_audit::record(
                    &state.store,
                    AuditAction::LockedOut,
                    &who,
                    &origin,
                    &format!("连续输错 {attempts} 次，账号锁定"),
                )
                .await?;
            }
            Ok(again(if now_locked {
                locked
            } else {
                "用户名或密码不正确"
            }))
        }
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    pub csrf: String,
}

pub async fn logout(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    signed: Signed,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    signed.check_csrf(&form.csrf)?;
    state.sessions.remove(&signed.id);
    let who = Who::of_principal(&signed.session.principal);
    signin_audit::record(
        &state.store,
        AuditAction::SignOut,
        &who,
        &format!("web {addr}"),
        "退出登录",
    )
    .await?;
    let mut response = Redirect::to("/login").into_response();
    if let Ok(v) = set_cookie(COOKIE, "", state.secure_cookies, Some(0)).parse() {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}
