/// The inline phase of CommonMark over one block's text: code spans, emphasis by the
/// delimiter-run rules, links and images with a bracket stack, autolinks, raw HTML, entities,
/// backslash escapes, hard and soft breaks.
struct Inline {
    let subject: [UInt8]
    var pos = 0
    let refmap: [String: (dest: [UInt8], title: [UInt8])]

    final class Delimiter {
        let cc: UInt8
        var numdelims: Int
        let origdelims: Int
        let node: MDNode
        var previous: Delimiter?
        weak var next: Delimiter?
        let canOpen: Bool
        let canClose: Bool
        init(cc: UInt8, num: Int, node: MDNode, canOpen: Bool, canClose: Bool) {
            self.cc = cc; numdelims = num; origdelims = num; self.node = node; self.canOpen = canOpen; self.canClose = canClose
        }
    }

    final class Bracket {
        let node: MDNode
        let previous: Bracket?
        let previousDelimiter: Delimiter?
        let index: Int
        let image: Bool
        var active = true
        var bracketAfter = false
        init(node: MDNode, previous: Bracket?, previousDelimiter: Delimiter?, index: Int, image: Bool) {
            self.node = node; self.previous = previous; self.previousDelimiter = previousDelimiter; self.index = index; self.image = image
        }
    }

    var delimiters: Delimiter?
    var brackets: Bracket?

    init(subject: [UInt8], refmap: [String: (dest: [UInt8], title: [UInt8])]) {
        self.subject = subject
        self.refmap = refmap
    }

    func peek(_ off: Int = 0) -> UInt8? { pos + off < subject.count ? subject[pos + off] : nil }

    // MARK: entry

    /// Parses `subject` into inline children of `block`.
    mutating func parse(into block: MDNode) {
        while pos < subject.count {
            if !parseOne(block) {
                block.appendChild(MDNode(.text, literal: [subject[pos]]))
                pos += 1
            }
        }
        processEmphasis(nil)
        // Unclosed brackets are released one by one, not as a chain of nested deinits.
        while let b = brackets { brackets = b.previous }
    }

    mutating func parseOne(_ block: MDNode) -> Bool {
        let c = subject[pos]
        switch c {
        case B.nl: return parseNewline(block)
        case B.backslash: return parseBackslash(block)
        case B.backtick: return parseBackticks(block)
        case B.star, B.underscore: return handleDelim(c, block)
        case B.lbracket:
            pos += 1
            let n = MDNode(.text, literal: [B.lbracket])
            block.appendChild(n)
            addBracket(n, index: pos - 1, image: false)
            return true
        case B.bang:
            pos += 1
            if peek() == B.lbracket {
                pos += 1
                let n = MDNode(.text, literal: [B.bang, B.lbracket])
                block.appendChild(n)
                addBracket(n, index: pos - 1, image: true)
            } else {
                block.appendChild(MDNode(.text, literal: [B.bang]))
            }
            return true
        case B.rbracket: return parseCloseBracket(block)
        case B.lt: return parseAutolink(block) || parseHTMLTag(block)
        case B.amp: return parseEntity(block)
        default: return parseString(block)
        }
    }

    static func isSpecial(_ c: UInt8) -> Bool {
        c == B.nl || c == B.backslash || c == B.backtick || c == B.star || c == B.underscore || c == B.lbracket ||
            c == B.rbracket || c == B.bang || c == B.lt || c == B.amp
    }

    mutating func parseString(_ block: MDNode) -> Bool {
        let start = pos
        while pos < subject.count && !Inline.isSpecial(subject[pos]) { pos += 1 }
        guard pos > start else { return false }
        block.appendChild(MDNode(.text, literal: Array(subject[start..<pos])))
        return true
    }

    mutating func parseNewline(_ block: MDNode) -> Bool {
        pos += 1
        if let last = block.lastChild, last.kind == .text, last.literal.last == B.space {
            let hard = last.literal.count >= 2 && last.literal[last.literal.count - 2] == B.space
            while last.literal.last == B.space { last.literal.removeLast() }
            block.appendChild(MDNode(hard ? .lineBreak : .softBreak))
        } else {
            block.appendChild(MDNode(.softBreak))
        }
        while let c = peek(), B.isSpaceOrTab(c) { pos += 1 }
        return true
    }

