import OkmoReport
import FuzzSupport

let lexicons: Lexicons = {
    let dir = ResourceLocator.find("data", marker: "regions.tsv") ?? "data"
    return try! Lexicons.load(from: dir)
}()

@main struct FuzzListing {
    static func main() {
        _ = lexicons
        FuzzDriver.run { data, size in
            FuzzEntry.listing(FuzzDriver.bytes(data, size), lex: lexicons)
            return 0
        }
    }
}
