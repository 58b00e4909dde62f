/// The block phase of CommonMark: lines in, a tree of blocks out (paragraph text still raw).
///
/// Each line first walks the open containers (block quotes, list items) to see which it
/// continues, then tries to start new blocks, then goes to the innermost open block — the
/// strategy of the spec's appendix, as the reference implementations do it.
struct BlockParser {
    var doc = MDNode(.document)
    var tip: MDNode
    var oldtip: MDNode
    var lastMatchedContainer: MDNode
    var line: [UInt8] = []
    var lineNumber = 0
    var offset = 0
    var column = 0
    var nextNonspace = 0
    var nextNonspaceColumn = 0
    var indent = 0
    var indented = false
    var blank = false
    var partiallyConsumedTab = false
    var allClosed = true
    var refmap: [String: (dest: [UInt8], title: [UInt8])] = [:]
    let tables: Bool

    init(tables: Bool) {
        tip = doc; oldtip = doc; lastMatchedContainer = doc
        self.tables = tables
    }

    // MARK: driving

    mutating func parse(_ input: [UInt8]) -> MDNode {
        var i = 0
        let n = input.count
        var buf: [UInt8] = []
        while i < n {
            let c = input[i]
            if c == B.nl || c == B.cr {
                incorporate(buf)
                buf.removeAll(keepingCapacity: true)
                if c == B.cr && i + 1 < n && input[i + 1] == B.nl { i += 1 }
            } else if c == 0 {
                buf.append(contentsOf: [0xEF, 0xBF, 0xBD])
            } else {
                buf.append(c)
            }
            i += 1
        }
        if !buf.isEmpty { incorporate(buf) }
        while let t = Optional(tip), t !== doc { finalize(t) }
        finalize(doc)
        return doc
    }

    // MARK: positions

    mutating func findNextNonspace() {
        var i = offset
        var cols = column
        while i < line.count {
            let c = line[i]
            if c == B.space { i += 1; cols += 1 }
            else if c == B.tab { i += 1; cols += 4 - (cols % 4) }
            else { break }
        }
        blank = i >= line.count
        nextNonspace = i
        nextNonspaceColumn = cols
        indent = nextNonspaceColumn - column
        indented = indent >= 4
    }

    mutating func advanceNextNonspace() {
        offset = nextNonspace
        column = nextNonspaceColumn
        partiallyConsumedTab = false
    }

