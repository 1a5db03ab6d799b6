//! Command line: the names here are relied on by other tools; keep them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use fazhi_config::Settings;

#[derive(Debug, Parser)]
#[command(
    name = "fazhi",
    version,
    about = "法治政府建设年度报告的收集、解析与全区汇总"
)]
pub struct Cli {
    /// TOML configuration file (defaults, then this file, then FAZHI_* variables).
    #[arg(long, global = true, env = "FAZHI_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the gRPC server (ingest and summary).
    Serve,
    /// Run the worker that parses queued reports.
    Worker,
    /// Run server and worker in one process (embedded defaults unless configured).
    Up,
    /// Run everything, submit the bundled sample reports, print each year's summary.
    Demo,
    /// Submit report files to a running server.
    Submit(SubmitArgs),
    /// Print a district's consolidated summary from a running server.
    Summary(SummaryArgs),
    /// Parse report files locally and print what was found.
    Parse(ParseArgs),
    /// Score the parser against gold annotations (a folder of JSON files whose
    /// `file` points at the report text): precision and recall per category.
    Eval {
        /// Folder of gold JSON files, e.g. ../shared/corpus.
        dir: PathBuf,
    },
    /// Manage the agency roster.
    Agencies {
        #[command(subcommand)]
        command: AgenciesCommand,
    },
    /// Inspect and replay submissions set aside by the worker (dead letters).
    DeadLetters {
        #[command(subcommand)]
        command: crate::dead_letters::DeadLettersCommand,
    },
    /// 管理访问凭证（管理员在服务器本机运行）：发放、列出、吊销。
    Credentials {
        #[command(subcommand)]
        command: CredentialsCommand,
    },
    /// 报送：列出、查看、撤回、下载原始文件，审核（接收、退回、重新打开、设为当前版本），登记送达日期。
    Submissions {
        #[command(subcommand)]
        command: crate::submissions::SubmissionsCommand,
    },
    /// 按年度的名录：导入、列出、设为免报。例：fazhi roster list --district 示例区 --year 2025
    Roster {
        #[command(subcommand)]
        command: crate::roster::RosterCommand,
    },
    /// 报送季：报送率与名单、截止日期、公开登记。例：fazhi season status --district 示例区 --year 2025
    Season {
        #[command(subcommand)]
        command: crate::season::SeasonCommand,
    },
    /// 今天需要处理的事项：未报送、待审核、退回未重报、未公开。例：fazhi todo --district 示例区
    Todo(crate::season::TodoArgs),
    /// 检查项：解析发现、单位或年度不符、雷同、隐私（公开前），逐项处理。
    Checks {
        #[command(subcommand)]
        command: crate::checks::ChecksCommand,
    },
    /// 催办：提醒→催报→督办→通报，及督办通知导出。
    Escalations {
        #[command(subcommand)]
        command: crate::checks::EscalationsCommand,
    },
    /// 跨单位、跨年度分析：同比、安排落实、问题池与整改、雷同、质量评分、上级汇总。
    Analysis {
        #[command(subcommand)]
        command: crate::analysis::AnalysisCommand,
    },
    /// 审计记录：谁在何时从何处做了什么（只增不改）。
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleArg {
    /// 管理员：管理凭证和名录，可查看全部
    Admin,
    /// 市级：查看所辖各区
    City,
    /// 区级（依法治区办）：本区的一切
    District,
    /// 单位：报送和查看本单位的报告
    Unit,
}

#[derive(Debug, Subcommand)]
pub enum CredentialsCommand {
    /// 为系统发放访问令牌（只显示一次），例：fazhi credentials issue --role unit --scope jgz --label 金谷镇报送系统
    Issue {
        #[arg(long, value_enum)]
        role: RoleArg,
        /// 单位代码（unit）、区名（district）或逗号分隔的区名（city）
        #[arg(long)]
        scope: Vec<String>,
        /// 持有者名称，唯一，如“金谷镇报送系统”
        #[arg(long)]
        label: String,
        /// 有效天数；不填则长期有效（可随时吊销）
        #[arg(long)]
        expires_days: Option<u32>,
    },
    /// 为人员创建登录密码（从标准输入读取一行），例：echo '密码' | fazhi credentials add-user --login zhang --role district --scope 示例区
    AddUser {
        #[arg(long)]
        login: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long)]
        scope: Vec<String>,
        #[arg(long)]
        expires_days: Option<u32>,
    },
    /// 列出全部凭证（不含任何密钥）
    List {
        #[arg(long)]
        json: bool,
    },
    /// 吊销凭证（编号或名称），立即生效
    Revoke { credential: String },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// 列出审计记录（最早的在前）
    List(AuditArgs),
}

