//! Zip archives (`.docx`, `.xlsx`) read within limits: the number of entries, the size
//! each entry declares in the directory and the bytes actually unpacked (a declared
//! size can lie, and deflate does not stop at it). A zip bomb is an error, never
//! gigabytes of memory.

use std::io::{Cursor, Read, Write};
use zip::result::ZipError;
use zip::ZipArchive;

/// How much of an archive is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Entries in the directory.
    pub entries: usize,
    /// Unpacked bytes of one entry.
    pub entry: u64,
    /// Unpacked bytes of every entry read, together.
    pub total: u64,
}

/// Why an archive was not read, in Russian.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// Not a zip archive, or a damaged one.
    #[error("файл повреждён: его не удаётся прочитать как архив Office (zip)")]
    Broken,
    /// An entry is encrypted.
    #[error("файл защищён паролем")]
    Encrypted,
    /// An entry is packed with a method we do not unpack.
    #[error("файл сжат неизвестным способом (метод {0})")]
    Method(u16),
    /// More entries than [`Limits::entries`].
    #[error("в архиве больше {} частей: это не документ Office", crate::indicator::number::format_number(*.0 as f64))]
    TooManyEntries(usize),
    /// An entry or all of them unpack past a limit.
    #[error("«{name}» после распаковки больше {} МБ: файл повреждён или это «zip-бомба»", .limit / (1024 * 1024))]
    TooLarge {
        /// The entry.
        name: String,
        /// The limit passed, in bytes.
        limit: u64,
    },
    /// An entry's packed data is damaged.
    #[error("часть архива «{0}» повреждена и не распаковывается")]
    Damaged(String),
}

impl ArchiveError {
    fn of(e: ZipError, name: &str) -> ArchiveError {
        match e {
            ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED)
            | ZipError::InvalidPassword => ArchiveError::Encrypted,
            ZipError::CompressionMethodNotSupported(m) => ArchiveError::Method(m),
            ZipError::Io(_) if !name.is_empty() => ArchiveError::Damaged(name.to_string()),
            _ => ArchiveError::Broken,
        }
    }
}

/// A zip archive over bytes in memory, read within [`Limits`].
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    limits: Limits,
    read: u64,
}