    mutating func advanceOffset(_ count: Int, columns: Bool) {
        var count = count
        while count > 0 && offset < line.count {
            let c = line[offset]
            if c == B.tab {
                let charsToTab = 4 - (column % 4)
                if columns {
                    partiallyConsumedTab = charsToTab > count
                    let adv = min(count, charsToTab)
                    column += adv
                    offset += partiallyConsumedTab ? 0 : 1
                    count -= adv
                } else {
                    partiallyConsumedTab = false
                    column += charsToTab
                    offset += 1
                    count -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1; column += 1; count -= 1
            }
        }
    }

    func peek(_ i: Int) -> UInt8 { i < line.count ? line[i] : 0 }

    mutating func addLine() {
        if partiallyConsumedTab {
            offset += 1
            let charsToTab = 4 - (column % 4)
            tip.content.append(contentsOf: [UInt8](repeating: B.space, count: charsToTab))
        }
        if offset < line.count { tip.content.append(contentsOf: line[offset...]) }
        tip.content.append(B.nl)
    }

    // MARK: tree

    static func canContain(_ parent: MDNode.Kind, _ child: MDNode.Kind) -> Bool {
        switch parent {
        case .document, .blockQuote, .item: return child != .item
        case .list: return child == .item
        default: return false
        }
    }

    static func acceptsLines(_ k: MDNode.Kind) -> Bool { k == .paragraph || k == .codeBlock || k == .htmlBlock || k == .table }

    @discardableResult
    mutating func addChild(_ kind: MDNode.Kind) -> MDNode {
        while !BlockParser.canContain(tip.kind, kind) { finalize(tip) }
        let n = MDNode(kind)
        n.startLine = lineNumber
        tip.appendChild(n)
        tip = n
        return n
    }

    mutating func closeUnmatchedBlocks() {
        if !allClosed {
            while oldtip !== lastMatchedContainer {
                let parent = oldtip.parent
                finalize(oldtip)
                guard let p = parent else { break }
                oldtip = p
            }
            allClosed = true
        }
    }

    // MARK: one line

    mutating func incorporate(_ ln: [UInt8]) {
        var allMatched = true
        var container = doc
        oldtip = tip
        offset = 0; column = 0; blank = false; partiallyConsumedTab = false
        lineNumber += 1
        line = ln

        while let last = container.lastChild, last.open {
            container = last
            findNextNonspace()
            switch continues(container) {
            case 0: continue
            case 1:
                container = container.parent!
                allMatched = false
            default:
                return
            }
            break
        }
        _ = allMatched
        allClosed = container === oldtip
        lastMatchedContainer = container
        var matchedLeaf = container.kind != .paragraph && BlockParser.acceptsLines(container.kind) && container.kind != .table

        while !matchedLeaf {
            findNextNonspace()
            let c = peek(nextNonspace)
            if !indented && !BlockParser.maybeSpecial(c) && !(tables && container.kind == .paragraph) {
                advanceNextNonspace()
                break
            }
            var matched = 0
            for start in 0..<9 {
                matched = blockStart(start, container)
                if matched != 0 { break }
            }
            if matched == 1 { container = tip; continue }
            if matched == 2 { container = tip; matchedLeaf = true; continue }
            advanceNextNonspace()
            break
        }

        if !allClosed && !blank && tip.kind == .paragraph {
            addLine()  // lazy paragraph continuation
        } else {
            closeUnmatchedBlocks()
            if blank, let l = container.lastChild { l.lastLineBlank = true }
            let t = container.kind
            let lastLineBlank = blank && !(t == .blockQuote || (t == .codeBlock && container.fenced) ||
                                           (t == .item && container.firstChild == nil && container.startLine == lineNumber))
            var cont: MDNode? = container
            while let c = cont { c.lastLineBlank = lastLineBlank; cont = c.parent }
            if BlockParser.acceptsLines(t) {
                if t == .table {
                    // The delimiter row that opened the table is not a row of it.
                    if container.startLine != lineNumber { container.rows.append(Table.cells(Array(line[min(offset, line.count)...]))) }
                } else {
                    addLine()
                }
                if t == .htmlBlock && container.htmlBlockType >= 1 && container.htmlBlockType <= 5 &&
                    HTMLBlocks.endsBlock(container.htmlBlockType, line[min(offset, line.count)...]) {
                    finalize(container)
                }
            } else if offset < line.count && !blank {
                addChild(.paragraph)
                advanceNextNonspace()
                addLine()
            }
        }
    }

    static func maybeSpecial(_ c: UInt8) -> Bool {
        switch c {
        case B.hash, B.backtick, B.tilde, B.star, B.plus, B.dash, B.underscore, B.eq, B.lt, B.gt, B.pipe, B.colon: return true
        default: return B.isDigit(c)
        }
    }

    /// 0: continues, 1: does not, 2: the line was consumed (a closing fence).
    mutating func continues(_ c: MDNode) -> Int {
        switch c.kind {
        case .document, .list: return 0
        case .blockQuote:
            if !indented && peek(nextNonspace) == B.gt {
                advanceNextNonspace()
                advanceOffset(1, columns: false)
                if B.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
                return 0
            }
            return 1
        case .item:
            if blank {
                if c.firstChild == nil { return 1 }
                advanceNextNonspace()
            } else if indent >= c.listData.markerOffset + c.listData.padding {
                advanceOffset(c.listData.markerOffset + c.listData.padding, columns: true)
            } else {
                return 1
            }
            return 0
        case .heading, .thematicBreak: return 1
        case .codeBlock:
            if c.fenced {
                if indent <= 3 && peek(nextNonspace) == c.fenceChar {
                    var k = nextNonspace
                    while k < line.count && line[k] == c.fenceChar { k += 1 }
                    let len = k - nextNonspace
                    if len >= c.fenceLength && B.isBlank(line[k...]) {
                        finalize(c)
                        return 2
                    }
                }
                var i = c.fenceOffset
                while i > 0 && B.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true); i -= 1 }
            } else {
                if indent >= 4 { advanceOffset(4, columns: true) }
                else if blank { advanceNextNonspace() }
                else { return 1 }
            }
            return 0
        case .htmlBlock:
            return blank && (c.htmlBlockType == 6 || c.htmlBlockType == 7) ? 1 : 0
        case .paragraph, .table:
            return blank ? 1 : 0
        default:
            return 1
        }
    }

    // MARK: block starts

    /// 0: no match, 1: a container started, 2: a leaf started.
    mutating func blockStart(_ which: Int, _ container: MDNode) -> Int {
        switch which {
        case 0: return blockQuoteStart()
        case 1: return atxHeadingStart()
        case 2: return fencedCodeStart()
        case 3: return htmlBlockStart(container)
        case 4: return tableStart(container)
        case 5: return setextHeadingStart(container)
        case 6: return thematicBreakStart()
        case 7: return listItemStart(container)
        case 8: return indentedCodeStart()
        default: return 0
        }
    }

    mutating func blockQuoteStart() -> Int {
        guard !indented, peek(nextNonspace) == B.gt else { return 0 }
        advanceNextNonspace()
        advanceOffset(1, columns: false)
        if B.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
        closeUnmatchedBlocks()
        addChild(.blockQuote)
        return 1
    }

    mutating func atxHeadingStart() -> Int {
        guard !indented, peek(nextNonspace) == B.hash else { return 0 }
        var k = nextNonspace
        while k < line.count && line[k] == B.hash { k += 1 }
        let level = k - nextNonspace
        guard level <= 6, k == line.count || B.isSpaceOrTab(line[k]) else { return 0 }
        advanceNextNonspace()
        advanceOffset(level, columns: false)
        closeUnmatchedBlocks()
        let h = addChild(.heading)
        h.level = level
        // Content: strip the optional closing sequence of #s (preceded by a space).
        var s = Array(line[min(offset, line.count)...])
        var e = s.count
        while e > 0 && B.isSpaceOrTab(s[e - 1]) { e -= 1 }
        var h2 = e
        while h2 > 0 && s[h2 - 1] == B.hash { h2 -= 1 }
        if h2 < e && (h2 == 0 || B.isSpaceOrTab(s[h2 - 1])) { e = h2 }
        s = Array(s[0..<e])
        h.content = B.trim(s)
        advanceOffset(line.count - offset, columns: false)
        return 2
    }

    mutating func fencedCodeStart() -> Int {
        let c = peek(nextNonspace)
        guard !indented, c == B.backtick || c == B.tilde else { return 0 }
        var k = nextNonspace
        while k < line.count && line[k] == c { k += 1 }
        let len = k - nextNonspace
        guard len >= 3 else { return 0 }
        if c == B.backtick && line[k...].contains(B.backtick) { return 0 }
        closeUnmatchedBlocks()
        let b = addChild(.codeBlock)
        b.fenced = true
        b.fenceChar = c
        b.fenceLength = len
        b.fenceOffset = indent
        advanceNextNonspace()
        advanceOffset(len, columns: false)
        return 2
    }

    mutating func htmlBlockStart(_ container: MDNode) -> Int {
        guard !indented, peek(nextNonspace) == B.lt else { return 0 }
        let s = line[nextNonspace...]
        for t in 1...7 where HTMLBlocks.starts(t, s) {
            if t == 7 && (container.kind == .paragraph || (!allClosed && !blank && tip.kind == .paragraph)) { continue }
            closeUnmatchedBlocks()
            let b = addChild(.htmlBlock)
            b.htmlBlockType = t
            return 2
        }
        return 0
    }

    /// GFM: a delimiter row under a paragraph whose last line has as many cells starts a table.
    mutating func tableStart(_ container: MDNode) -> Int {
        guard tables, !indented, container.kind == .paragraph, let aligns = Table.delimiterRow(Array(line[nextNonspace...])) else { return 0 }
        var lines = container.content.split(separator: B.nl, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.last else { return 0 }
        let header = Table.cells(headerLine)
        guard header.count == aligns.count else { return 0 }
        // What is left of the paragraph stays a paragraph.
        lines.removeLast()
        container.content = lines.isEmpty ? [] : Array(lines.joined(separator: [B.nl])) + [B.nl]
        let paragraphParent = container.parent!
        if lines.isEmpty {
            container.unlink()
            tip = paragraphParent
        } else {
            finalize(container)
        }
        let t = MDNode(.table)
        t.startLine = lineNumber
        t.alignments = aligns
        t.rows = [header]
        paragraphParent.appendChild(t)
        tip = t
        advanceOffset(line.count - offset, columns: false)
        return 2
    }

    mutating func setextHeadingStart(_ container: MDNode) -> Int {
        guard !indented, container.kind == .paragraph else { return 0 }
        let c = peek(nextNonspace)
        guard c == B.eq || c == B.dash else { return 0 }
        var k = nextNonspace
        while k < line.count && line[k] == c { k += 1 }
        guard B.isBlank(line[k...]) else { return 0 }
        closeUnmatchedBlocks()
        // Reference definitions at the start of the paragraph are not heading text.
        consumeReferences(container)
        guard !container.content.isEmpty else { return 0 }
        let h = MDNode(.heading)
        h.startLine = container.startLine
        h.level = c == B.eq ? 1 : 2
        h.content = B.trim(container.content)
        container.insertAfter(h)
        container.unlink()
        tip = h
        advanceOffset(line.count - offset, columns: false)
        return 2
    }

    mutating func thematicBreakStart() -> Int {
        guard !indented else { return 0 }
        let c = peek(nextNonspace)
        guard c == B.star || c == B.underscore || c == B.dash else { return 0 }
        var n = 0
        for x in line[nextNonspace...] {
            if x == c { n += 1 } else if !B.isSpaceOrTab(x) { return 0 }
        }
        guard n >= 3 else { return 0 }
        closeUnmatchedBlocks()
        addChild(.thematicBreak)
        advanceOffset(line.count - offset, columns: false)
        return 2
    }

    mutating func listItemStart(_ container: MDNode) -> Int {
        guard !indented || container.kind == .list else { return 0 }
        guard indent < 4 else { return 0 }
        var data = MDNode.ListData()
        data.markerOffset = indent
        let c = peek(nextNonspace)
        var markerLen = 0
        if c == B.star || c == B.plus || c == B.dash {
            data.bulletChar = c
            markerLen = 1
        } else if B.isDigit(c) {
            var k = nextNonspace
            var v = 0
            while k < line.count && B.isDigit(line[k]) && k - nextNonspace < 9 { v = v * 10 + Int(line[k] - 48); k += 1 }
            guard k < line.count, line[k] == B.dot || line[k] == B.rparen else { return 0 }
            guard container.kind != .paragraph || v == 1 else { return 0 }
            data.ordered = true
            data.start = v
            data.delimiter = line[k]
            markerLen = k - nextNonspace + 1
        } else {
            return 0
        }
        let after = peek(nextNonspace + markerLen)
        guard nextNonspace + markerLen >= line.count || after == B.tab || after == B.space else { return 0 }
        if container.kind == .paragraph && B.isBlank(line[min(nextNonspace + markerLen, line.count)...]) { return 0 }
        advanceNextNonspace()
        advanceOffset(markerLen, columns: true)
        let spacesStartCol = column
        let spacesStartOffset = offset
        repeat {
            advanceOffset(1, columns: true)
        } while column - spacesStartCol < 5 && B.isSpaceOrTab(peek(offset))
        let blankItem = offset >= line.count
        let spacesAfterMarker = column - spacesStartCol
        if spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem {
            data.padding = markerLen + 1
            column = spacesStartCol
            offset = spacesStartOffset
            partiallyConsumedTab = false
            if B.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
        } else {
            data.padding = markerLen + spacesAfterMarker
        }
        closeUnmatchedBlocks()
        if tip.kind != .list || !BlockParser.listsMatch(tip.listData, data) {
            let l = addChild(.list)
            l.listData = data
        }
        let item = addChild(.item)
        item.listData = data
        return 1
    }

    static func listsMatch(_ a: MDNode.ListData, _ b: MDNode.ListData) -> Bool {
        a.ordered == b.ordered && a.delimiter == b.delimiter && a.bulletChar == b.bulletChar
    }

    mutating func indentedCodeStart() -> Int {
        guard indented, tip.kind != .paragraph, !blank else { return 0 }
        advanceOffset(4, columns: true)
        closeUnmatchedBlocks()
        addChild(.codeBlock)
        return 2
    }

    // MARK: finalizing

    mutating func finalize(_ b: MDNode) {
        let above = b.parent
        b.open = false
        switch b.kind {
        case .paragraph:
            consumeReferences(b)
            if B.isBlank(b.content[...]) { b.unlink() }
        case .codeBlock:
            if b.fenced {
                let firstNL = b.content.firstIndex(of: B.nl) ?? b.content.count
                b.info = Inline.unescape(B.trim(Array(b.content[0..<firstNL])))
                b.literal = firstNL < b.content.count ? Array(b.content[(firstNL + 1)...]) : []
            } else {
                // Trailing blank lines are not part of an indented code block.
                var lines = b.content.split(separator: B.nl, omittingEmptySubsequences: false).map(Array.init)
                if lines.last?.isEmpty == true { lines.removeLast() }
                while let l = lines.last, B.isBlank(l[...]) { lines.removeLast() }
                b.literal = lines.isEmpty ? [] : Array(lines.joined(separator: [B.nl])) + [B.nl]
            }
            b.content = []
        case .htmlBlock:
            var s = b.content
            while let l = s.last, l == B.nl || l == B.space { s.removeLast() }
            b.literal = s
            b.content = []
        case .list:
            b.listData.tight = true
            var item = b.firstChild
            outer: while let it = item {
                if BlockParser.endsWithBlankLine(it) && it.next != nil { b.listData.tight = false; break }
                var sub = it.firstChild
                while let s = sub {
                    if BlockParser.endsWithBlankLine(s) && (it.next != nil || s.next != nil) { b.listData.tight = false; break outer }
                    sub = s.next
                }
                item = it.next
            }
        default: break
        }
        tip = above ?? doc
    }

    static func endsWithBlankLine(_ block: MDNode) -> Bool {
        var b: MDNode? = block
        while let x = b {
            if x.lastLineBlank { return true }
            if !x.lastLineChecked && (x.kind == .list || x.kind == .item) {
                x.lastLineChecked = true
                b = x.lastChild
            } else {
                x.lastLineChecked = true
                break
            }
        }
        return false
    }

    /// Link reference definitions at the start of a paragraph go to the map and out of its text.
    mutating func consumeReferences(_ p: MDNode) {
        while p.content.first == B.lbracket {
            // No map for the reader: a copy of `refmap` alive here would make every insert
            // below copy the whole map (quadratic in the number of definitions).
            var inl = Inline(subject: p.content, refmap: [:])
            guard let (consumed, label, dest, title) = inl.parseReference() else { break }
            if refmap[label] == nil { refmap[label] = (dest, title) }
            p.content = Array(p.content[consumed...])
        }
    }
}