#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// 只看对这一对象的操作（报送编号、凭证编号）
    #[arg(long)]
    pub target: Option<String>,
    /// 只看这一类操作，如 submission.submit、credential.issue
    #[arg(long)]
    pub action: Option<String>,
    /// 最多列出最近的多少条（默认 1000）
    #[arg(long, default_value_t = 0)]
    pub limit: u64,
    #[arg(long)]
    pub json: bool,
    /// 以 CSV 输出（时间、操作人、操作、对象、来源、详情），例：--csv > 审计.csv
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

#[derive(Debug, clap::Args)]
pub struct SubmitArgs {
    /// Code of the reporting agency on the roster.
    #[arg(long)]
    pub agency: String,
    /// The year reported on (e.g. 2023 for a report written in early 2024).
    #[arg(long)]
    pub year: i32,
    /// Idempotency key; with several files, the file name is appended.
    #[arg(long)]
    pub key: Option<String>,
    /// Server address; defaults to the configured listen address.
    #[arg(long)]
    pub server: Option<String>,
    /// Wait until each submission is processed and print its status.
    #[arg(long)]
    pub wait: bool,
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    Markdown,
    Docx,
}

#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    #[arg(long)]
    pub district: String,
    #[arg(long)]
    pub year: i32,
    /// Print the structured summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Draft format when not --json (markdown by default).
    #[arg(long, value_enum)]
    pub format: Option<SummaryFormat>,
    /// Write the draft here instead of standard output (required for docx).
    #[arg(long)]
    pub output: Option<PathBuf>,
    #[arg(long)]
    pub server: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// One JSON object per file, one per line, in argument order.
    #[arg(long)]
    pub json: bool,
    /// The year the report is said to be on (checked against the text).
    #[arg(long)]
    pub year: Option<i32>,
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum AgenciesCommand {
    /// Insert or update agencies from a CSV file with columns code,name,kind,district.
    Import { file: PathBuf },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load(cli.config.as_deref())?;
    crate::telemetry::install_crypto_provider();
    match cli.command {
        Command::Parse(args) => crate::parse::run(&args),
        Command::Eval { dir } => crate::parse::eval(&dir),
        command => {
            crate::telemetry::init(&settings.log);
            match command {
                Command::Serve => crate::app::serve(settings).await,
                Command::Worker => crate::app::worker(settings).await,
                Command::Up => crate::app::up(settings).await,
                Command::Demo => crate::demo::run(settings).await,
                Command::Submit(args) => crate::client::submit(&settings, args).await,
                Command::Summary(args) => crate::client::summary(&settings, args).await,
                Command::Agencies {
                    command: AgenciesCommand::Import { file },
                } => crate::app::import_agencies(&settings, &file).await,
                Command::Submissions { command } => {
                    crate::submissions::run(&settings, command).await
                }
                Command::Roster { command } => crate::roster::run(&settings, command).await,
                Command::Season { command } => crate::season::run(&settings, command).await,
                Command::Todo(args) => crate::season::todo(&settings, args).await,
                Command::Checks { command } => crate::checks::run_checks(&settings, command).await,
                Command::Escalations { command } => {
                    crate::checks::run_escalations(&settings, command).await
                }
                Command::DeadLetters { command } => {
                    crate::dead_letters::run(&settings, command).await
                }
                Command::Credentials { command } => {
                    crate::credentials::run(&settings, command).await
                }
                Command::Analysis { command } => crate::analysis::run(&settings, command).await,
                Command::Audit {
                    command: AuditCommand::List(args),
                } => crate::credentials::audit(&settings, args).await,
                Command::Parse(_) | Command::Eval { .. } => unreachable!("handled above"),
            }
        }
    }
}