    mutating func parseBackslash(_ block: MDNode) -> Bool {
        pos += 1
        if peek() == B.nl {
            pos += 1
            block.appendChild(MDNode(.lineBreak))
            while let c = peek(), B.isSpaceOrTab(c) { pos += 1 }
        } else if let c = peek(), B.isASCIIPunct(c) {
            pos += 1
            block.appendChild(MDNode(.text, literal: [c]))
        } else {
            block.appendChild(MDNode(.text, literal: [B.backslash]))
        }
        return true
    }

    mutating func parseBackticks(_ block: MDNode) -> Bool {
        let start = pos
        while peek() == B.backtick { pos += 1 }
        let ticks = pos - start
        let afterOpen = pos
        var k = pos
        while k < subject.count {
            if subject[k] == B.backtick {
                let s = k
                while k < subject.count && subject[k] == B.backtick { k += 1 }
                if k - s == ticks {
                    var content = Array(subject[afterOpen..<s]).map { $0 == B.nl ? B.space : $0 }
                    if content.count >= 2, content.first == B.space, content.last == B.space, !content.allSatisfy({ $0 == B.space }) {
                        content = Array(content[1..<(content.count - 1)])
                    }
                    block.appendChild(MDNode(.code, literal: content))
                    pos = k
                    return true
                }
            } else {
                k += 1
            }
        }
        block.appendChild(MDNode(.text, literal: Array(subject[start..<afterOpen])))
        return true
    }

    // MARK: emphasis

    mutating func handleDelim(_ cc: UInt8, _ block: MDNode) -> Bool {
        let start = pos
        while peek() == cc { pos += 1 }
        let num = pos - start
        let before = B.scalarBefore(subject, start)
        let after = B.scalarAt(subject, pos)
        let afterWS = B.isUnicodeWhitespace(after), afterP = B.isUnicodePunct(after)
        let beforeWS = B.isUnicodeWhitespace(before), beforeP = B.isUnicodePunct(before)
        let left = !afterWS && (!afterP || beforeWS || beforeP)
        let right = !beforeWS && (!beforeP || afterWS || afterP)
        let canOpen: Bool, canClose: Bool
        if cc == B.underscore {
            canOpen = left && (!right || beforeP)
            canClose = right && (!left || afterP)
        } else {
            canOpen = left
            canClose = right
        }
        let node = MDNode(.text, literal: Array(subject[start..<pos]))
        block.appendChild(node)
        if canOpen || canClose {
            let d = Delimiter(cc: cc, num: num, node: node, canOpen: canOpen, canClose: canClose)
            d.previous = delimiters
            delimiters?.next = d
            delimiters = d
        }
        return true
    }

    mutating func removeDelimiter(_ d: Delimiter) {
        if let p = d.previous { p.next = d.next }
        if let n = d.next { n.previous = d.previous } else { delimiters = d.previous }
    }

    mutating func processEmphasis(_ stackBottom: Delimiter?) {
        // Nothing above the bottom: nothing to match (most paragraphs have no * or _).
        guard delimiters !== stackBottom else { return }
        // Openers bottom per delimiter (_ then *) and per closer class: a flat array, not a
        // dictionary built for every paragraph.
        var openersBottom = [Delimiter?](repeating: stackBottom, count: 12)
        @inline(__always) func slot(_ cc: UInt8, _ idx: Int) -> Int { (cc == B.underscore ? 0 : 6) + idx }
        var closer = delimiters
        while let c = closer, c.previous !== stackBottom { closer = c.previous }
        while let c = closer {
            if !c.canClose { closer = c.next; continue }
            let idx = (c.canOpen ? 3 : 0) + c.origdelims % 3
            var opener = c.previous
            var found = false
            while let o = opener, o !== stackBottom, o !== openersBottom[slot(c.cc, idx)] {
                let oddMatch = (c.canOpen || o.canClose) && c.origdelims % 3 != 0 && (o.origdelims + c.origdelims) % 3 == 0
                if o.cc == c.cc && o.canOpen && !oddMatch { found = true; break }
                opener = o.previous
            }
            let oldCloser = c
            if found, let o = opener {
                let use = (c.numdelims >= 2 && o.numdelims >= 2) ? 2 : 1
                o.numdelims -= use
                c.numdelims -= use
                o.node.literal.removeLast(use)
                c.node.literal.removeLast(use)
                let emph = MDNode(use == 1 ? .emph : .strong)
                var tmp = o.node.next
                while let t = tmp, t !== c.node {
                    let nx = t.next
                    emph.appendChild(t)
                    tmp = nx
                }
                o.node.insertAfter(emph)
                // Delimiters between opener and closer are gone.
                var d = c.previous
                while let x = d, x !== o { let p = x.previous; removeDelimiter(x); d = p }
                if o.numdelims == 0 { o.node.unlink(); removeDelimiter(o) }
                if c.numdelims == 0 {
                    c.node.unlink()
                    let nx = c.next
                    removeDelimiter(c)
                    closer = nx
                }
            } else {
                closer = c.next
                openersBottom[slot(c.cc, idx)] = oldCloser.previous
                if !oldCloser.canOpen { removeDelimiter(oldCloser) }
            }
        }
        while let d = delimiters, d !== stackBottom { removeDelimiter(d) }
    }

