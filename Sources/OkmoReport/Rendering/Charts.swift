import OkmoCore

/// Charts as inline SVG: no scripts, no fonts to fetch, drawn the same on screen and paper.
/// Each has a title and description for screen readers; the report places the table it was
/// drawn from right under it.
enum Charts {
    struct Bar { var label: String; var value: Int; var valueText: String }

    static func esc(_ s: String) -> String { Escape.html(s) }

    /// Horizontal bars, one row per item, longest first as given.
    static func bars(id: String, title: String, description: String, bars: [Bar], color: String = "#2f5d8a") -> String {
        let rowH = 26, labelW = 230, barW = 360, pad = 8
        let height = max(1, bars.count) * rowH + pad * 2
        let width = labelW + barW + 70
        let maxV = max(1, bars.map(\.value).max() ?? 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(id)\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
        s += "<title id=\"\(id)-t\">\(esc(title))</title><desc id=\"\(id)-d\">\(esc(description))</desc>"
        for (i, b) in bars.enumerated() {
            let y = pad + i * rowH
            let w = b.value == 0 ? 0 : max(2, b.value * barW / maxV)
            s += "<g><text x=\"\(labelW - 6)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"chart-label\">\(esc(truncate(b.label, 34)))</text>"
            s += "<rect x=\"\(labelW)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"\(rowH - 8)\" fill=\"\(color)\"><title>\(esc(b.label)): \(esc(b.valueText))</title></rect>"
            s += "<text x=\"\(labelW + w + 6)\" y=\"\(y + 17)\" class=\"chart-value\">\(esc(b.valueText))</text></g>"
        }
        return s + "</svg>"
    }

    /// Twelve columns, January to December.
    static func timeline(id: String, title: String, description: String, months: [Bar]) -> String {
        let colW = 48, chartH = 160, top = 20, bottom = 40
        let width = months.count * colW + 20
        let height = top + chartH + bottom
        let maxV = max(1, months.map(\.value).max() ?? 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(id)\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
        s += "<title id=\"\(id)-t\">\(esc(title))</title><desc id=\"\(id)-d\">\(esc(description))</desc>"
        s += "<line x1=\"10\" y1=\"\(top + chartH)\" x2=\"\(width - 10)\" y2=\"\(top + chartH)\" stroke=\"#555\" stroke-width=\"1\"/>"
        for (i, m) in months.enumerated() {
            let h = m.value * chartH / maxV
            let x = 10 + i * colW
            s += "<g><rect x=\"\(x + 8)\" y=\"\(top + chartH - h)\" width=\"\(colW - 16)\" height=\"\(h)\" fill=\"#3d7a4f\"><title>\(esc(m.label)): \(esc(m.valueText))</title></rect>"
            if m.value > 0 { s += "<text x=\"\(x + colW / 2)\" y=\"\(top + chartH - h - 4)\" text-anchor=\"middle\" class=\"chart-value\">\(esc(m.valueText))</text>" }
            s += "<text x=\"\(x + colW / 2)\" y=\"\(top + chartH + 18)\" text-anchor=\"middle\" class=\"chart-label\">\(esc(truncate(m.label, 6)))</text></g>"
        }
        return s + "</svg>"
    }

    /// The tile-grid map: one square per subject, shaded by its number of events.
    static func tileMap(id: String, title: String, description: String, grid: TileGrid, counts: [String: Int],
                        names: [String: String], labels: [String: String], legend: (none: String, some: String)) -> String {
        let cell = 34, gap = 3
        let rows = (grid.cells.map(\.row).max() ?? 1), cols = (grid.cells.map(\.col).max() ?? 1)
        let width = cols * (cell + gap) + 20, height = rows * (cell + gap) + 60
        let maxV = max(1, counts.values.max() ?? 1)
        let shades = ["#e8eef5", "#b9cde3", "#86a9cf", "#4f7fb3", "#24558c"]
        func shade(_ v: Int) -> String {
            if v == 0 { return shades[0] }
            let k = 1 + min(3, (v - 1) * 4 / maxV)
            return shades[k]
        }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart map\" id=\"\(id)\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
        s += "<title id=\"\(id)-t\">\(esc(title))</title><desc id=\"\(id)-d\">\(esc(description))</desc>"
        for c in grid.cells {
            let v = counts[c.code] ?? 0
            let x = 10 + (c.col - 1) * (cell + gap), y = 10 + (c.row - 1) * (cell + gap)
            let fg = v > 0 && shade(v) != shades[1] ? "#fff" : "#223"
            s += "<g><rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" rx=\"3\" fill=\"\(shade(v))\" stroke=\"#7a8a9a\" stroke-width=\"0.5\"><title>\(esc(names[c.code] ?? c.code)): \(v)</title></rect>"
            s += "<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\" class=\"tile-label\" fill=\"\(fg)\">\(esc(labels[c.code] ?? c.label))</text></g>"
        }
        let ly = 10 + rows * (cell + gap) + 14
        s += "<g class=\"legend\"><rect x=\"10\" y=\"\(ly)\" width=\"14\" height=\"14\" fill=\"\(shades[0])\" stroke=\"#7a8a9a\" stroke-width=\"0.5\"/><text x=\"30\" y=\"\(ly + 12)\" class=\"chart-label\">\(esc(legend.none))</text>"
        for k in 1...4 {
            s += "<rect x=\"\(150 + (k - 1) * 18)\" y=\"\(ly)\" width=\"14\" height=\"14\" fill=\"\(shades[k])\"/>"
        }
        s += "<text x=\"\(150 + 4 * 18 + 6)\" y=\"\(ly + 12)\" class=\"chart-label\">\(esc(legend.some))</text></g>"
        return s + "</svg>"
    }

    static func truncate(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }
}
