//! The loader on arbitrary bytes: the first byte chooses the file name's
//! extension (txt, docx, doc, odt, rtf, html, pdf, ofd, wps), the rest is the
//! file. The content decides the reader (magic bytes), so the seeds — real
//! files of each format — keep each reader busy. A document that loads must
//! keep every invariant; an error must have a message in both languages.

#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::contain_pdf_extractor_panics();
    common::checks::load(data);
});
