//! Inputs and the consolidated summary, one file per part of the shape;
//! every type is re-exported here, so paths stay `crate::model::X`.

use fazhi_core::{Finding, ParsedReport, Part, Qualifier, QuantityKind};
use serde::{Deserialize, Serialize};

mod contribution;
mod draft;
mod input;
mod plans;
mod season;
mod summary;
mod total;

pub use contribution::*;
pub use draft::*;
pub use input::*;
pub use plans::*;
pub use season::*;
pub use summary::*;
pub use total::*;
