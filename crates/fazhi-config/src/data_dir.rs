//! The data directory: where the default SQLite file and the local
//! credentials live, independent of the folder a command is run from.

use std::path::PathBuf;

use crate::{ConfigError, Settings};

impl Settings {
    /// The configured data directory, else the platform's data folder for
    /// fazhi (`$XDG_DATA_HOME/fazhi`, `~/.local/share/fazhi`).
    pub fn data_dir(&self) -> PathBuf {
        self.data_dir
            .clone()
            .or_else(platform_data_dir)
            .unwrap_or_default()
    }

    /// Fill what depends on the data directory: an empty `database.url`
    /// becomes `fazhi.db` inside it.
    pub(crate) fn resolved(mut self) -> Result<Settings, ConfigError> {
        if self.database.url.trim().is_empty() {
            let dir = match self.data_dir.clone().or_else(platform_data_dir) {
                Some(dir) => dir,
                None => {
                    return Err(ConfigError::NoDataDir(
                        "找不到本机的数据目录（没有 HOME 环境变量）：请用 --data-dir 或 FAZHI_DATA_DIR 指定数据目录，或设置 database.url"
                            .to_owned(),
                    ));
                }
            };
            let dir = absolute(dir);
            self.data_dir = Some(dir.clone());
            self.database.url = format!("sqlite://{}?mode=rwc", dir.join("fazhi.db").display());
        }
        Ok(self)
    }
}

fn platform_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "fazhi").map(|d| d.data_dir().to_path_buf())
}

/// A relative `--data-dir` is taken from the folder the command was run in,
/// once, so the URL and the credentials file agree.
fn absolute(dir: PathBuf) -> PathBuf {
    if dir.is_absolute() {
        return dir;
    }
    std::env::current_dir()
        .map(|cwd| cwd.join(&dir))
        .unwrap_or(dir)
}
