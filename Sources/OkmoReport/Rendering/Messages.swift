import OkmoCore

/// The report's words in one language, from `templates/messages/LANG.tsv`: headings, labels,
/// month names, plural forms, number format. Nothing a reader sees is written in code.
struct Messages {
    let lang: String
    let table: [String: String]
    /// The month names (index 1-12), looked up once: a report writes a date range for every
    /// listed record, and each range built its keys and looked them up again.
    private let months: [String], monthsGenitive: [String]

    init(lang: String, table: [String: String]) {
        self.lang = lang
        self.table = table
        months = (0...12).map { table["month." + String($0)] ?? "month." + String($0) }
        monthsGenitive = (0...12).map { table["month.gen." + String($0)] ?? "month.gen." + String($0) }
    }

    static func load(folder: String, lang: String) throws(ReportError) -> Messages {
        let path = folder + "/messages/" + lang + ".tsv"
        guard let bytes = FileReader.readIfRegularFile(path) else {
            throw ReportError(message: "message table '\(path)' not found", diagnostics: [], exitCode: ExitCode.noInput)
        }
        var t: [String: String] = [:]
        for (_, r) in TSVTable(path: path, text: String(decoding: bytes, as: UTF8.self)).records {
            if let k = r["key"], !k.isEmpty { t[k] = r["text"] ?? "" }
        }
        return Messages(lang: lang, table: t)
    }

    subscript(_ key: String) -> String { table[key] ?? key }

    func has(_ key: String) -> Bool { table[key] != nil }

    /// "5 мероприятий", "1 event": the count and the plural form its language asks for.
    func count(_ n: Int, _ key: String) -> String { Format.number(n, lang: lang) + "\u{A0}" + plural(n, key) }

    func plural(_ n: Int, _ key: String) -> String {
        let form = Plural.category(n, lang: lang)
        return table[key + "." + form] ?? table[key + ".other"] ?? table[key + ".many"] ?? key
    }

    func month(_ m: Int, genitive: Bool) -> String {
        guard (0...12).contains(m) else { return self[(genitive ? "month.gen." : "month.") + String(m)] }
        return genitive ? monthsGenitive[m] : months[m]
    }

    /// "12–18 октября 2020", "30 сентября – 2 октября 2020", "12–18 October 2020".
    func dateRange(_ s: Day?, _ e: Day?) -> String {
        guard let s else { return self["date.unknown"] }
        let e = e ?? s
        let dash = "\u{2013}"
        func full(_ d: Day) -> String { "\(d.day)\u{A0}\(month(d.month, genitive: true))\u{A0}\(d.year)" }
        if s == e { return full(s) }
        if s.year == e.year && s.month == e.month { return "\(s.day)\(dash)\(e.day)\u{A0}\(month(s.month, genitive: true))\u{A0}\(s.year)" }
        if s.year == e.year { return "\(s.day)\u{A0}\(month(s.month, genitive: true)) \(dash) \(e.day)\u{A0}\(month(e.month, genitive: true))\u{A0}\(s.year)" }
        return full(s) + " \(dash) " + full(e)
    }
}

/// CLDR plural categories for cardinal integers.
enum Plural {
    static func category(_ n: Int, lang: String) -> String {
        let a = abs(n)
        switch lang {
        case "ru":
            let m10 = a % 10, m100 = a % 100
            if m10 == 1 && m100 != 11 { return "one" }
            if (2...4).contains(m10) && !(12...14).contains(m100) { return "few" }
            return "many"
        default:
            return a == 1 ? "one" : "other"
        }
    }
}

/// Numbers for readers: "8 000" (with a no-break space) and "2,5" in Russian, "8,000" and
/// "2.5" in English; percentages with one decimal at most.
enum Format {
    static func number(_ n: Int, lang: String) -> String {
        let sep = lang == "ru" ? "\u{A0}" : ","
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += sep }
            out.append(ch)
        }
        return (n < 0 ? "−" : "") + out
    }

    static func decimal(_ x: Double, lang: String, digits: Int = 1) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return number(Int(x), lang: lang) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (x * scale).rounded() / scale
        let intPart = Int(r.rounded(.towardZero))
        var frac = Int((abs(r - Double(intPart)) * scale).rounded())
        var fracDigits = digits
        while fracDigits > 0 && frac % 10 == 0 { frac /= 10; fracDigits -= 1 }
        if fracDigits == 0 { return number(intPart, lang: lang) }
        let fs = String(frac)
        return number(intPart, lang: lang) + (lang == "ru" ? "," : ".") + String(repeating: "0", count: fracDigits - fs.count) + fs
    }

    static func percent(_ part: Int, of total: Int, lang: String) -> String {
        guard total > 0 else { return "—" }
        let p = Double(part) * 100 / Double(total)
        return decimal(p, lang: lang) + (lang == "ru" ? "\u{A0}%" : "%")
    }
}