impl<'a> Archive<'a> {
    /// Opens an archive; more entries than the limit is an error.
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Archive<'a>, ArchiveError> {
        // The directory is parsed whole by `ZipArchive::new`; its records are counted
        // first so that a directory of millions of entries is never parsed.
        let records = count(bytes, b"PK\x01\x02");
        if records > limits.entries {
            return Err(ArchiveError::TooManyEntries(limits.entries));
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| ArchiveError::of(e, ""))?;
        if zip.len() > limits.entries {
            return Err(ArchiveError::TooManyEntries(limits.entries));
        }
        Ok(Archive {
            zip,
            limits,
            read: 0,
        })
    }

    /// Names of the entries.
    pub fn names(&self) -> Vec<String> {
        (0..self.zip.len())
            .filter_map(|i| self.zip.name_for_index(i)?.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// The unpacked bytes of entry `name`; `None` if there is none.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ArchiveError> {
        match self.zip.index_for_name(name) {
            Some(i) => self.read_index(i).map(|(_, bytes)| Some(bytes)),
            None => Ok(None),
        }
    }

    /// Entry `i`: its name and unpacked bytes.
    fn read_index(&mut self, i: usize) -> Result<(String, Vec<u8>), ArchiveError> {
        let mut file = self.zip.by_index(i).map_err(|e| ArchiveError::of(e, ""))?;
        let name = file
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(file.name_raw()).into_owned());
        let left = self.limits.total.saturating_sub(self.read);
        let max = self.limits.entry.min(left);
        let too_large = |name: String| ArchiveError::TooLarge {
            name,
            limit: if max < self.limits.entry {
                self.limits.total
            } else {
                self.limits.entry
            },
        };
        if file.size() > max {
            return Err(too_large(name));
        }
        let mut bytes = Vec::new();
        (&mut file)
            .take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| ArchiveError::Damaged(name.clone()))?;
        if bytes.len() as u64 > max {
            return Err(too_large(name));
        }
        self.read += bytes.len() as u64;
        Ok((name, bytes))
    }

    /// The entries `keep` names, unpacked (within the limits) and passed through
    /// `edit`, in a new archive that stores them uncompressed: a library that reads the
    /// archive itself then gets only bounded bytes. Entries left out are not unpacked.
    pub fn repack<E: From<ArchiveError>>(
        mut self,
        keep: impl Fn(&str) -> bool,
        mut edit: impl FnMut(&str, Vec<u8>) -> Result<Vec<u8>, E>,
    ) -> Result<Vec<u8>, E> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for i in 0..self.zip.len() {
            let wanted = self
                .zip
                .name_for_index(i)
                .and_then(Result::ok)
                .is_some_and(|n| !n.ends_with('/') && keep(&n));
            if !wanted {
                continue;
            }
            let (name, bytes) = self.read_index(i)?;
            let bytes = edit(&name, bytes)?;
            out.start_file(name, stored)
                .map_err(|e| ArchiveError::of(e, ""))?;
            out.write_all(&bytes).map_err(|_| ArchiveError::Broken)?;
        }
        let out = out.finish().map_err(|e| ArchiveError::of(e, ""))?;
        Ok(out.into_inner())
    }
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    memchr::memmem::find_iter(hay, needle).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use zip::write::SimpleFileOptions;

    const LIMITS: Limits = Limits {
        entries: 4,
        entry: 1000,
        total: 1500,
    };

    fn zip_of(entries: &[(&str, usize)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, len) in entries {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(&vec![b'x'; *len]).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// Sets the uncompressed size every header declares (local and directory).
    fn declare(bytes: &mut [u8], size: u32) {
        for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let starts: Vec<usize> = (0..bytes.len() - 4)
                .filter(|&i| &bytes[i..i + 4] == sig)
                .collect();
            for s in starts {
                bytes[s + at..s + at + 4].copy_from_slice(&size.to_le_bytes());
            }
        }
    }

    #[test]
    fn within_limits_reads_and_repacks() {
        let bytes = zip_of(&[("a.xml", 1000), ("b.xml", 500)]);
        let mut a = Archive::open(&bytes, LIMITS).unwrap();
        assert_eq!(a.names(), ["a.xml", "b.xml"]);
        assert_eq!(a.read("a.xml").unwrap().unwrap().len(), 1000);
        assert!(a.read("c.xml").unwrap().is_none());
        let packed = Archive::open(&bytes, LIMITS)
            .unwrap()
            .repack(
                |n| n == "b.xml",
                |_, b| Ok::<_, ArchiveError>(b[..2].to_vec()),
            )
            .unwrap();
        let mut again = Archive::open(&packed, LIMITS).unwrap();
        assert_eq!(again.names(), ["b.xml"]);
        assert_eq!(again.read("b.xml").unwrap().unwrap(), b"xx");
    }

    #[test]
    fn declared_and_real_sizes_are_both_capped() {
        let bytes = zip_of(&[("big.xml", 1001)]);
        let err = Archive::open(&bytes, LIMITS)
            .unwrap()
            .read("big.xml")
            .unwrap_err();
        assert!(
            matches!(err, ArchiveError::TooLarge { ref name, limit: 1000 } if name == "big.xml")
        );
        // The directory says 10 bytes. zip 9 stops at the declared size itself (an
        // error); the cap on the bytes read is the second line (zip 7, which calamine
        // uses, does not stop).
        let mut lying = bytes.clone();
        declare(&mut lying, 10);
        let err = Archive::open(&lying, LIMITS)
            .unwrap()
            .read("big.xml")
            .unwrap_err();
        assert!(
            matches!(err, ArchiveError::Damaged(ref n) if n == "big.xml"),
            "{err:?}"
        );
        // Two entries within the per-entry limit, past the total.
        let both = zip_of(&[("a.xml", 1000), ("b.xml", 1000)]);
        let err = Archive::open(&both, LIMITS)
            .unwrap()
            .repack(|_| true, |_, b| Ok::<_, ArchiveError>(b))
            .unwrap_err();
        assert!(matches!(err, ArchiveError::TooLarge { ref name, limit: 1500 } if name == "b.xml"));
    }

    #[test]
    fn too_many_entries_and_junk() {
        let five = zip_of(&[("1", 1), ("2", 1), ("3", 1), ("4", 1), ("5", 1)]);
        assert!(matches!(
            Archive::open(&five, LIMITS),
            Err(ArchiveError::TooManyEntries(4))
        ));
        assert!(matches!(
            Archive::open(b"PK\x03\x04junk", LIMITS),
            Err(ArchiveError::Broken)
        ));
        assert_eq!(
            ArchiveError::TooLarge {
                name: "word/document.xml".into(),
                limit: 32 * 1024 * 1024
            }
            .to_string(),
            "«word/document.xml» после распаковки больше 32 МБ: файл повреждён или это «zip-бомба»"
        );
    }
}
