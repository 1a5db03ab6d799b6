//! The page shell: header with the signed-in person and navigation, then
//! the page. Plain HTML and one stylesheet; a skip link and visible focus
//! make it usable from the keyboard.

use maud::{DOCTYPE, Markup, html};

use crate::session::Session;
use fazhi_store::Role;

/// Navigation entries a role sees: (path, label).
fn nav(role: Role) -> &'static [(&'static str, &'static str)] {
    match role {
        Role::Unit => &[("/upload", "报送报告")],
        Role::City => &[
            ("/dashboard", "报送进度"),
            ("/draft", "汇总稿"),
            ("/charts", "图表"),
            ("/roster", "单位名录"),
            ("/audit", "登录记录"),
        ],
        Role::Admin | Role::District => &[
            ("/dashboard", "报送进度"),
            ("/draft", "汇总稿"),
            ("/charts", "图表"),
            ("/roster", "单位名录"),
            ("/upload", "代为报送"),
            ("/audit", "登录记录"),
        ],
    }
}

fn head_content(title: &str) -> Markup {
    html! {
        meta charset="utf-8";
        meta name="viewport" content="width=device-width, initial-scale=1";
        title { (title) " · 法治政府建设年度报告工作台" }
        link rel="stylesheet" href="/static/app.css";
    }
}

/// A page for a signed-in person.
pub fn page(title: &str, session: &Session, active: &str, body: Markup) -> Markup {
    let p = &session.principal;
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head { (head_content(title)) }
            body {
                a.skip href="#main" { "跳到正文" }
                header.top {
                    span.brand { "法治政府建设年度报告工作台" }
                    nav aria-label="主导航" {
                        @for (path, label) in nav(p.role) {
                            @if *path == active {
                                a href=(path) aria-current="page" { (label) }
                            } @else {
                                a href=(path) { (label) }
                            }
                        }
                    }
                    span.who { (p.login) "（" (role_zh(p.role)) "）" }
                    form.logout method="post" action="/logout" {
                        input type="hidden" name="csrf" value=(session.csrf);
                        button type="submit" id="logout" { "退出登录" }
                    }
                }
                main id="main" tabindex="-1" { h1 { (title) } (body) }
            }
        }
    }
}

/// A page without the signed-in header (sign-in, errors).
pub fn bare(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head { (head_content(title)) }
            body {
                header.top { span.brand { "法治政府建设年度报告工作台" } }
                main id="main" { (body) }
            }
        }
    }
}

pub fn role_zh(role: Role) -> &'static str {
    match role {
        Role::Admin => "管理员",
        Role::City => "市级",
        Role::District => "依法治区办",
        Role::Unit => "报送单位",
    }
}
