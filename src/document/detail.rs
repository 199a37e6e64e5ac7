//! The technical detail of a [`super::LoadError`] — what exactly is wrong
//! with the file ("NUL bytes", "word/document.xml expands 1028× (zip
//! bomb)") — in both languages: the table of these phrases, so the
//! parenthesised part of a Chinese message is Chinese too. Part names
//! (`word/document.xml`), encodings and numbers stay as they are; the
//! English text of a library's error (zip, XML, compound file) is kept in
//! English only, the Chinese says what it means.

use std::fmt;

use crate::i18n::Lang;

/// What gave a file away or what is broken in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    // Text decoding.
    /// Many NUL bytes: not text.
    NulBytes,
    /// NUL characters in otherwise decodable text.
    NulCharacters,
    /// Too many control characters.
    ControlCharacters {
        /// How many.
        count: usize,
        /// Out of how many characters.
        total: usize,
    },
    /// Not UTF-8, GB18030 or UTF-16; the detector's guess.
    UnknownEncoding {
        /// The encoding it looks like.
        looks_like: String,
    },
    /// An encoding Shenyue does not read.
    UnsupportedEncoding {
        /// Its name.
        name: String,
    },
    /// Bytes that are not valid in the encoding they claim.
    InvalidBytes {
        /// The encoding.
        encoding: String,
    },

    // XML, HTML and RTF inside documents.
    /// Elements (or RTF groups) nested deeper than the limit.
    NestedTooDeep {
        /// The limit.
        max: usize,
        /// RTF groups rather than XML/HTML elements.
        groups: bool,
    },
    /// Malformed XML.
    Xml {
        /// The part, when it is not the main one.
        part: Option<String>,
        /// The byte where the parser stopped, when known.
        at: Option<u64>,
        /// The parser's message (English).
        message: String,
    },
    /// Text in the XML that is not valid UTF-8, or an unreadable entity.
    XmlText {
        /// The part, when it is not the main one.
        part: Option<String>,
        /// The parser's message (English).
        message: String,
    },
    /// A part ends before its elements are closed.
    Truncated {
        /// The part ("document.xml"); `None`: an XML part of the file.
        part: Option<String>,
    },
    /// A part the format needs is not in the file.
    Missing {
        /// The part.
        part: String,
    },

    // Zip archives.
    /// Not a readable zip archive.
    NotZip {
        /// The zip reader's message (English).
        message: String,
    },
    /// More entries than any document has.
    TooManyEntries {
        /// How many.
        count: usize,
    },
    /// An entry cannot be opened.
    Entry {
        /// The entry.
        name: String,
        /// The reader's message (English).
        message: String,
    },
    /// An entry's data is cut off or corrupt.
    EntryCorrupt {
        /// The entry (or compound-file stream).
        name: String,
        /// The reader's message (English).
        message: String,
    },
    /// An entry expands far more than documents do.
    ZipBomb {
        /// The entry.
        name: String,
        /// The ratio declared; `None`: more than the limit, found while inflating.
        ratio: Option<u64>,
        /// The limit.
        max: u64,
    },
    /// An entry holds more than its header declares.
    ForgedSize {
        /// The entry.
        name: String,
        /// The size declared.
        declared: u64,
    },
    /// An OpenDocument package that is not a text document.
    NotOdfText {
        /// Its media type, if it has one.
        media_type: Option<String>,
    },
    /// A zip without the entries of any document format read.
    NoDocumentEntries {
        /// How many entries it has.
        count: usize,
        /// The first few names.
        first: String,
    },

    // Word 97–2003 binary documents.
    /// The compound file could not be read at all.
    CompoundCorrupt,
    /// Not a compound file.
    NotCompound {
        /// The reader's message (English).
        message: String,
    },
    /// No WordDocument stream.
    NoWordStream,
    /// The WordDocument stream lacks Word's signature.
    NoWordSignature {
        /// What is there instead.
        found: u16,
    },
    /// Password-protected.
    Encrypted,
    /// Word 95 or older.
    Word95 {
        /// The version number found.
        version: u16,
    },
    /// The file information block is cut off.
    FibTruncated,
    /// The file information block has no text length.
    FibNoTextLength,
    /// The file information block has no piece table.
    FibNoPieceTable,
    /// The table stream is missing.
    NoTableStream,
    /// What is wrong with the piece table.
    PieceTable(PieceTableFault),
    /// A text piece lies outside the document stream.
    PieceOutside,

    // OFD.
    /// OFD.xml names no document.
    NoDocRoot,
    /// The document has no pages.
    NoPages,
    /// More pages than are read.
    TooManyPages {
        /// How many (`None`: more than the limit, counting stopped).
        count: Option<usize>,
        /// The limit.
        max: usize,
    },
    /// A page's content is missing.
    PageMissing {
        /// The page number (from 1).
        page: usize,
        /// Its path in the archive.
        path: String,
    },
    /// Pages without text objects.
    NoTextObjects,
    /// Pages of images only.
    ImagePages {
        /// Pages.
        pages: usize,
        /// Images.
        images: usize,
    },

    // RTF.
    /// No `{\rtf` header.
    NoRtfHeader,

    // PDF.
    /// Images and no fonts: a scan.
    ImagesNoFonts,
    /// Images and no text layer: a scan.
    ImagesNoTextLayer,
    /// The text layer is empty.
    EmptyTextLayer,
    /// The built-in extractor found no readable Chinese.
    NoReadableChinese,
    /// The built-in extractor failed.
    Extractor {
        /// Its message (English).
        message: String,
    },
    /// The built-in extractor crashed.
    ExtractorCrashed,
    /// Both extractors failed.
    BothExtractors {
        /// Why the built-in one failed.
        builtin: Box<Detail>,
        /// What pdftotext said (English).
        message: String,
    },
}

