import OkmoCore

/// `okmo-report diff OLD NEW [--format markdown|json]`: OLD and NEW are records.json files or
/// build folders. Exit 0 when nothing changed, 1 when something did, 2 on trouble, as diff(1).
enum DiffCommand {
    static let options: [OptionSpec] = [
        OptionSpec(name: "--format", takesValue: true, help: "markdown (default) or json", valueName: "FORMAT", allowed: ["markdown", "json"]),
    ]

    struct LoadError: Error { var message: String }

    static func load(_ path: String) -> Result<Records, LoadError> {
        let file = FileReader.kind(path) == .directory ? (path.hasSuffix("/") ? path : path + "/") + "records.json" : path
        do {
            let v = try JSONParser.parse(try FileReader.read(file))
            return .success(try Records(json: v))
        } catch let e as InputError {
            return .failure(LoadError(message: e.description))
        } catch let e as JSONParser.Error {
            return .failure(LoadError(message: "\(file):\(e.line):\(e.column): not valid JSON: \(e.message)"))
        } catch let e as Records.DecodingError {
            return .failure(LoadError(message: "\(file): \(e.message)"))
        } catch {
            return .failure(LoadError(message: "\(file): \(error)"))
        }
    }

    static func run(_ a: ParsedArguments) -> Int32 {
        guard a.positionals.count == 2 else {
            Console.err("okmo-report diff: give two records.json files or build folders: okmo-report diff OLD NEW\n")
            return 2
        }
        let (oldPath, newPath) = (a.positionals[0], a.positionals[1])
        let old: Records, new: Records
        switch load(oldPath) { case .success(let r): old = r; case .failure(let m): Console.err("okmo-report diff: error: \(m.message)\n"); return 2 }
        switch load(newPath) { case .success(let r): new = r; case .failure(let m): Console.err("okmo-report diff: error: \(m.message)\n"); return 2 }
        let report = DiffReport(old: old, new: new, oldName: oldPath, newName: newPath)
        if a.value("--format") == "json" {
            Console.out(JSONWriter.pretty(report.json()))
        } else {
            Console.out(report.markdown())
        }
        return report.isEmpty ? 0 : 1
    }
}
