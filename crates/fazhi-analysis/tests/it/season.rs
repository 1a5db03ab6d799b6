//! The synthetic district of the fixtures: six units over 2023 and 2024,
//! parsed with the real parser and consolidated with the real summary.

use fazhi_analysis::copying::CopyInput;
use fazhi_core::{ParseOptions, ParsedReport, parse_text};
use fazhi_summary::model::{Agency, AgencyRef, DistrictSummary, ReportContribution, ReportInput};

/// Code, name, kind. `wlj`'s 2024 report is late and thin.
pub const UNITS: [(&str, &str, &str); 6] = [
    ("sfj", "示例区司法局", "department"),
    ("scj", "示例区市场监督管理局", "department"),
    ("hdj", "湖东街道办事处", "street"),
    ("cgj", "示例区城市管理委员会", "department"),
    ("jyj", "示例区教育委员会", "department"),
    ("wlj", "示例区文化和旅游局", "department"),
];

pub struct Report {
    pub agency: Agency,
    pub year: i32,
    pub text: String,
    pub parsed: ParsedReport,
    pub on_time: bool,
}

pub struct Season {
    pub year: i32,
    pub reports: Vec<Report>,
}

pub fn roster() -> Vec<Agency> {
    UNITS
        .iter()
        .map(|(c, n, k)| Agency {
            code: (*c).into(),
            name: (*n).into(),
            // The kind's JSON name, read the way a stored contribution is.
            kind: serde_json::from_value(serde_json::Value::String((*k).into())).ok(),
        })
        .collect()
}

fn fixture(year: i32, code: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/season/{year}/{code}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

impl Season {
    pub fn load(year: i32) -> Season {
        let reports = roster()
            .into_iter()
            .map(|agency| {
                let text = fixture(year, &agency.code);
                let parsed = parse_text(
                    &text,
                    &ParseOptions {
                        expected_year: Some(year),
                        expected_agency: Some(agency.name.clone()),
                    },
                );
                let on_time = !(year == 2024 && agency.code == "wlj");
                Report {
                    agency,
                    year,
                    text,
                    parsed,
                    on_time,
                }
            })
            .collect();
        Season { year, reports }
    }

    pub fn inputs(&self) -> Vec<ReportInput<'_>> {
        self.reports
            .iter()
            .map(|r| ReportInput {
                agency: r.agency.clone(),
                submission_id: format!("{}-{}", r.agency.code, r.year),
                submitted_at: format!("{}-02-20T09:00:00Z", r.year + 1),
                on_time: r.on_time,
                text: &r.text,
                parsed: &r.parsed,
            })
            .collect()
    }

    pub fn contributions(&self) -> Vec<ReportContribution> {
        self.inputs()
            .iter()
            .map(fazhi_summary::contribution)
            .collect()
    }

    pub fn summary(&self, district: &str) -> DistrictSummary {
        fazhi_summary::consolidate(district, self.year, &roster(), &self.inputs())
    }

    pub fn copy_inputs(&self) -> Vec<CopyInput<'_>> {
        self.reports
            .iter()
            .map(|r| CopyInput {
                agency: AgencyRef::from(&r.agency),
                submission_id: format!("{}-{}", r.agency.code, r.year),
                year: r.year,
                text: &r.text,
                parsed: &r.parsed,
            })
            .collect()
    }

    pub fn report(&self, code: &str) -> &Report {
        self.reports
            .iter()
            .find(|r| r.agency.code == code)
            .unwrap_or_else(|| panic!("no {code}"))
    }
}
