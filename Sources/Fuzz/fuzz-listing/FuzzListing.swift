import OkmoReport
import FuzzSupport

@main struct FuzzListing {
    static func main() {
        _ = FuzzEntry.lexicons
        FuzzDriver.run { data, size in
            FuzzEntry.listing(FuzzDriver.bytes(data, size), lex: FuzzEntry.lexicons)
            return 0
        }
    }
}
