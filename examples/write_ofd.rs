//! Writes a plain-text report as an OFD file the way OFD producers lay it
//! out (the test suite's writer, `tests/fixtures/ofd_writer.rs`), for the
//! inbox's formats folder (`scripts/make-inbox-folder`).
//!
//! `cargo run --release --example write_ofd -- REPORT.txt OUT.ofd`

#[path = "../tests/fixtures/ofd_writer.rs"]
mod ofd_writer;

fn main() {
    let args: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: write_ofd REPORT.txt OUT.ofd");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(input) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("write_ofd: cannot read {}: {e}", input.display());
            std::process::exit(1);
        }
    };
    let bytes = ofd_writer::write_ofd(&text, &ofd_writer::OfdLayout::default());
    if let Err(e) = std::fs::write(output, bytes) {
        eprintln!("write_ofd: cannot write {}: {e}", output.display());
        std::process::exit(1);
    }
}
