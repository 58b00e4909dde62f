import OkmoReport
import FuzzSupport

@main struct FuzzNotes {
    static func main() {
        _ = FuzzEntry.lexicons
        FuzzDriver.run { data, size in
            FuzzEntry.notes(FuzzDriver.bytes(data, size), lex: FuzzEntry.lexicons)
            return 0
        }
    }
}
