import OkmoCore

/// A tab-separated table from `data/`: `#` lines are comments, the first other line names the
/// columns. Rows keep their line numbers so a bad row is reported where it is.
struct TSVTable {
    var path: String
    var columns: [String]
    var rows: [(line: Int, cells: [String])]

    /// Read on the UTF-8 bytes: every run loads every table, and splitting the text as
    /// `Character`s cost about 800 instructions a byte, a third of the fixed cost of a run.
    /// Lines are found as in every input (`SourceText`), and a CR before the LF is dropped, so
    /// a table saved with CRLF line ends reads as with LF (as `Character`s, "\r\n" is one,
    /// and such a table was one line).
    init(path: String, text: String) {
        self.path = path
        var cols: [String] = []
        var rows: [(Int, [String])] = []
        let src = SourceText(path: path, bytes: Array(text.utf8))
        src.bytes.withUnsafeBufferPointer { all in
            for i in 0..<src.lineCount {
                var r = src.range(ofLine: i)
                if !r.isEmpty && all[r.upperBound - 1] == 0x0D { r = r.lowerBound..<(r.upperBound - 1) }
                let line = UnsafeBufferPointer(rebasing: all[r])
                if line.isEmpty || TSVTable.isComment(line) { continue }
                var cells: [String] = []
                var c = 0
                while true {
                    var e = c
                    while e < line.count && line[e] != 0x09 { e += 1 }
                    cells.append(String.trimmed(UnsafeBufferPointer(rebasing: line[c..<e])))
                    if e == line.count { break }
                    c = e + 1
                }
                if cols.isEmpty { cols = cells; continue }
                rows.append((i + 1, cells))
            }
        }
        self.columns = cols
        self.rows = rows
    }

    /// A line that starts with the `Character` "#" (not "#" under a combining mark).
    private static func isComment(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line[0] == 0x23 else { return false }
        if line.count == 1 || line[1] < 0x80 { return true }
        return String(decoding: line, as: UTF8.self).hasPrefix("#")
    }

    func index(_ column: String) -> Int? { columns.firstIndex(of: column) }

    /// Each row as a dictionary of column → cell (missing cells are empty).
    var records: [(line: Int, values: [String: String])] {
        rows.map { row in
            // Made at its size: grown from empty, a row's dictionary was rehashed as it
            // filled (3M of the 69M instructions of a run's start).
            var d = [String: String](minimumCapacity: columns.count)
            for (i, c) in columns.enumerated() { d[c] = i < row.cells.count ? row.cells[i] : "" }
            return (row.line, d)
        }
    }
}

extension String {
    /// Spaces, tabs, no-break spaces and a BOM off the start; spaces, tabs and no-break spaces
    /// off the end.
    func trimmingCharacters() -> String {
        return self.withUTF8Bytes { String.trimmed($0) }
    }

    /// `trimmingCharacters()` of UTF-8 bytes: the table reader trims every cell this way
    /// without making the untrimmed string first.
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[trimmedRange(b)]), as: UTF8.self)
    }

    /// The bytes `trimmed` keeps.
    static func trimmedRange(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var a = 0, z = b.count
        while a < z {
            if b[a] == 0x20 || b[a] == 0x09 { a += 1 }
            else if b[a] == 0xC2 && a + 1 < z && b[a + 1] == 0xA0 { a += 2 }
            else if b[a] == 0xEF && a + 2 < z && b[a + 1] == 0xBB && b[a + 2] == 0xBF { a += 3 }
            else { break }
        }
        while z > a {
            if b[z - 1] == 0x20 || b[z - 1] == 0x09 { z -= 1 }
            else if z - 2 >= a && b[z - 2] == 0xC2 && b[z - 1] == 0xA0 { z -= 2 }
            else { break }
        }
        return a..<z
    }
}
