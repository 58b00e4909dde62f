import OkmoCore

/// A tab-separated table from `data/`: `#` lines are comments, the first other line names the
/// columns. Rows keep their line numbers so a bad row is reported where it is.
struct TSVTable {
    var path: String
    var columns: [String]
    var rows: [(line: Int, cells: [String])]

    init(path: String, text: String) {
        self.path = path
        var cols: [String] = []
        var rows: [(Int, [String])] = []
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingCharacters() }
            if cols.isEmpty { cols = cells; continue }
            rows.append((n, cells))
        }
        self.columns = cols
        self.rows = rows
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
