/// Raw HTML as CommonMark recognises it: the seven kinds of HTML blocks and inline tags.
enum HTMLBlocks {
    static let type1 = ["script", "pre", "textarea", "style"]
    static let type6: Set<String> = ["address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame",
        "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
        "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "title", "tr", "track", "ul"]

    static func starts(_ t: Int, _ s: ArraySlice<UInt8>) -> Bool {
        switch t {
        case 1:
            for name in type1 where B.hasPrefixCI(s, "<" + name) {
                let k = s.startIndex + name.count + 1
                if k == s.endIndex || B.isWhitespace(s[k]) || s[k] == B.gt { return true }
            }
            return false
        case 2: return B.hasPrefixCI(s, "<!--")
        case 3: return B.hasPrefixCI(s, "<?")
        case 4: return s.count >= 3 && s[s.startIndex + 1] == B.bang && B.isAlpha(s[s.startIndex + 2])
        case 5: return B.hasPrefixCI(s, "<![cdata[")
        case 6:
            var k = s.startIndex + 1
            if k < s.endIndex && s[k] == UInt8(ascii: "/") { k += 1 }
            let st = k
            while k < s.endIndex && B.isAlnum(s[k]) { k += 1 }
            let name = String(decoding: s[st..<k].map(B.lower), as: UTF8.self)
            guard type6.contains(name) else { return false }
            if k == s.endIndex || B.isWhitespace(s[k]) || s[k] == B.gt { return true }
            return s[k] == UInt8(ascii: "/") && k + 1 < s.endIndex && s[k + 1] == B.gt
        case 7:
            let arr = Array(s)
            guard let end = HTMLInline.openOrClosingTag(arr, 0) else { return false }
            return B.isBlank(arr[end...])
        default: return false
        }
    }

    static func endsBlock(_ t: Int, _ s: ArraySlice<UInt8>) -> Bool {
        switch t {
        case 1: return type1.contains { B.contains(s, "</" + $0 + ">", caseInsensitive: true) }
        case 2: return B.contains(s, "-->")
        case 3: return B.contains(s, "?>")
        case 4: return s.contains(B.gt)
        case 5: return B.contains(s, "]]>")
        default: return false
        }
    }
}

enum HTMLInline {
    /// End index of raw inline HTML starting at `i` (which holds `<`), or nil.
    static func match(_ s: [UInt8], _ i: Int) -> Int? {
        if let e = openOrClosingTag(s, i) { return e }
        let rest = s[i...]
        if B.hasPrefixCI(rest, "<!-->") { return i + 5 }
        if B.hasPrefixCI(rest, "<!--->") { return i + 6 }
        if B.hasPrefixCI(rest, "<!--") { return find(s, from: i + 4, "-->") }
        if B.hasPrefixCI(rest, "<?") { return find(s, from: i + 2, "?>") }
        if B.hasPrefixCI(rest, "<![cdata[") { return find(s, from: i + 9, "]]>") }
        if rest.count >= 3 && s[i + 1] == B.bang && B.isAlpha(s[i + 2]) { return find(s, from: i + 2, ">") }
        return nil
    }

    static func find(_ s: [UInt8], from: Int, _ p: String) -> Int? {
        let pb = Array(p.utf8)
        var k = from
        while k + pb.count <= s.count {
            if Array(s[k..<(k + pb.count)]) == pb { return k + pb.count }
            k += 1
        }
        return nil
    }

    static func skipWS(_ s: [UInt8], _ k: inout Int) -> Bool {
        let st = k
        while k < s.count && (B.isSpaceOrTab(s[k]) || s[k] == B.nl || s[k] == B.cr) { k += 1 }
        return k > st
    }

    /// `<tag attr="v" ...>` or `</tag>`.
    static func openOrClosingTag(_ s: [UInt8], _ i: Int) -> Int? {
        guard i < s.count, s[i] == B.lt else { return nil }
        var k = i + 1
        if k < s.count && s[k] == UInt8(ascii: "/") {
            k += 1
            guard k < s.count, B.isAlpha(s[k]) else { return nil }
            while k < s.count && (B.isAlnum(s[k]) || s[k] == B.dash) { k += 1 }
            _ = skipWS(s, &k)
            return k < s.count && s[k] == B.gt ? k + 1 : nil
        }
        guard k < s.count, B.isAlpha(s[k]) else { return nil }
        while k < s.count && (B.isAlnum(s[k]) || s[k] == B.dash) { k += 1 }
        while true {
            var a = k
            guard skipWS(s, &a) else { break }
            guard a < s.count, B.isAlpha(s[a]) || s[a] == B.underscore || s[a] == B.colon else { break }
            a += 1
            while a < s.count && (B.isAlnum(s[a]) || s[a] == B.underscore || s[a] == B.dot || s[a] == B.colon || s[a] == B.dash) { a += 1 }
            // Optional value.
            var v = a
            _ = skipWS(s, &v)
            if v < s.count && s[v] == B.eq {
                v += 1
                _ = skipWS(s, &v)
                guard v < s.count else { return nil }
                let q = s[v]
                if q == B.quote || q == B.apos {
                    guard let close = s[(v + 1)...].firstIndex(of: q) else { return nil }
                    v = close + 1
                } else {
                    let st = v
                    while v < s.count && s[v] > 0x20 && ![B.quote, B.apos, B.eq, B.lt, B.gt, B.backtick].contains(s[v]) { v += 1 }
                    guard v > st else { return nil }
                }
                a = v
            }
            k = a
        }
        _ = skipWS(s, &k)
        if k < s.count && s[k] == UInt8(ascii: "/") { k += 1 }
        return k < s.count && s[k] == B.gt ? k + 1 : nil
    }
}

/// GFM tables: a header row, a delimiter row (`| --- | :-: |`), then body rows.
enum Table {
    /// The cells of a row, split at unescaped pipes; `\|` becomes `|` inside a cell.
    static func cells(_ line: [UInt8]) -> [[UInt8]] {
        var s = B.trim(line)
        if s.first == B.pipe { s.removeFirst() }
        if s.last == B.pipe && !(s.count >= 2 && s[s.count - 2] == B.backslash) { s.removeLast() }
        var out: [[UInt8]] = []
        var cur: [UInt8] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == B.backslash && i + 1 < s.count && s[i + 1] == B.pipe { cur.append(B.pipe); i += 2; continue }
            if c == B.pipe { out.append(B.trim(cur)); cur = []; i += 1; continue }
            cur.append(c)
            i += 1
        }
        out.append(B.trim(cur))
        return out
    }

    /// Alignments when the line is a delimiter row: 0 none, l, c, r.
    static func delimiterRow(_ line: [UInt8]) -> [UInt8]? {
        let t = B.trim(line)
        guard !t.isEmpty else { return nil }
        var aligns: [UInt8] = []
        for cell in cells(t) {
            guard !cell.isEmpty else { return nil }
            var a = 0, b = cell.count
            let left = cell[a] == B.colon, right = cell[b - 1] == B.colon
            if left { a += 1 }
            if right && b > a { b -= 1 }
            guard b > a, cell[a..<b].allSatisfy({ $0 == B.dash }) else { return nil }
            aligns.append(left && right ? UInt8(ascii: "c") : left ? UInt8(ascii: "l") : right ? UInt8(ascii: "r") : 0)
        }
        // A lone "---" is a thematic break or setext underline, not a one-column table.
        guard t.contains(B.pipe) || aligns.count > 1 else { return nil }
        return aligns
    }
}