/// What is wrong with the piece table of a Word 97–2003 document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceTableFault {
    /// Cut off.
    CutOff,
    /// An entry of an unknown kind.
    UnknownEntry(u8),
    /// Missing.
    Missing,
    /// Runs past the table stream.
    PastTableStream,
    /// Its length cannot be.
    ImpossibleLength,
    /// Out of order.
    OutOfOrder,
    /// Outside the table stream.
    OutsideTableStream,
}

impl Detail {
    /// The detail in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => self.zh(),
        }
    }

    fn zh(&self) -> String {
        use Detail as D;
        let part_prefix =
            |part: &Option<String>| part.as_ref().map_or(String::new(), |p| format!("{p} 中"));
        match self {
            D::NulBytes => "含有大量空字节".into(),
            D::NulCharacters => "含有空字符".into(),
            D::ControlCharacters { count, total } => {
                format!("{total} 个字符中有 {count} 个控制字符")
            }
            D::UnknownEncoding { looks_like } => {
                format!("不是 UTF-8、GB18030 或 UTF-16 编码，疑似 {looks_like}")
            }
            D::UnsupportedEncoding { name } => format!("不支持的编码 {name}"),
            D::InvalidBytes { encoding } => format!("含有无效的 {encoding} 字节序列"),
            D::NestedTooDeep { max, groups: false } => format!("元素嵌套超过 {max} 层"),
            D::NestedTooDeep { max, groups: true } => format!("分组嵌套超过 {max} 层"),
            D::Xml {
                part, at: Some(at), ..
            } => {
                format!("{}XML 格式错误，位于第 {at} 字节", part_prefix(part))
            }
            D::Xml { part, at: None, .. } => format!("{}XML 格式错误", part_prefix(part)),
            D::XmlText { part, .. } => format!("{}文字编码或实体引用有误", part_prefix(part)),
            D::Truncated { part: Some(part) } => format!("{part} 不完整，文件可能被截断"),
            D::Truncated { part: None } => "其中的 XML 部分不完整，文件可能被截断".into(),
            D::Missing { part } => format!("缺少 {part}"),
            D::NotZip { .. } => "不是有效的压缩包".into(),
            D::TooManyEntries { count } => format!("压缩包内有 {count} 个条目，远超正常文档"),
            D::Entry { name, .. } => format!("无法读取其中的 {name}"),
            D::EntryCorrupt { name, .. } => format!("{name} 不完整或已损坏"),
            D::ZipBomb {
                name,
                ratio: Some(ratio),
                ..
            } => format!("{name} 解压后膨胀 {ratio} 倍，疑似压缩炸弹"),
            D::ZipBomb {
                name,
                ratio: None,
                max,
            } => format!("{name} 解压后膨胀超过 {max} 倍，疑似压缩炸弹"),
            D::ForgedSize { name, declared } => {
                format!("{name} 声明 {declared} 字节，实际内容更多，压缩包被篡改或已损坏")
            }
            D::NotOdfText { media_type: None } => "没有媒体类型的 OpenDocument 文件".into(),
            D::NotOdfText {
                media_type: Some(t),
            } => format!("类型为 {t} 的 OpenDocument 文件，不是文字文档"),
            D::NoDocumentEntries { count, first } => format!(
                "共 {count} 个条目，没有 word/document.xml、content.xml 或 OFD.xml；前几个为 {first}"
            ),
            D::CompoundCorrupt => "复合文件结构已损坏".into(),
            D::NotCompound { .. } => "不是可读的复合文件".into(),
            D::NoWordStream => "没有 WordDocument 数据流，不是 Word 文档".into(),
            D::NoWordSignature { found } => {
                format!("WordDocument 数据流开头不是 Word 的标识（0x{found:04X}）")
            }
            D::Encrypted => "文档设有打开密码（已加密）".into(),
            D::Word95 { version } => {
                format!("是 Word 95 或更早的版本（0x{version:04X}），无法读取")
            }
            D::FibTruncated => "文件信息块不完整".into(),
            D::FibNoTextLength => "文件信息块中没有正文长度".into(),
            D::FibNoPieceTable => "文件信息块中没有文字片段表".into(),
            D::NoTableStream => "缺少表数据流".into(),
            D::PieceTable(fault) => match fault {
                PieceTableFault::CutOff => "文字片段表不完整".into(),
                PieceTableFault::UnknownEntry(kind) => {
                    format!("文字片段表中有未知条目（0x{kind:02X}）")
                }
                PieceTableFault::Missing => "缺少文字片段表".into(),
                PieceTableFault::PastTableStream => "文字片段表超出表数据流".into(),
                PieceTableFault::ImpossibleLength => "文字片段表的长度不可能成立".into(),
                PieceTableFault::OutOfOrder => "文字片段表顺序错乱".into(),
                PieceTableFault::OutsideTableStream => "文字片段表位于表数据流之外".into(),
            },
            D::PieceOutside => "有文字片段位于文档数据流之外".into(),
            D::NoDocRoot => "OFD.xml 中没有指明文档根节点".into(),
            D::NoPages => "文档没有页面".into(),
            D::TooManyPages {
                count: Some(n),
                max,
            } => {
                format!("共 {n} 页，最多读取 {max} 页")
            }
            D::TooManyPages { count: None, max } => format!("超过 {max} 页"),
            D::PageMissing { page, path } => format!("缺少第 {page} 页（{path}）"),
            D::NoTextObjects => "页面中没有文字对象".into(),
            D::ImagePages { pages, images } => {
                format!("{pages} 页，{images} 幅图像，没有文字对象")
            }
            D::NoRtfHeader => "缺少 RTF 文件头".into(),
            D::ImagesNoFonts => "页面只有图像，没有字体".into(),
            D::ImagesNoTextLayer => "页面只有图像，没有文字层".into(),
            D::EmptyTextLayer => "文字层是空的".into(),
            D::NoReadableChinese => "内置提取器未提取到可读的中文".into(),
            D::Extractor { .. } => "内置提取器无法读取该文件".into(),
            D::ExtractorCrashed => "内置提取器处理该文件时崩溃".into(),
            D::BothExtractors { builtin, .. } => {
                format!("{}；备用提取程序也未能提取", builtin.zh())
            }
        }
    }
}

