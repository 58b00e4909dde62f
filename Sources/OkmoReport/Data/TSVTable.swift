import OkmoCore

/// A tab-separated table from `data/`: `#` lines are comments, the first other line names the
/// columns. Rows keep their line numbers so a bad row is reported where it is.
struct TSVTable {
    var path: String
    var columns: [String]
    var rows: [(line: Int, cells: [String])]

    /// Read on the UTF-8 bytes: every run loads every table, and splitting the text as
    /// `Character`s cost about 800 instructions a byte, a third of the fixed cost of a run. A
    /// line ends at LF, and a CR before it is dropped, so a table saved with CRLF line ends
    /// reads as with LF (as `Character`s, "\r\n" is one, and such a table was one line).
    init(path: String, text: String) {
        self.path = path
        var cols: [String] = []
        var rows: [(Int, [String])] = []
        var text = text
        text.withUTF8 { b in
            let count = b.count
            var n = 0
            var start = 0
            while start <= count {
                var end = start
                while end < count && b[end] != 0x0A { end += 1 }
                n += 1
                var stop = end
                if stop > start && b[stop - 1] == 0x0D { stop -= 1 }
                let line = UnsafeBufferPointer(rebasing: b[start..<stop])
                start = end + 1
                if line.isEmpty || TSVTable.isComment(line) { continue }
                var cells: [String] = []
                var c = 0
                while true {
                    var e = c
                    while e < line.count && line[e] != 0x09 { e += 1 }
                    cells.append(TSVTable.trimmed(UnsafeBufferPointer(rebasing: line[c..<e])))
                    if e == line.count { break }
                    c = e + 1
                }
                if cols.isEmpty { cols = cells; continue }
                rows.append((n, cells))
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

    /// `trimmingCharacters()` on bytes: spaces, tabs, no-break spaces and a BOM at the start,
    /// spaces, tabs and no-break spaces at the end.
    private static func trimmed(_ cell: UnsafeBufferPointer<UInt8>) -> String {
        var a = 0, z = cell.count
        while a < z {
            if cell[a] == 0x20 || cell[a] == 0x09 { a += 1 }
            else if cell[a] == 0xC2 && a + 1 < z && cell[a + 1] == 0xA0 { a += 2 }
            else if cell[a] == 0xEF && a + 2 < z && cell[a + 1] == 0xBB && cell[a + 2] == 0xBF { a += 3 }
            else { break }
        }
        while z > a {
            if cell[z - 1] == 0x20 || cell[z - 1] == 0x09 { z -= 1 }
            else if z - 2 >= a && cell[z - 2] == 0xC2 && cell[z - 1] == 0xA0 { z -= 2 }
            else { break }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: cell[a..<z]), as: UTF8.self)
    }

    func index(_ column: String) -> Int? { columns.firstIndex(of: column) }

    /// Each row as a dictionary of column → cell (missing cells are empty).
    var records: [(line: Int, values: [String: String])] {
        rows.map { row in
            var d: [String: String] = [:]
            for (i, c) in columns.enumerated() { d[c] = i < row.cells.count ? row.cells[i] : "" }
            return (row.line, d)
        }
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.unicodeScalars.first, f == " " || f == "\t" || f == "\u{FEFF}" || f == "\u{A0}" { s = Substring(s.unicodeScalars.dropFirst()) }
        while let l = s.unicodeScalars.last, l == " " || l == "\t" || l == "\u{A0}" { s = Substring(s.unicodeScalars.dropLast()) }
        return String(s)
    }
}
