//! The Debian package's pieces (`scripts/package-deb`): the desktop entry
//! and the AppStream metainfo validate with the freedesktop tools, the
//! desktop entry offers every report format, the package's files exist, and
//! the binary prints its version and writes man pages and completions from
//! its clap definitions. `desktop-file-validate` and `appstreamcli` come
//! from desktop-file-utils and appstream (installed by scripts/test); a
//! missing tool fails the test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DESKTOP: &str = "packaging/shenyue.desktop";
const METAINFO: &str = "packaging/io.github.shenyue.Shenyue.metainfo.xml";

fn root() -> &'static Path {
    Path::new(ROOT)
}

/// Runs a validator; fails the test when it is missing or complains.
fn validate(tool: &str, args: &[&str], file: &str, package: &str) {
    let out = Command::new(tool)
        .args(args)
        .arg(root().join(file))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} ({e}); install {package}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{tool} {file}: {text}");
    // desktop-file-validate exits 0 on hints and warnings it prints.
    assert!(
        !text.contains("error:") && !text.contains("warning:"),
        "{tool} {file}: {text}"
    );
}

#[test]
fn the_desktop_entry_validates_and_names_the_app_in_chinese() {
    validate("desktop-file-validate", &[], DESKTOP, "desktop-file-utils");
    let entry = std::fs::read_to_string(root().join(DESKTOP)).unwrap();
    assert!(entry.lines().any(|l| l == "Name[zh_CN]=审阅"), "{entry}");
    assert!(entry.lines().any(|l| l == "Name=Shenyue"), "{entry}");
    assert!(entry.lines().any(|l| l == "Exec=shenyue %F"), "{entry}");
    // Desktops match a window to its entry by the window's app id (Wayland)
    // or class (X11): `shenyue`, set in src/ui/mod.rs.
    let ui = std::fs::read_to_string(root().join("src/ui/mod.rs")).unwrap();
    assert!(
        ui.contains(".with_app_id(\"shenyue\")"),
        "the window's app id changed"
    );
    assert!(
        entry.lines().any(|l| l == "StartupWMClass=shenyue"),
        "{entry}"
    );
    assert_eq!(Path::new(DESKTOP).file_stem().unwrap(), "shenyue");
}

#[test]
fn the_desktop_entry_offers_every_report_format_and_assessments() {
    let entry = std::fs::read_to_string(root().join(DESKTOP)).unwrap();
    let mime: Vec<&str> = entry
        .lines()
        .find_map(|l| l.strip_prefix("MimeType="))
        .unwrap()
        .split(';')
        .filter(|m| !m.is_empty())
        .collect();
    for ext in shenyue::document::REPORT_EXTENSIONS {
        let wanted: &[&str] = match *ext {
            "txt" => &["text/plain"],
            "docx" => &["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
            "doc" => &["application/msword"],
            "wps" => &["application/vnd.ms-works", "application/wps-office.wps"],
            "odt" => &["application/vnd.oasis.opendocument.text"],
            "rtf" => &["application/rtf"],
            "ofd" => &["application/ofd"],
            "pdf" => &["application/pdf"],
            "html" | "htm" => &["text/html"],
            "xhtml" => &["application/xhtml+xml"],
            other => panic!("no MIME type known for .{other}: add it here and to {DESKTOP}"),
        };
        for m in wanted {
            assert!(mime.contains(m), ".{ext}: {m} not in {mime:?}");
        }
    }
    assert!(mime.contains(&"application/x-shenyue-assessment"));
    // The types shared-mime-info lacks are defined by the package.
    let defined = std::fs::read_to_string(root().join("packaging/shenyue-mime.xml")).unwrap();
    for m in ["application/x-shenyue-assessment", "application/ofd"] {
        assert!(defined.contains(&format!("type=\"{m}\"")), "{m}");
    }
    assert!(defined.contains("*.shenyue.ron"));
}

#[test]
fn the_appstream_metainfo_validates() {
    validate(
        "appstreamcli",
        &["validate", "--no-net"],
        METAINFO,
        "appstream",
    );
    let info = std::fs::read_to_string(root().join(METAINFO)).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        info.contains(&format!("<release version=\"{version}\"")),
        "metainfo has no release {version}"
    );
    assert!(info.contains("<launchable type=\"desktop-id\">shenyue.desktop"));
}

#[test]
fn every_packaged_file_exists_and_the_icon_comes_in_every_size() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let sources: Vec<&str> = manifest
        .split('"')
        .filter(|s| s.starts_with("packaging/"))
        .collect();
    assert!(sources.len() >= 10, "{sources:?}");
    for source in &sources {
        assert!(
            root().join(source).is_file(),
            "{source} is packaged but missing"
        );
    }
    for size in [16, 24, 32, 48, 64, 128, 256] {
        let png = format!("packaging/icons/shenyue-{size}.png");
        assert!(sources.contains(&png.as_str()), "{png} not packaged");
        let bytes = std::fs::read(root().join(&png)).unwrap();
        // PNG header: width and height at bytes 16..24.
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{png}");
        let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!((w, h), (size, size), "{png}");
    }
}

fn shenyue() -> Command {
    Command::new(env!("CARGO_BIN_EXE_shenyue"))
}

#[test]
fn the_binary_prints_its_version() {
    let out = shenyue().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("shenyue {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn man_pages_and_completions_come_from_the_clap_definitions() {
    let dir = tempfile::tempdir().unwrap();
    let out = shenyue()
        .arg("__generate-assets")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let man = |name: &str| -> String {
        let path: PathBuf = dir.path().join("man").join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let main = man("shenyue.1");
    assert!(main.contains(".TH shenyue 1"), "{main}");
    for sub in [
        "inspect",
        "check",
        "compare",
        "export",
        "batch",
        "points",
        "frameworks",
    ] {
        let page = man(&format!("shenyue-{sub}.1"));
        assert!(page.contains(&format!(".TH shenyue-{sub} 1")), "{page}");
        assert!(
            main.contains(&format!("shenyue\\-{sub}(1)")),
            "{sub} not in shenyue.1"
        );
    }
    for (file, marker) in [
        ("shenyue.bash", "complete -F"),
        ("_shenyue", "#compdef shenyue"),
        ("shenyue.fish", "complete -c shenyue"),
    ] {
        let script = std::fs::read_to_string(dir.path().join("completions").join(file)).unwrap();
        assert!(script.contains(marker), "{file}");
        assert!(script.contains("check"), "{file} lacks the subcommands");
        assert!(
            !script.contains("__pdf-extract"),
            "{file} offers an internal command"
        );
    }
    assert!(!dir.path().join("man/shenyue-__pdf-extract.1").exists());
}
