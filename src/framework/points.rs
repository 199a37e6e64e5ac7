//! Import of a 年度工作要点 / 工作安排 / 工作计划 as a checklist (being written).

use std::path::Path;

use super::Framework;
use super::load::FrameworkError;
use crate::document::LoadOptions;

/// Reads a work-points document and turns it into a framework.
pub fn import_file(path: &Path, options: &LoadOptions) -> Result<Framework, FrameworkError> {
    let _ = options;
    Err(FrameworkError::Invalid {
        source_name: path.display().to_string(),
        message: "work-point import is not built yet".into(),
    })
}