    // MARK: links

    mutating func addBracket(_ node: MDNode, index: Int, image: Bool) {
        brackets?.bracketAfter = true
        brackets = Bracket(node: node, previous: brackets, previousDelimiter: delimiters, index: index, image: image)
    }

    mutating func parseCloseBracket(_ block: MDNode) -> Bool {
        let startpos = pos
        pos += 1
        guard let opener = brackets else {
            block.appendChild(MDNode(.text, literal: [B.rbracket]))
            return true
        }
        guard opener.active else {
            block.appendChild(MDNode(.text, literal: [B.rbracket]))
            brackets = opener.previous
            return true
        }
        let isImage = opener.image
        let savepos = pos
        var dest: [UInt8]?
        var title: [UInt8] = []
        var matched = false
        if peek() == B.lparen {
            pos += 1
            spnl()
            if let d = parseLinkDestination() {
                let beforeTitle = pos
                spnl()
                if pos > beforeTitle, let t = parseLinkTitle() { title = t } else if pos > beforeTitle { /* no title */ }
                spnl()
                if peek() == B.rparen {
                    pos += 1
                    dest = d
                    matched = true
                }
            }
            if !matched { pos = savepos; title = [] }
        }
        if !matched {
            let beforeLabel = pos
            let n = parseLinkLabel()
            pos += n
            var reflabel: [UInt8]?
            if n > 2 {
                reflabel = Array(subject[beforeLabel..<(beforeLabel + n)])
            } else if !opener.bracketAfter {
                reflabel = Array(subject[opener.index..<startpos]) + [B.rbracket]
                if opener.image { reflabel!.removeFirst() }
            }
            if n == 0 { pos = savepos }
            if let r = reflabel, let link = refmap[Inline.normalizeLabel(r)] {
                dest = link.dest
                title = link.title
                matched = true
            }
        }
        guard matched, let d = dest else {
            brackets = opener.previous
            pos = startpos + 1
            block.appendChild(MDNode(.text, literal: [B.rbracket]))
            return true
        }
        let node = MDNode(isImage ? .image : .link)
        node.destination = d
        node.title = title
        var tmp = opener.node.next
        while let t = tmp {
            let nx = t.next
            node.appendChild(t)
            tmp = nx
        }
        block.appendChild(node)
        processEmphasis(opener.previousDelimiter)
        brackets = opener.previous
        opener.node.unlink()
        if !isImage {
            var b = brackets
            while let x = b { if !x.image { x.active = false }; b = x.previous }
        }
        return true
    }

    /// Spaces and at most one line end.
    mutating func spnl() {
        var sawNL = false
        while let c = peek() {
            if B.isSpaceOrTab(c) { pos += 1 }
            else if c == B.nl && !sawNL { sawNL = true; pos += 1 }
            else { break }
        }
    }

    mutating func parseLinkDestination() -> [UInt8]? {
        if peek() == B.lt {
            var k = pos + 1
            while k < subject.count {
                let c = subject[k]
                if c == B.backslash && k + 1 < subject.count && B.isASCIIPunct(subject[k + 1]) { k += 2; continue }
                if c == B.gt {
                    let raw = Array(subject[(pos + 1)..<k])
                    pos = k + 1
                    return Inline.unescape(raw)
                }
                if c == B.lt || c == B.nl { return nil }
                k += 1
            }
            return nil
        }
        let start = pos
        var parens = 0
        while let c = peek() {
            if c == B.backslash, let n = peek(1), B.isASCIIPunct(n) { pos += 2; continue }
            if c == B.lparen { parens += 1; pos += 1; continue }
            if c == B.rparen {
                if parens < 1 { break }
                parens -= 1; pos += 1; continue
            }
            if c <= 0x20 || c == 0x7F { break }
            pos += 1
        }
        if pos == start && peek() != B.rparen { return nil }
        if parens != 0 { pos = start; return nil }
        return Inline.unescape(Array(subject[start..<pos]))
    }

