import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads an .xlsx back for tests: a zip of XML. Cells with their stored values and formulas, comments and
/// hyperlinks per sheet. Independent of the writer: it knows only the file format.
struct WorkbookReader {
    enum Value: Equatable {
        case number(Double)
        case text(String)
        case bool(Bool)
        case empty

        var number: Double? { if case .number(let n) = self { return n } else { return nil } }
        var text: String? { if case .text(let s) = self { return s } else { return nil } }
    }

    struct CellData {
        var value: Value
        var formula: String?
        var style: Int
    }

    struct Sheet {
        var name: String
        var cells: [String: CellData] = [:]
        var comments: [String: String] = [:]
        /// Cell → in-workbook target (`'Norrvik'!E12`).
        var links: [String: String] = [:]
        var xml = ""

        subscript(_ ref: String) -> CellData? { cells[ref] }

        func value(_ row: Int, _ col: Int) -> Value { cells[WorkbookReader.a1(row: row, col: col)]?.value ?? .empty }

        /// 0-based rows that hold cells.
        var rowCount: Int { cells.keys.compactMap { WorkbookReader.split($0)?.row }.max().map { $0 + 1 } ?? 0 }
    }

    var sheets: [Sheet] = []
    var entries: [String: Data] = [:]

    func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    init(path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            entries[entry.path] = data
        }
        let strings = entries["xl/sharedStrings.xml"].map(WorkbookReader.sharedStrings) ?? []
        let rels = WorkbookReader.relationships(entries["xl/_rels/workbook.xml.rels"] ?? Data(), base: "xl/")
        for (name, rid) in WorkbookReader.sheetList(entries["xl/workbook.xml"] ?? Data()) {
            guard let target = rels[rid], let xml = entries[target] else { continue }
            var sheet = WorkbookReader.parseSheet(xml, strings: strings)
            sheet.name = name
            sheet.xml = String(decoding: xml, as: UTF8.self)
            let sheetFile = (target as NSString).lastPathComponent
            let relsPath = "xl/worksheets/_rels/\(sheetFile).rels"
            if let relsData = entries[relsPath] {
                for (_, t) in WorkbookReader.relationships(relsData, base: "xl/worksheets/") where t.contains("comments") {
                    if let c = entries[t] { sheet.comments = WorkbookReader.comments(c) }
                }
            }
            sheets.append(sheet)
        }
    }

    // MARK: addresses

    static func a1(row: Int, col: Int) -> String {
        var n = col + 1
        var s = ""
        while n > 0 {
            s = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + s
            n = (n - 1) / 26
        }
        return s + String(row + 1)
    }

    static func split(_ ref: String) -> (row: Int, col: Int)? {
        let letters = ref.prefix { $0.isLetter }
        guard let row = Int(ref.dropFirst(letters.count)), !letters.isEmpty else { return nil }
        let col = letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        return (row - 1, col)
    }

    // MARK: XML

    private final class Collector: NSObject, XMLParserDelegate {
        var onStart: (String, [String: String]) -> Void = { _, _ in }
        var onEnd: (String, String) -> Void = { _, _ in }
        private var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            text = ""
            onStart(name, attributes)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            onEnd(name, text)
        }
    }

    private static func parse(_ data: Data, start: @escaping (String, [String: String]) -> Void, end: @escaping (String, String) -> Void) {
        let c = Collector()
        c.onStart = start
        c.onEnd = end
        let p = XMLParser(data: data)
        p.delegate = c
        p.parse()
    }

    static func sharedStrings(_ data: Data) -> [String] {
        var out: [String] = []
        var current = ""
        parse(data, start: { name, _ in if name == "si" { current = "" } }, end: { name, text in
            if name == "t" { current += text }
            if name == "si" { out.append(current) }
        })
        return out
    }

    static func relationships(_ data: Data, base: String) -> [String: String] {
        var out: [String: String] = [:]
        parse(data, start: { name, a in
            guard name == "Relationship", let id = a["Id"], let target = a["Target"] else { return }
            out[id] = target.hasPrefix("/") ? String(target.dropFirst()) : (base + target).replacingOccurrences(of: "worksheets/../", with: "")
        }, end: { _, _ in })
        return out
    }

    static func sheetList(_ data: Data) -> [(String, String)] {
        var out: [(String, String)] = []
        parse(data, start: { name, a in
            if name == "sheet", let n = a["name"], let id = a["r:id"] { out.append((n, id)) }
        }, end: { _, _ in })
        return out
    }

    static func parseSheet(_ data: Data, strings: [String]) -> Sheet {
        var sheet = Sheet(name: "")
        var ref = "", type = "", style = 0
        var formula: String?
        var raw: String?
        var inline = ""
        parse(data, start: { name, a in
            switch name {
            case "c":
                ref = a["r"] ?? ""
                type = a["t"] ?? "n"
                style = Int(a["s"] ?? "0") ?? 0
                formula = nil
                raw = nil
                inline = ""
            case "hyperlink":
                if let r = a["ref"], let loc = a["location"] { sheet.links[r] = loc }
            default: break
            }
        }, end: { name, text in
            switch name {
            case "f": formula = text
            case "v": raw = text
            case "t": inline += text
            case "c":
                let value: Value
                switch type {
                case "s": value = raw.flatMap(Int.init).map { .text(strings[$0]) } ?? .empty
                case "str": value = .text(raw ?? "")
                case "inlineStr": value = .text(inline)
                case "b": value = .bool(raw == "1")
                default: value = raw.flatMap(Double.init).map(Value.number) ?? .empty
                }
                sheet.cells[ref] = CellData(value: value, formula: formula, style: style)
            default: break
            }
        })
        return sheet
    }

    static func comments(_ data: Data) -> [String: String] {
        var out: [String: String] = [:]
        var ref = ""
        var text = ""
        parse(data, start: { name, a in
            if name == "comment" {
                ref = a["ref"] ?? ""
                text = ""
            }
        }, end: { name, t in
            if name == "t" { text += t }
            if name == "comment" { out[ref] = text }
        })
        return out
    }
}
