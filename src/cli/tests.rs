//! The promises of the help text, checked on clap's own tree so a new
//! command or flag cannot slip in without them.

use super::command;

/// Every leaf command as its words (`["submissions", "list"]`).
fn leaves(
    cmd: &clap::Command,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, clap::Command)>,
) {
    if !cmd.has_subcommands() {
        out.push((path.clone(), cmd.clone()));
    }
    for sub in cmd.get_subcommands() {
        path.push(sub.get_name().to_owned());
        leaves(sub, path, out);
        path.pop();
    }
}

fn all_commands() -> Vec<(Vec<String>, clap::Command)> {
    let mut root = command();
    root.build();
    let mut out = Vec::new();
    leaves(&root, &mut Vec::new(), &mut out);
    out
}

/// Commands that only read: each must offer `--json`.
const READS: &[&str] = &[
    "summary",
    "parse",
    "eval",
    "agencies list",
    "districts list",
    "dead-letters list",
    "credentials list",
    "submissions list",
    "submissions show",
    "submissions versions",
    "roster list",
    "season status",
    "todo",
    "checks list",
    "escalations list",
    "analysis yoy",
    "analysis plans",
    "analysis recurring",
    "analysis copying",
    "analysis quality",
    "analysis rollup",
    "audit list",
];

/// Commands that run something or change something (no `--json` needed).
const ACTIONS: &[&str] = &[
    "serve",
    "worker",
    "up",
    "demo",
    "reprocess",
    "submit",
    "agencies import",
    "dead-letters replay",
    "credentials issue",
    "credentials add-user",
    "credentials revoke",
    "submissions withdraw",
    "submissions accept",
    "submissions return",
    "submissions reopen",
    "submissions make-current",
    "submissions received-on",
    "submissions download",
    "roster import",
    "roster exempt",
    "season deadlines",
    "season publish",
    "checks clear",
    "checks confirm",
    "checks correct",
    "escalations add",
    "escalations notices",
    "analysis rectify",
    "analysis refresh",
];

#[test]
fn every_command_and_every_flag_has_chinese_help_with_an_example() {
    let mut root = command();
    root.build();
    let mut problems = Vec::new();
    let mut commands = Vec::new();
    let mut path = Vec::new();
    fn every(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<(String, clap::Command)>) {
        out.push((path.join(" "), cmd.clone()));
        for sub in cmd.get_subcommands() {
            path.push(sub.get_name().to_owned());
            every(sub, path, out);
            path.pop();
        }
    }
    every(&root, &mut path, &mut commands);
    for (name, cmd) in &commands {
        let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        if !name.is_empty() && !about.contains("例：") {
            problems.push(format!("命令 `{name}` 的说明没有例子：{about}"));
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                if !help.starts_with('显') {
                    problems.push(format!("`{name}` 的 {id} 不是中文：{help}"));
                }
                continue;
            }
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            if !help.contains("例：") {
                problems.push(format!("`{name}` 的参数 {id} 没有例子：{help}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_read_command_offers_json_and_every_command_is_classified() {
    let mut problems = Vec::new();
    for (words, cmd) in all_commands() {
        let name = words.join(" ");
        let has_json = cmd.get_arguments().any(|a| a.get_id() == "json");
        match (
            READS.contains(&name.as_str()),
            ACTIONS.contains(&name.as_str()),
        ) {
            (true, false) if !has_json => problems.push(format!("`{name}` 只读却没有 --json")),
            (true, false) | (false, true) => {}
            _ => problems.push(format!(
                "`{name}`：请在 READS 或 ACTIONS 里（且只在一处）登记这一命令"
            )),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