    mutating func parseLinkTitle() -> [UInt8]? {
        guard let open = peek(), open == B.quote || open == B.apos || open == B.lparen else { return nil }
        let close = open == B.lparen ? B.rparen : open
        var k = pos + 1
        while k < subject.count {
            let c = subject[k]
            if c == B.backslash && k + 1 < subject.count && B.isASCIIPunct(subject[k + 1]) { k += 2; continue }
            if c == close {
                let raw = Array(subject[(pos + 1)..<k])
                pos = k + 1
                return Inline.unescape(raw)
            }
            if open == B.lparen && c == B.lparen { return nil }
            k += 1
        }
        return nil
    }

    /// Length of a link label `[...]` at pos (0 when there is none): no unescaped brackets, at
    /// most 999 characters. `[]` has length 2 (a collapsed reference); a blank label matches no
    /// definition, since definitions with blank labels are refused.
    func parseLinkLabel() -> Int {
        guard peek() == B.lbracket else { return 0 }
        var k = pos + 1
        var chars = 0
        while k < subject.count {
            let c = subject[k]
            if c == B.backslash && k + 1 < subject.count && B.isASCIIPunct(subject[k + 1]) { k += 2; chars += 2; continue }
            if c == B.lbracket { return 0 }
            if c == B.rbracket {
                if chars > 999 { return 0 }
                return k - pos + 1
            }
            k += 1; chars += 1
        }
        return 0
    }

    static func normalizeLabel(_ label: [UInt8]) -> String {
        var inner = label
        if inner.first == B.lbracket { inner.removeFirst() }
        if inner.last == B.rbracket { inner.removeLast() }
        var out: [UInt8] = []
        var ws = false
        for c in B.trim(inner) {
            if B.isWhitespace(c) { ws = true; continue }
            if ws { out.append(B.space); ws = false }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self).lowercased().uppercased()
    }

    /// `[label]: destination "title"` at the start of the subject: bytes consumed, label, link.
    mutating func parseReference() -> (Int, String, [UInt8], [UInt8])? {
        let start = pos
        let n = parseLinkLabel()
        guard n > 0 else { return nil }
        let rawLabel = Array(subject[pos..<(pos + n)])
        pos += n
        guard peek() == B.colon else { pos = start; return nil }
        pos += 1
        spnl()
        guard let dest = parseLinkDestination() else { pos = start; return nil }
        if dest.isEmpty && subject[pos - 1] != B.gt { pos = start; return nil }
        let beforeTitle = pos
        spnl()
        var title: [UInt8] = []
        var hasTitle = false
        if pos != beforeTitle, let t = parseLinkTitle() { title = t; hasTitle = true } else { pos = beforeTitle }
        // The rest of the line must be blank.
        var k = pos
        while k < subject.count && B.isSpaceOrTab(subject[k]) { k += 1 }
        var atLineEnd = k >= subject.count || subject[k] == B.nl
        if !atLineEnd && hasTitle {
            // The title was not followed by a line end: try without it.
            title = []
            pos = beforeTitle
            k = pos
            while k < subject.count && B.isSpaceOrTab(subject[k]) { k += 1 }
            atLineEnd = k >= subject.count || subject[k] == B.nl
        }
        guard atLineEnd else { pos = start; return nil }
        if k < subject.count { k += 1 }
        let label = Inline.normalizeLabel(rawLabel)
        guard !label.isEmpty else { pos = start; return nil }
        pos = k
        return (k, label, dest, title)
    }

    // MARK: autolinks, HTML, entities

