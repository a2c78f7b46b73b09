import Foundation
import FinsamModel

/// The `--json` contract written as it goes: each document on its own (on any core, as soon as it is ready),
/// then the batch assembled from those pieces, the errors and the findings, straight into the output file.
/// Byte for byte what `JSONContract.encode` gives (keys sorted, `null` where the contract names a key).
public enum JSONContractStream {
    /// One document, laid out for its place in the batch's `documents` array.
    public static func document(_ d: Document) -> [UInt8] {
        var w = PrettyJSON(depth: 2, capacity: 512 + 700 * d.facts.count)
        write(d, to: &w)
        return w.bytes
    }

    /// Writes the batch to `sink` in pieces: the documents' bytes (from `document(_:)`) in order, then the
    /// errors and findings. `documents` is called once per index and may compute the piece then.
    public static func batch(
        documentCount: Int, documents: (Int) -> [UInt8], findings: [Finding], errors: [InputError],
        sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var w = PrettyJSON(depth: 0, capacity: 1 << 16)
        w.beginObject()
        w.key("documents")
        w.beginArray()
        for i in 0..<documentCount {
            w.element(raw: documents(i))
            // Flush each document so a national batch never holds its JSON in memory.
            try w.bytes.withUnsafeBytes(sink)
            w.removeAll()
        }
        w.endArray()
        w.key("errors")
        w.beginArray()
        for e in errors {
            w.element()
            write(e, to: &w)
        }
        w.endArray()
        w.key("findings")
        w.beginArray()
        for f in findings {
            w.element()
            write(f, to: &w)
            if w.bytes.count > 1 << 20 {
                try w.bytes.withUnsafeBytes(sink)
                w.removeAll()
            }
        }
        w.endArray()
        w.endObject()
        try w.bytes.withUnsafeBytes(sink)
    }

    /// Writes the batch to a file (atomically) or, for `-`, to standard output. Documents are laid out on
    /// `cores` cores (all by default) a few dozen at a time and written in batch order, so memory holds one such
    /// slice, not the file. Beside a workbook, which has a core of its own, one fewer.
    public static func write(
        documents: [Document], findings: [Finding], errors: [InputError], to path: String,
        cores: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws {
        let cores = max(1, cores)
        let slice = 4 * cores
        var pieces: [[UInt8]] = []
        var first = 0
        let piece = { (i: Int) -> [UInt8] in
            if i >= first + pieces.count {
                first = i
                let count = min(slice, documents.count - i)
                let docs = Array(documents[i..<(i + count)])
                pieces = cores > 1 ? docs.concurrentMap(document) : docs.map(document)
            }
            return pieces[i - first]
        }
        if path == "-" {
            try batch(documentCount: documents.count, documents: piece, findings: findings, errors: errors) {
                FileHandle.standardOutput.write(Data($0))
            }
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            try AtomicFile.stream(to: path) { append in
                try batch(documentCount: documents.count, documents: piece, findings: findings, errors: errors, sink: append)
            }
        }
    }

    /// The whole batch in memory (tests, small batches).
    public static func encode(documents: [Document], findings: [Finding], errors: [InputError] = []) -> Data {
        var out = Data()
        try? batch(documentCount: documents.count, documents: { document(documents[$0]) }, findings: findings, errors: errors) {
            out.append(contentsOf: $0)
        }
        return out
    }

    // MARK: - Objects, keys in sorted order

    static func write(_ d: Document, to w: inout PrettyJSON) {
        w.beginObject()
        w.key("facts")
        w.beginArray()
        for f in d.facts {
            w.element()
            write(f, to: &w)
        }
        w.endArray()
        w.key("format")
        w.string(d.format.rawValue)
        w.key("kind")
        w.string(d.kind.rawValue)
        w.key("organisation")
        w.beginObject()
        w.key("name")
        w.string(d.organisation.name)
        w.key("orgnr")
        w.optionalString(d.organisation.orgnr)
        w.endObject()
        w.key("period")
        write(d.period, to: &w)
        if let sha = d.sha256 {
            w.key("sha256")
            w.string(sha)
        }
        w.key("source")
        w.string(d.source)
        if let title = d.title {
            w.key("title")
            w.string(title)
        }
        w.key("unmapped")
        w.beginArray()
        for u in d.unmapped {
            w.element()
            w.beginObject()
            w.key("label")
            w.string(u.label)
            w.key("source")
            write(u.source, to: &w)
            if let table = u.table {
                w.key("table")
                w.string(table)
            }
            w.key("values")
            w.beginArray()
            for v in u.values {
                w.element()
                w.string(v)
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func write(_ f: Fact, to w: inout PrettyJSON) {
        w.beginObject()
        w.key("concept")
        w.string(f.concept)
        w.key("decimals")
        w.int(f.decimals)
        if !f.dimensions.isEmpty {
            w.key("dimensions")
            w.beginObject()
            for (name, value) in f.dimensions.sorted(by: { sortedKeyOrder($0.key, $1.key) }) {
                w.key(name)
                w.string(value)
            }
            w.endObject()
        }
        w.key("label")
        w.string(f.label)
        w.key("member")
        w.optionalString(f.member)
        if !f.noteRefs.isEmpty {
            w.key("notes")
            w.beginArray()
            for n in f.noteRefs {
                w.element()
                w.string(n)
            }
            w.endArray()
        }
        w.key("period")
        write(f.period, to: &w)
        w.key("scenario")
        w.string(f.scenario.rawValue)
        w.key("source")
        write(f.source, to: &w)
        w.key("table")
        w.string(f.table)
        w.key("unit")
        w.string(f.unit.rawValue)
        w.key("value")
        w.decimal(f.value)
        w.endObject()
    }

    static func write(_ p: Period, to w: inout PrettyJSON) {
        w.beginObject()
        w.key("end")
        w.day(p.end)
        w.key("start")
        if let start = p.start { w.day(start) } else { w.null() }
        w.endObject()
    }

    static func write(_ s: SourceLocation, to w: inout PrettyJSON) {
        w.beginObject()
        w.key("column")
        w.optionalInt(s.column)
        w.key("file")
        w.string(s.file)
        w.key("line")
        w.int(s.line)
        w.endObject()
    }

    static func write(_ e: InputError, to w: inout PrettyJSON) {
        w.beginObject()
        if let column = e.column {
            w.key("column")
            w.int(column)
        }
        w.key("file")
        w.string(e.file)
        if let line = e.line {
            w.key("line")
            w.int(line)
        }
        w.key("message")
        w.string(e.message)
        w.endObject()
    }

    static func write(_ f: Finding, to w: inout PrettyJSON) {
        w.beginObject()
        w.key("actual")
        w.optionalDecimal(f.actual)
        w.key("difference")
        w.optionalDecimal(f.difference)
        w.key("expected")
        w.optionalDecimal(f.expected)
        w.key("locations")
        w.beginArray()
        for l in f.locations {
            w.element()
            write(l, to: &w)
        }
        w.endArray()
        w.key("message")
        w.string(f.message)
        if let en = f.messageEN {
            w.key("message_en")
            w.string(en)
        }
        w.key("rule")
        w.string(f.rule)
        w.key("severity")
        w.string(f.severity.rawValue)
        w.endObject()
    }

    /// The order `JSONEncoder`'s `.sortedKeys` puts keys in.
    static func sortedKeyOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
