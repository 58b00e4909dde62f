import OkmoCore

/// One tag as written, before the tree is built.
struct Tag {
    enum Kind: Equatable { case variable, raw, sectionOpen, invertedOpen, close, comment, partial, parent, blockOpen, delimiter }
    var kind: Kind
    var name: String
    var dynamic: Bool
    var start: Int
    var end: Int
}

enum Token {
    /// A run of text; a text token never spans a line end (it ends right after the newline).
    case text(Range<Int>)
    case tag(Tag)
}

/// Splits template bytes into text and tags, applying `{{=<% %>=}}` as it goes.
///
///     tag      := open ws* sigil? ws* name ws* close
///     sigil    := '#' | '^' | '/' | '!' | '>' | '<' | '$' | '&' | '{' | '='
///     triple   := open '{' name '}' close
struct Lexer {
    let src: [UInt8]
    let file: String
    var open: [UInt8] = Array("{{".utf8)
    var close: [UInt8] = Array("}}".utf8)

    init(src: [UInt8], file: String) {
        self.src = src
        self.file = file
    }

    func location(_ offset: Int) -> SourceLocation { Template.location(in: src, offset: offset, file: file) }

    func error(_ kind: TemplateError.Kind, _ message: String, at offset: Int) -> TemplateError {
        TemplateError(kind: kind, location: location(offset), message: message)
    }

    private func matches(_ pat: [UInt8], at i: Int) -> Bool {
        if i + pat.count > src.count { return false }
        for k in 0..<pat.count where src[i + k] != pat[k] { return false }
        return true
    }

    private func find(_ pat: [UInt8], from i: Int) -> Int? {
        guard let first = pat.first else { return nil }
        var j = i
        let n = src.count
        while j + pat.count <= n {
            if src[j] == first && matches(pat, at: j) { return j }
            j += 1
        }
        return nil
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private func trimmed(_ r: Range<Int>) -> String {
        var a = r.lowerBound, b = r.upperBound
        while a < b && Lexer.isSpace(src[a]) { a += 1 }
        while b > a && Lexer.isSpace(src[b - 1]) { b -= 1 }
        return String(decoding: src[a..<b], as: UTF8.self)
    }

    mutating func tokens() throws(TemplateError) -> [Token] {
        var out: [Token] = []
        var i = 0
        let n = src.count
        func emitText(_ from: Int, _ to: Int) {
            var a = from
            while a < to {
                var b = a
                while b < to && src[b] != 0x0A { b += 1 }
                if b < to { b += 1 }
                out.append(.text(a..<b))
                a = b
            }
        }
        while i < n {
            guard let o = find(open, from: i) else { emitText(i, n); break }
            emitText(i, o)
            var p = o + open.count
            while p < n && (src[p] == 0x20 || src[p] == 0x09) { p += 1 }
            guard p < n else { throw error(.unclosedTag, "unclosed tag: '\(String(decoding: open, as: UTF8.self))' has no matching '\(String(decoding: close, as: UTF8.self))'", at: o) }
            let sigil = src[p]
            var kind = Tag.Kind.variable
            var bodyStart = p
            var closeAt: Int
            var end: Int
            switch sigil {
            case UInt8(ascii: "{"):
                // Triple mustache: the body ends at '}' + close delimiter.
                kind = .raw
                bodyStart = p + 1
                guard let c = find([UInt8(ascii: "}")] + close, from: bodyStart) else {
                    throw error(.unclosedTag, "unclosed triple mustache: expected '}\(String(decoding: close, as: UTF8.self))'", at: o)
                }
                closeAt = c
                end = c + 1 + close.count
            case UInt8(ascii: "="):
                kind = .delimiter
                bodyStart = p + 1
                guard let c = find([UInt8(ascii: "=")] + close, from: bodyStart) else {
                    throw error(.unclosedTag, "unclosed set-delimiter tag: expected '=\(String(decoding: close, as: UTF8.self))'", at: o)
                }
                closeAt = c
                end = c + 1 + close.count
            default:
                switch sigil {
                case UInt8(ascii: "#"): kind = .sectionOpen; bodyStart = p + 1
                case UInt8(ascii: "^"): kind = .invertedOpen; bodyStart = p + 1
                case UInt8(ascii: "/"): kind = .close; bodyStart = p + 1
                case UInt8(ascii: "!"): kind = .comment; bodyStart = p + 1
                case UInt8(ascii: ">"): kind = .partial; bodyStart = p + 1
                case UInt8(ascii: "<"): kind = .parent; bodyStart = p + 1
                case UInt8(ascii: "$"): kind = .blockOpen; bodyStart = p + 1
                case UInt8(ascii: "&"): kind = .raw; bodyStart = p + 1
                default: break
                }
                guard let c = find(close, from: bodyStart) else {
                    throw error(.unclosedTag, "unclosed tag: '\(String(decoding: open, as: UTF8.self))' at this place has no matching '\(String(decoding: close, as: UTF8.self))'", at: o)
                }
                closeAt = c
                end = c + close.count
            }
            var name = kind == .comment ? "" : trimmed(bodyStart..<closeAt)
            var dynamic = false
            if kind == .delimiter {
                let parts = name.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                guard parts.count == 2, !parts[0].contains("="), !parts[1].contains("=") else {
                    throw error(.badDelimiters, "bad set-delimiter tag: write two delimiters separated by a space, such as {{=<% %>=}}", at: o)
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
            } else if kind != .comment {
                if (kind == .partial || kind == .parent) && name.hasPrefix("*") {
                    dynamic = true
                    name = String(name.dropFirst()).trimmingSpaces()
                }
                if name.isEmpty { throw error(.emptyTagName, "empty tag: a name is missing between the delimiters", at: o) }
            }
            out.append(.tag(Tag(kind: kind, name: name, dynamic: dynamic, start: o, end: end)))
            i = end
        }
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
