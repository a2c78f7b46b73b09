import Foundation
@testable import FinsamMapping
@testable import FinsamModel
@testable import FinsamReaders

/// Small reports written in the tests, read like files.
enum TextFixture {
    static let mappings: MappingSet = try! MappingSet.load(from: Repo.mappings)

    /// The documents the text reader finds in `text` (tables only, no concepts).
    static func read(_ text: String, name: String = "fixture.txt") throws -> [Document] {
        try TextReportReader().read(InputFile(path: name, bytes: Array(text.utf8)))
    }

    /// Read and mapped: tables with concepts, facts and unmapped rows.
    static func mapped(_ text: String, name: String = "fixture.txt") throws -> [Document] {
        let builder = FactBuilder(mappings: mappings)
        return try read(text, name: name).map { builder.map(TotalInference.annotate($0)) }
    }

    /// Lines joined with newlines; fields are written with `\t` in the literals.
    static func lines(_ l: String...) -> String { l.joined(separator: "\n") + "\n" }
}

extension Document {
    func table(_ title: String) -> Table? { tables.first { $0.title == title } }

    /// Facts of a concept printed on a line.
    func facts(_ concept: String, line: Int) -> [Fact] {
        facts.filter { $0.concept == concept && $0.source.line == line }
    }
}

extension Table {
    func row(line: Int) -> Row? { rows.first { $0.source.line == line } }
}

func period(_ a: String, _ b: String) -> Period { Period(start: day(a), end: day(b)) }
