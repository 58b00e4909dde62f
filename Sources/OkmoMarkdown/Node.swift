/// A node of the Markdown tree, block or inline.
///
/// A class, unlike the rest of the project: the CommonMark algorithm edits the tree in place as
/// it goes (open blocks gain lines, emphasis wraps runs of inline siblings), and a linked list
/// of nodes makes those edits O(1). The tree never leaves this module.
final class MDNode {
    enum Kind {
        case document, blockQuote, list, item, paragraph, heading, thematicBreak, codeBlock, htmlBlock, table
        case text, softBreak, lineBreak, code, emph, strong, link, image, htmlInline
    }

    var kind: Kind
    // Back links are unowned: a node is always owned through its parent's child list, the tree
    // lives only inside one conversion, and `dismantle` takes it apart without reading them.
    // (Weak references cost a side table per node and dominated the profile.)
    unowned(unsafe) var parent: MDNode?
    var firstChild: MDNode?
    var lastChild: MDNode?
    var next: MDNode?
    unowned(unsafe) var prev: MDNode?

    // block state
    var open = true
    var lastLineBlank = false
    var lastLineChecked = false
    var startLine = 0
    var content: [UInt8] = []
    var literal: [UInt8] = []
    // lists
    var listData = ListData()
    // headings
    var level = 0
    // code blocks
    var fenced = false
    var fenceChar: UInt8 = 0
    var fenceLength = 0
    var fenceOffset = 0
    var info: [UInt8] = []
    // html blocks
    var htmlBlockType = 0
    // Links, images and tables keep their parts out of line: most nodes are text, and every
    // array field is one more release when a node is freed (freeing took a seventh of a
    // conversion). Reads of an absent part see an empty array.
    struct Extra {
        var destination: [UInt8] = []
        var title: [UInt8] = []
        var alignments: [UInt8] = []   // 0 none, l, c, r
        var rows: [[[UInt8]]] = []     // raw cell text; row 0 is the header
        var cells: [[MDNode]] = []     // parsed cells
    }
    var extra: Extra?

    var destination: [UInt8] {
        get { extra?.destination ?? [] }
        _modify { if extra == nil { extra = Extra() }; yield &extra!.destination }
    }
    var title: [UInt8] {
        get { extra?.title ?? [] }
        _modify { if extra == nil { extra = Extra() }; yield &extra!.title }
    }
    var alignments: [UInt8] {
        get { extra?.alignments ?? [] }
        _modify { if extra == nil { extra = Extra() }; yield &extra!.alignments }
    }
    var rows: [[[UInt8]]] {
        get { extra?.rows ?? [] }
        _modify { if extra == nil { extra = Extra() }; yield &extra!.rows }
    }
    var cells: [[MDNode]] {
        get { extra?.cells ?? [] }
        _modify { if extra == nil { extra = Extra() }; yield &extra!.cells }
    }

    init(_ kind: Kind) { self.kind = kind }

    init(_ kind: Kind, literal: [UInt8]) {
        self.kind = kind
        self.literal = literal
    }

    struct ListData: Equatable {
        var ordered = false
        var bulletChar: UInt8 = 0
        var start = 1
        var delimiter: UInt8 = 0
        var padding = 0
        var markerOffset = 0
        var tight = true
    }

    func appendChild(_ c: MDNode) {
        c.unlink()
        c.parent = self
        if let l = lastChild { l.next = c; c.prev = l; lastChild = c } else { firstChild = c; lastChild = c }
    }

    func insertAfter(_ s: MDNode) {
        s.unlink()
        s.next = next
        if let n = next { n.prev = s }
        s.prev = self
        next = s
        s.parent = parent
        if s.next == nil { parent?.lastChild = s }
    }

    func unlink() {
        if let p = prev { p.next = next } else if let par = parent, par.firstChild === self { par.firstChild = next }
        if let n = next { n.prev = prev } else if let par = parent, par.lastChild === self { par.lastChild = prev }
        parent = nil; next = nil; prev = nil
    }

    /// Breaks every link of a tree without recursion: releasing a 50,000-deep chain of nodes
    /// one `deinit` inside the next would overflow the stack.
    static func dismantle(_ root: MDNode) {
        var stack = [root]
        while let n = stack.popLast() {
            var c = n.firstChild
            while let x = c { stack.append(x); c = x.next }
            if n.extra != nil {
                for row in n.cells { stack.append(contentsOf: row) }
                n.cells = []
            }
            n.firstChild = nil
            n.lastChild = nil
            n.next = nil
        }
    }

}