impl fmt::Display for Detail {
    /// The detail in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Detail as D;
        let part_prefix =
            |part: &Option<String>| part.as_ref().map_or(String::new(), |p| format!("{p}: "));
        match self {
            D::NulBytes => write!(f, "NUL bytes"),
            D::NulCharacters => write!(f, "NUL characters"),
            D::ControlCharacters { count, total } => {
                write!(f, "{count} control characters in {total}")
            }
            D::UnknownEncoding { looks_like } => {
                write!(f, "not UTF-8, GB18030 or UTF-16 (looks like {looks_like})")
            }
            D::UnsupportedEncoding { name } => write!(f, "unsupported encoding {name}"),
            D::InvalidBytes { encoding } => write!(f, "invalid {encoding} byte sequence"),
            D::NestedTooDeep { max, groups } => {
                let what = if *groups { "groups" } else { "elements" };
                write!(f, "{what} nested deeper than {max}")
            }
            D::Xml {
                part,
                at: Some(at),
                message,
            } => write!(f, "{}XML error at byte {at}: {message}", part_prefix(part)),
            D::Xml {
                part,
                at: None,
                message,
            } => write!(f, "{}XML error: {message}", part_prefix(part)),
            D::XmlText { part, message } => {
                write!(f, "{}bad text encoding: {message}", part_prefix(part))
            }
            D::Truncated { part: Some(part) } => write!(f, "{part} is truncated"),
            D::Truncated { part: None } => write!(f, "an XML part is truncated"),
            D::Missing { part } => write!(f, "{part} is missing"),
            D::NotZip { message } => write!(f, "not a zip archive: {message}"),
            D::TooManyEntries { count } => write!(f, "{count} entries in the archive"),
            D::Entry { name, message } => write!(f, "{name}: {message}"),
            D::EntryCorrupt { name, message } => {
                write!(f, "{name} is truncated or corrupt: {message}")
            }
            D::ZipBomb {
                name,
                ratio: Some(ratio),
                ..
            } => write!(f, "{name} expands {ratio}× (zip bomb)"),
            D::ZipBomb {
                name,
                ratio: None,
                max,
            } => write!(f, "{name} expands more than {max}× (zip bomb)"),
            D::ForgedSize { name, declared } => write!(
                f,
                "{name} declares {declared} bytes but holds more (forged or corrupt archive)"
            ),
            D::NotOdfText { media_type: None } => {
                write!(f, "an OpenDocument file without a media type")
            }
            D::NotOdfText {
                media_type: Some(t),
            } => write!(f, "an OpenDocument file of type {t}, not a text document"),
            D::NoDocumentEntries { count, first } => write!(
                f,
                "{count} entries, none of word/document.xml, content.xml or OFD.xml (first: {first})"
            ),
            D::CompoundCorrupt => write!(f, "the compound file structure is corrupt"),
            D::NotCompound { message } => write!(f, "not a readable compound file: {message}"),
            D::NoWordStream => write!(f, "no WordDocument stream: not a Word document"),
            D::NoWordSignature { found } => write!(
                f,
                "the WordDocument stream does not start with a Word signature (0x{found:04X})"
            ),
            D::Encrypted => write!(f, "the document is password-protected (encrypted)"),
            D::Word95 { version } => {
                write!(f, "Word 95 or older (version 0x{version:04X}) is not read")
            }
            D::FibTruncated => write!(f, "the file information block is truncated"),
            D::FibNoTextLength => write!(f, "the file information block has no text length"),
            D::FibNoPieceTable => write!(f, "the file information block has no piece table"),
            D::NoTableStream => write!(f, "the table stream is missing"),
            D::PieceTable(fault) => match fault {
                PieceTableFault::CutOff => write!(f, "the piece table is cut off"),
                PieceTableFault::UnknownEntry(kind) => {
                    write!(f, "the piece table has an unknown entry (0x{kind:02X})")
                }
                PieceTableFault::Missing => write!(f, "the piece table is missing"),
                PieceTableFault::PastTableStream => {
                    write!(f, "the piece table runs past the table stream")
                }
                PieceTableFault::ImpossibleLength => {
                    write!(f, "the piece table has an impossible length")
                }
                PieceTableFault::OutOfOrder => write!(f, "the piece table is out of order"),
                PieceTableFault::OutsideTableStream => {
                    write!(f, "the piece table lies outside the table stream")
                }
            },
            D::PieceOutside => write!(f, "a text piece lies outside the document stream"),
            D::NoDocRoot => write!(f, "OFD.xml names no DocRoot"),
            D::NoPages => write!(f, "the document has no pages"),
            D::TooManyPages {
                count: Some(n),
                max,
            } => {
                write!(f, "{n} pages (at most {max} are read)")
            }
            D::TooManyPages { count: None, max } => write!(f, "more than {max} pages"),
            D::PageMissing { page, path } => write!(f, "page {page} ({path}) is missing"),
            D::NoTextObjects => write!(f, "the pages hold no text objects"),
            D::ImagePages { pages, images } => {
                write!(f, "{pages} pages, {images} images, no text objects")
            }
            D::NoRtfHeader => write!(f, "no {{\\rtf header"),
            D::ImagesNoFonts => write!(f, "the pages hold images and no fonts"),
            D::ImagesNoTextLayer => write!(f, "the pages hold images and no text layer"),
            D::EmptyTextLayer => write!(f, "the text layer is empty"),
            D::NoReadableChinese => {
                write!(f, "the built-in extractor found no readable Chinese text")
            }
            D::Extractor { message } => write!(f, "{message}"),
            D::ExtractorCrashed => write!(f, "the built-in PDF extractor crashed on this file"),
            D::BothExtractors { builtin, message } => write!(f, "{builtin}; pdftotext: {message}"),
        }
    }
}
