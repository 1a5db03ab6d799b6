//! The arguments every read of one district's year takes, declared once.

/// `--district`, `--year`, `--json`, `--server`.
#[derive(Debug, Clone, clap::Args)]
pub struct DistrictYear {
    /// 区名，例：--district 示例区
    #[arg(long)]
    pub district: String,
    /// 报告所属年度，例：--year 2025
    #[arg(long)]
    pub year: i32,
    /// 输出 JSON（列表每行一个对象），例：--json
    #[arg(long)]
    pub json: bool,
    /// 服务地址，例：--server http://127.0.0.1:50051
    #[arg(long)]
    pub server: Option<String>,
}

impl DistrictYear {
    /// District, year, `--json`, server.
    pub fn into_parts(self) -> (String, i32, bool, Option<String>) {
        (self.district, self.year, self.json, self.server)
    }
}
