//! The sample district shipped in the binary, so `fazhi demo` needs nothing
//! but itself: five real reports (the project's seeds) and their roster.

pub const DISTRICT: &str = "示例区";
pub const ROSTER_CSV: &str = include_str!("../samples/agencies.csv");

pub struct SampleReport {
    pub file: &'static str,
    pub agency_code: &'static str,
    pub year: i32,
    pub content: &'static [u8],
}

pub const REPORTS: [SampleReport; 5] = [
    SampleReport {
        file: "000_694a7727829af4aa.txt",
        agency_code: "xc-yllhj",
        year: 2022,
        content: include_bytes!("../samples/reports/000_694a7727829af4aa.txt"),
    },
    SampleReport {
        file: "001_6193ebd917cce1b8.txt",
        agency_code: "xc-cgzhzx",
        year: 2023,
        content: include_bytes!("../samples/reports/001_6193ebd917cce1b8.txt"),
    },
    SampleReport {
        file: "002_8688029d397398e8.txt",
        agency_code: "xymj",
        year: 2022,
        content: include_bytes!("../samples/reports/002_8688029d397398e8.txt"),
    },
    SampleReport {
        file: "003_cb32341b71933a80.txt",
        agency_code: "sjs-qzf",
        year: 2023,
        content: include_bytes!("../samples/reports/003_cb32341b71933a80.txt"),
    },
    SampleReport {
        file: "004_f20b88b3a1d009b5.txt",
        agency_code: "jgz",
        year: 2022,
        content: include_bytes!("../samples/reports/004_f20b88b3a1d009b5.txt"),
    },
];
