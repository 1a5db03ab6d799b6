//! Secrets inside configuration values never reach a log or a debug dump.

/// A URL without its password (`postgres://user:***@host/db`); anything
/// that is not `scheme://user:password@…` is returned as it is.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn only_the_password_is_hidden() {
        assert_eq!(
            redact_url("postgres://fazhi:pw@db:5432/fazhi"),
            "postgres://fazhi:***@db:5432/fazhi"
        );
        assert_eq!(
            redact_url("amqp://guest:gu@est@127.0.0.1:5672/%2f"),
            "amqp://guest:***@127.0.0.1:5672/%2f"
        );
        assert_eq!(
            redact_url("sqlite:///srv/fazhi.db?mode=rwc"),
            "sqlite:///srv/fazhi.db?mode=rwc"
        );
        assert_eq!(
            redact_url("postgres://fazhi@db/fazhi"),
            "postgres://fazhi@db/fazhi"
        );
    }
}
