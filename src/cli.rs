//! Command line: the names here are relied on by other tools; keep them.
//! Help is in Chinese, with an example for every command (`例：`).

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use fazhi_config::Settings;

#[derive(Debug, Parser)]
#[command(
    name = "fazhi",
    version,
    about = "法治政府建设年度报告的收集、解析与全区汇总",
    after_help = "快速开始：fazhi demo（示例区的全过程），fazhi up（服务器、处理进程和网页工作台）"
)]
pub struct Cli {
    /// 配置文件（TOML）：先用默认值，再读此文件，再读 FAZHI_* 环境变量。例：--config /etc/fazhi/fazhi.toml
    #[arg(long, global = true, env = "FAZHI_CONFIG")]
    pub config: Option<PathBuf>,
    /// 数据目录：默认数据库 fazhi.db 和本机凭证 credentials.toml 所在处；不填则为本机用户数据目录（如 ~/.local/share/fazhi），与当前所在文件夹无关。例：--data-dir /srv/fazhi
    #[arg(long, global = true, env = "FAZHI_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 运行 gRPC 服务（接收报送、提供汇总）和网页工作台。例：fazhi serve
    Serve,
    /// 运行处理进程：解析排队的报告并更新全区汇总。例：fazhi worker
    Worker,
    /// 在一个进程里运行服务、处理进程和网页工作台（未另行配置时用内置数据库和队列）。例：fazhi up
    Up,
    /// 演示：启动全部组件，提交示例报告，打印各年度汇总。例：fazhi demo
    Demo,
    /// 向服务器报送报告文件或整个文件夹；重新运行只报送尚未报送的文件。例：fazhi submit --agency jgz --year 2023 报告文件夹/
    Submit(SubmitArgs),
    /// 打印某区某年度的汇总稿或结构化汇总。例：fazhi summary --district 示例区 --year 2023
    Summary(SummaryArgs),
    /// 在本机解析报告文件并打印识别结果（不连服务器）。例：fazhi parse --json 报告.txt
    Parse(ParseArgs),
    /// 用标注数据评估解析器（各类别的准确率和召回率）。例：fazhi eval ../shared/corpus
    Eval {
        /// 标注 JSON 文件所在文件夹（其中 file 指向报告文本）。例：../shared/corpus
        dir: PathBuf,
        /// 输出一个 JSON 对象（各类别的精确率、召回率、F1 和准确率）。例：--json
        #[arg(long)]
        json: bool,
    },
    /// 单位名录：导入、列出。例：fazhi agencies list
    Agencies {
        #[command(subcommand)]
        command: AgenciesCommand,
    },
    /// 列出名录中的区和各区单位数。例：fazhi districts list
    Districts {
        #[command(subcommand)]
        command: DistrictsCommand,
    },
    /// 死信：处理进程放弃的报送，查看和重新处理。例：fazhi dead-letters list
    DeadLetters {
        #[command(subcommand)]
        command: crate::dead_letters::DeadLettersCommand,
    },
    /// 管理访问凭证（管理员在服务器本机运行）：发放、列出、吊销。例：fazhi credentials list
    Credentials {
        #[command(subcommand)]
        command: CredentialsCommand,
    },
    /// 报送：列出、查看、撤回、下载原始文件，审核（接收、退回、重新打开、设为当前版本），登记送达日期。例：fazhi submissions list --district 示例区 --year 2023
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
    /// 检查项：解析发现、单位或年度不符、雷同、隐私（公开前），逐项处理。例：fazhi checks list --district 示例区 --year 2025
    Checks {
        #[command(subcommand)]
        command: crate::checks::ChecksCommand,
    },
    /// 催办：提醒→催报→督办→通报，及督办通知导出。例：fazhi escalations list --district 示例区 --year 2025
    Escalations {
        #[command(subcommand)]
        command: crate::checks::EscalationsCommand,
    },
    /// 用本版解析器重新解析已存的报告并重新汇总（经队列，由所有处理进程分担；中断后再次运行即可续做）。例：fazhi reprocess --district 示例区 --year 2023
    Reprocess(crate::reprocess::ReprocessArgs),
    /// 跨单位、跨年度分析：同比、安排落实、问题池与整改、雷同、质量评分、上级汇总。例：fazhi analysis quality --district 示例区 --year 2024
    Analysis {
        #[command(subcommand)]
        command: crate::analysis::AnalysisCommand,
    },
    /// 审计记录：谁在何时从何处做了什么（只增不改）。例：fazhi audit list --limit 20
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum DistrictsCommand {
    /// 列出名录中的区及其单位数。例：fazhi districts list --json
    List {
        /// 每行一个 JSON 对象。例：--json
        #[arg(long)]
        json: bool,
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
    /// 为系统发放访问令牌（只显示一次）。例：fazhi credentials issue --role unit --scope jgz --label 金谷镇报送系统
    Issue {
        /// 角色。例：--role unit
        #[arg(long, value_enum)]
        role: RoleArg,
        /// 单位代码（unit）、区名（district）或逗号分隔的区名（city）。例：--scope jgz
        #[arg(long)]
        scope: Vec<String>,
        /// 持有者名称，唯一。例：--label 金谷镇报送系统
        #[arg(long)]
        label: String,
        /// 有效天数；不填则长期有效（可随时吊销）。例：--expires-days 365
        #[arg(long)]
        expires_days: Option<u32>,
    },
    /// 为人员创建登录密码（从标准输入读取一行）。例：echo '密码' | fazhi credentials add-user --login zhang --role district --scope 示例区
    AddUser {
        /// 登录名。例：--login zhang
        #[arg(long)]
        login: String,
        /// 角色。例：--role district
        #[arg(long, value_enum)]
        role: RoleArg,
        /// 单位代码、区名或区名列表。例：--scope 示例区
        #[arg(long)]
        scope: Vec<String>,
        /// 有效天数；不填则长期有效。例：--expires-days 90
        #[arg(long)]
        expires_days: Option<u32>,
    },
    /// 列出全部凭证（不含任何密钥）。例：fazhi credentials list --json
    List {
        /// 每行一个 JSON 对象。例：--json
        #[arg(long)]
        json: bool,
    },
    /// 吊销凭证（编号或名称），立即生效。例：fazhi credentials revoke 金谷镇报送系统
    Revoke {
        /// 凭证编号或名称。例：金谷镇报送系统
        credential: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// 列出审计记录（最早的在前）。例：fazhi audit list --action submission.submit
    List(AuditArgs),
}

#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// 只看对这一对象的操作（报送编号、凭证编号）。例：--target 3f2a…
    #[arg(long)]
    pub target: Option<String>,
    /// 只看这一类操作。例：--action credential.issue
    #[arg(long)]
    pub action: Option<String>,
    /// 最多列出最近的多少条（默认 1000）。例：--limit 20
    #[arg(long, default_value_t = 0)]
    pub limit: u64,
    /// 每行一个 JSON 对象。例：--json
    #[arg(long)]
    pub json: bool,
    /// 以 CSV 输出（时间、操作人、操作、对象、来源、详情），例：--csv > 审计.csv
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

#[derive(Debug, clap::Args)]
pub struct SubmitArgs {
    /// 报送单位在名录中的代码。例：--agency jgz
    #[arg(long)]
    pub agency: String,
    /// 所报告的年度（2024 年初写的报告是 2023 年度）。例：--year 2023
    #[arg(long)]
    pub year: i32,
    /// 报送编号：同一编号重复报送不会重复计入；多个文件时在其后加文件名。不填则由文件内容生成。例：--key 2023-jgz
    #[arg(long)]
    pub key: Option<String>,
    /// 服务器地址；不填则为配置的 grpc.listen。例：--server https://fazhi.example.gov.cn:50051
    #[arg(long)]
    pub server: Option<String>,
    /// 等每份报告处理完，再打印其结果。例：--wait
    #[arg(long)]
    pub wait: bool,
    /// 报告文件或文件夹（文件夹内的文件按名称顺序报送）。例：报告.docx 或 报告文件夹/
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    /// Markdown 文本
    Markdown,
    /// Word 文档（需 --output）
    Docx,
}

#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// 区名。例：--district 示例区
    #[arg(long)]
    pub district: String,
    /// 年度。例：--year 2023
    #[arg(long)]
    pub year: i32,
    /// 输出结构化汇总（一个 JSON 对象），不能与 --format 同用。例：--json
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// 汇总稿格式（默认 markdown）。例：--format docx --output 汇总.docx
    #[arg(long, value_enum)]
    pub format: Option<SummaryFormat>,
    /// 写入此文件而不是标准输出（docx 必填）。例：--output 汇总.docx
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// 服务器地址；不填则为配置的 grpc.listen。例：--server http://127.0.0.1:50051
    #[arg(long)]
    pub server: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// 每个文件输出一行 JSON，按参数顺序。例：--json
    #[arg(long)]
    pub json: bool,
    /// 报告声称的年度（与正文核对）。例：--year 2023
    #[arg(long)]
    pub year: Option<i32>,
    /// 报告文件。例：报告.txt
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum AgenciesCommand {
    /// 从 CSV 文件（列：code,name,kind,district）新增或更新单位。例：fazhi agencies import 名录.csv
    Import {
        /// 名录 CSV 文件。例：名录.csv
        file: PathBuf,
    },
    /// 列出名录中的单位。例：fazhi agencies list --district 示例区
    List {
        /// 只列此区的单位。例：--district 示例区
        #[arg(long)]
        district: Option<String>,
        /// 每行一个 JSON 对象。例：--json
        #[arg(long)]
        json: bool,
    },
}

/// Chinese headings and help flag on every (sub)command: clap's own are
/// English.
fn localized(cmd: clap::Command) -> clap::Command {
    cmd.help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("显示帮助"),
        )
        .mut_args(|a| {
            if a.get_id() == "version" {
                a.help("显示版本")
            } else if a.is_positional() {
                a.help_heading("参数")
            } else {
                a.help_heading("选项")
            }
        })
        .mut_subcommands(localized)
}

/// The whole command tree with Chinese help (also `--version`, which clap
/// adds to the root only when it builds, too late for `mut_args`).
pub(crate) fn command() -> clap::Command {
    localized(Cli::command()).disable_version_flag(true).arg(
        clap::Arg::new("version")
            .short('V')
            .long("version")
            .action(clap::ArgAction::Version)
            .help("显示版本")
            .help_heading("选项"),
    )
}

/// Parse the command line; the usage errors a clerk meets most are said in
/// Chinese (clap's own are English), exit code 2 as clap's.
pub fn parse() -> Cli {
    let parsed = command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => match chinese_usage_error(&e) {
            Some(message) => {
                eprintln!("错误：{message}\n（用 --help 查看用法和例子）");
                std::process::exit(2);
            }
            None => e.exit(),
        },
    }
}

fn chinese_usage_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    let context = |kind| e.get(kind).map(ToString::to_string);
    match e.kind() {
        ErrorKind::ArgumentConflict => Some(format!(
            "{} 与 {} 不能同时使用",
            context(ContextKind::InvalidArg)?,
            context(ContextKind::PriorArg)?
        )),
        ErrorKind::MissingRequiredArgument => Some(format!(
            "缺少必填的参数：{}",
            context(ContextKind::InvalidArg)?
        )),
        ErrorKind::UnknownArgument => Some(format!(
            "没有这个参数：{}",
            context(ContextKind::InvalidArg)?
        )),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => Some(format!(
            "{} 的值“{}”无效",
            context(ContextKind::InvalidArg)?,
            context(ContextKind::InvalidValue)?
        )),
        ErrorKind::InvalidSubcommand => Some(format!(
            "没有这个命令：{}",
            context(ContextKind::InvalidSubcommand)?
        )),
        _ => None,
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load_with(cli.config.as_deref(), cli.data_dir.as_deref())?;
    crate::telemetry::install_crypto_provider();
    match cli.command {
        Command::Parse(args) => crate::parse::run(&args),
        Command::Eval { dir, json } => crate::parse::eval(&dir, json),
        command => {
            crate::telemetry::init(&settings.log, &settings.telemetry);
            use crate::app::Roles;
            match command {
                Command::Serve => crate::app::run(&settings, Roles::SERVE).await,
                Command::Worker => crate::app::run(&settings, Roles::WORKER).await,
                Command::Up => crate::app::run(&settings, Roles::UP).await,
                Command::Demo => crate::demo::run(settings).await,
                Command::Submit(args) => crate::folder::submit(&settings, args).await,
                Command::Summary(args) => crate::client::summary(&settings, args).await,
                Command::Agencies {
                    command: AgenciesCommand::Import { file },
                } => crate::districts::import_agencies(&settings, &file).await,
                Command::Agencies {
                    command: AgenciesCommand::List { district, json },
                } => crate::districts::list_agencies(&settings, district.as_deref(), json).await,
                Command::Districts {
                    command: DistrictsCommand::List { json },
                } => crate::districts::list_districts(&settings, json).await,
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
                Command::Reprocess(args) => crate::reprocess::run(&settings, args).await,
                Command::Audit {
                    command: AuditCommand::List(args),
                } => crate::credentials::audit(&settings, args).await,
                Command::Parse(_) | Command::Eval { .. } => unreachable!("handled above"),
            }
        }
    }
}

#[cfg(test)]
mod tests;
