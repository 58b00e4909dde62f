import OkmoCore
import OkmoTemplate
import FuzzSupport

let context = JSONValue.object(["title": .string("<b>&"), "items": .array([.int(1), .object(["a": .string("x")]), .bool(true)]),
                                "nested": .object(["deep": .object(["er": .string("y")])]), "name": .string("p")])

@main struct FuzzMustache {
    static func main() {
        FuzzDriver.run { data, size in
            let bytes = FuzzDriver.bytes(data, size)
            if let t = try? Template(bytes: bytes, name: "fuzz.mustache") {
                let partials = PartialSource.memory(["p": "{{title}}{{>p}}", "layout": "[{{$b}}d{{/b}}]", "q": String(decoding: bytes.prefix(64), as: UTF8.self)])
                _ = try? t.render(context, partials: partials, escaping: .html, strict: true)
                _ = try? t.render(context, partials: partials, escaping: .markdown)
            }
            return 0
        }
    }
}