    mutating func parseAutolink(_ block: MDNode) -> Bool {
        var k = pos + 1
        // URI autolink: scheme ":" then no spaces, < or >.
        var s = k
        while s < subject.count && (B.isAlnum(subject[s]) || subject[s] == B.plus || subject[s] == B.dot || subject[s] == B.dash) { s += 1 }
        let schemeLen = s - k
        if schemeLen >= 2 && schemeLen <= 32 && B.isAlpha(subject[k]) && s < subject.count && subject[s] == B.colon {
            var e = s + 1
            while e < subject.count && subject[e] > 0x20 && subject[e] != B.lt && subject[e] != B.gt { e += 1 }
            if e < subject.count && subject[e] == B.gt {
                let uri = Array(subject[k..<e])
                let n = MDNode(.link)
                n.destination = uri
                n.appendChild(MDNode(.text, literal: uri))
                block.appendChild(n)
                pos = e + 1
                return true
            }
        }
        // Email autolink.
        k = pos + 1
        var local = k
        let localChars = Array(".!#$%&'*+/=?^_`{|}~-".utf8)
        while local < subject.count && (B.isAlnum(subject[local]) || localChars.contains(subject[local])) { local += 1 }
        guard local > k, local < subject.count, subject[local] == UInt8(ascii: "@") else { return false }
        var e = local + 1
        var labelStart = e
        var ok = false
        while true {
            var l = labelStart
            while l < subject.count && (B.isAlnum(subject[l]) || subject[l] == B.dash) && l - labelStart < 63 { l += 1 }
            guard l > labelStart, B.isAlnum(subject[labelStart]), B.isAlnum(subject[l - 1]) else { break }
            e = l
            if e < subject.count && subject[e] == B.dot { labelStart = e + 1; continue }
            ok = e < subject.count && subject[e] == B.gt
            break
        }
        guard ok else { return false }
        let addr = Array(subject[k..<e])
        let n = MDNode(.link)
        n.destination = Array("mailto:".utf8) + addr
        n.appendChild(MDNode(.text, literal: addr))
        block.appendChild(n)
        pos = e + 1
        return true
    }

    mutating func parseHTMLTag(_ block: MDNode) -> Bool {
        guard let end = HTMLInline.match(subject, pos) else { return false }
        block.appendChild(MDNode(.htmlInline, literal: Array(subject[pos..<end])))
        pos = end
        return true
    }

    mutating func parseEntity(_ block: MDNode) -> Bool {
        guard let (decoded, end) = Inline.entity(subject, pos) else { return false }
        block.appendChild(MDNode(.text, literal: decoded))
        pos = end
        return true
    }

    /// `&name;`, `&#123;`, `&#x1F;` at `i`: the decoded bytes and the index after the `;`.
    static func entity(_ s: [UInt8], _ i: Int) -> ([UInt8], Int)? {
        guard i < s.count, s[i] == B.amp else { return nil }
        var k = i + 1
        if k < s.count && s[k] == B.hash {
            k += 1
            var hex = false
            if k < s.count && (s[k] == UInt8(ascii: "x") || s[k] == UInt8(ascii: "X")) { hex = true; k += 1 }
            let start = k
            var v: UInt32 = 0
            while k < s.count && (hex ? B.isHex(s[k]) : B.isDigit(s[k])) && k - start < (hex ? 6 : 7) {
                let c = s[k]
                let d: UInt32 = B.isDigit(c) ? UInt32(c - 48) : UInt32(B.lower(c) - 87)
                v = v * (hex ? 16 : 10) + d
                k += 1
            }
            guard k > start, k < s.count, s[k] == UInt8(ascii: ";") else { return nil }
            let scalar = (v == 0 ? nil : Unicode.Scalar(v)) ?? "\u{FFFD}"
            return (Array(String(Character(scalar)).utf8), k + 1)
        }
        let start = k
        while k < s.count && B.isAlnum(s[k]) && k - start < 32 { k += 1 }
        guard k > start, k < s.count, s[k] == UInt8(ascii: ";") else { return nil }
        guard let v = Entities.table[String(decoding: s[start..<k], as: UTF8.self)] else { return nil }
        return (Array(v.utf8), k + 1)
    }

    /// Backslash escapes and entity references resolved (for destinations, titles, info strings).
    static func unescape(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == B.backslash && i + 1 < s.count && B.isASCIIPunct(s[i + 1]) { out.append(s[i + 1]); i += 2; continue }
            if c == B.amp, let (d, e) = entity(s, i) { out.append(contentsOf: d); i = e; continue }
            out.append(c)
            i += 1
        }
        return out
    }
}
