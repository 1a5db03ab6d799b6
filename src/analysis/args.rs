//! The `fazhi analysis` commands and flags, each with a Chinese example.

/// Which district and year (and optionally unit) to read.
#[derive(Debug, clap::Args)]
pub struct Target {
    /// 区名，例：--district 示例区
    #[arg(long)]
    pub district: String,
    /// 报告年度（与上一年度比较），例：--year 2024
    #[arg(long)]
    pub year: i32,
    /// 只看这一单位（单位代码），例：--agency sfj；单位凭证默认本单位
    #[arg(long, default_value = "")]
    pub agency: String,
    /// 输出一个 JSON 对象（含每个数字的来源：报送编号和字符位置），例：--json
    #[arg(long)]
    pub json: bool,
    /// 服务器地址，例：--server http://127.0.0.1:50051
    #[arg(long)]
    pub server: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    /// 整改中
    #[value(name = "整改中", alias = "in-progress")]
    InProgress,
    /// 已整改
    #[value(name = "已整改", alias = "done")]
    Done,
    /// 未整改
    #[value(name = "未整改", alias = "not-done")]
    NotDone,
}

#[derive(Debug, clap::Subcommand)]
pub enum AnalysisCommand {
    /// 指标同比（全区或一个单位），例：fazhi analysis yoy --district 示例区 --year 2024 --agency sfj
    Yoy(Target),
    /// 上一年度工作安排的落实情况，例：fazhi analysis plans --district 示例区 --year 2024
    Plans {
        #[command(flatten)]
        target: Target,
        /// 打印汇总稿中的落实情况段落和附表（Markdown），例：--draft
        #[arg(long)]
        draft: bool,
    },
    /// 问题池：连续年度重复反映的问题及整改状态，例：fazhi analysis recurring --district 示例区 --year 2024
    Recurring {
        #[command(flatten)]
        target: Target,
        /// 也列出只反映过一次的问题，例：--all
        #[arg(long)]
        all: bool,
    },
    /// 登记一个问题的整改状态（区级；记入审计），例：fazhi analysis rectify --district 示例区 --year 2024 --key hdj:2023:… --status 整改中 --note 已申请增编
    Rectify {
        /// 区名，例：--district 示例区
        #[arg(long)]
        district: String,
        /// 问题池所在年度，例：--year 2024
        #[arg(long)]
        year: i32,
        /// 问题编号（`fazhi analysis recurring` 列出），例：--key hdj:2023:0123456789abcdef
        #[arg(long)]
        key: String,
        /// 整改状态：整改中、已整改、未整改，例：--status 已整改
        #[arg(long, value_enum)]
        status: StatusArg,
        /// 整改说明，例：--note 已新增执法编制3名
        #[arg(long, default_value = "")]
        note: String,
        /// 服务器地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 内容雷同：与他单位同年度或本单位上年度报告相似的语句，例：fazhi analysis copying --district 示例区 --year 2024
    Copying(Target),
    /// 报告质量评分、理由、排名和分布，例：fazhi analysis quality --district 示例区 --year 2024
    Quality(Target),
    /// 上级（市）对所辖各区的汇总，例：fazhi analysis rollup --name 示例市 --year 2024 --district 甲区 --district 乙区
    Rollup {
        /// 上级名称，例：--name 示例市
        #[arg(long)]
        name: String,
        /// 年度，例：--year 2024
        #[arg(long)]
        year: i32,
        /// 所辖区（可重复），例：--district 甲区 --district 乙区
        #[arg(long = "district", required = true)]
        districts: Vec<String>,
        /// 输出一个 JSON 对象，例：--json
        #[arg(long)]
        json: bool,
        /// 服务器地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 立即重新计算某区某年度的分析（否则读取时只重算过期的），例：fazhi analysis refresh --district 示例区 --year 2024
    Refresh {
        /// 区名，例：--district 示例区
        #[arg(long)]
        district: String,
        /// 年度，例：--year 2024
        #[arg(long)]
        year: i32,
        /// 服务器地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
}
