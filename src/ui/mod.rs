//! The desktop workbench (egui). Being written.

/// Opens the workbench with `files`.
pub fn run(files: Vec<std::path::PathBuf>) -> Result<(), String> {
    let _ = files;
    Err("the GUI is not built yet".into())
}
