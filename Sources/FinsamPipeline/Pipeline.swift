import Foundation
import FinsamExport
import FinsamMapping
import FinsamModel
import FinsamReaders
import FinsamRules

/// What one batch run produced.
public struct BatchResult: Sendable {
    public var documents: [Document]
    public var findings: [Finding]
    /// Inputs that could not be read, or not completely.
    public var errors: [InputError]
    /// Every file that was tried, in order.
    public var files: [String]
}

/// Readers → mapping → rules, for a batch of paths.
public struct Pipeline: Sendable {
    public let mappings: MappingSet
    public let readers: [any FormatReader]

    public init(mappings: MappingSet, readers: [any FormatReader] = Readers.all) {
        self.mappings = mappings
        self.readers = readers
    }

    /// Files and folders (recursively), in a stable order; hidden files are skipped.
    public static func collectFiles(_ paths: [String]) -> (files: [String], errors: [InputError]) {
        var files: [String] = []
        var errors: [InputError] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                errors.append(InputError(file: path, message: "finns inte"))
                continue
            }
            if !isDir.boolValue {
                files.append(path)
                continue
            }
            guard let walker = fm.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let rel = walker.nextObject() as? String {
                let name = (rel as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                let full = (path as NSString).appendingPathComponent(rel)
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
            }
            files += found.sorted()
        }
        return (files, errors)
    }

    /// Reads one file with the first reader that recognises it.
    public func read(_ path: String) -> Result<[Document], InputError> {
        let input: InputFile
        do { input = try InputFile.load(path) } catch { return .failure(error) }
        guard let reader = readers.first(where: { $0.recognises(input) }) else {
            return .failure(InputError(file: path, message: "okänt format: varken textrapport, SIE 4 eller SIE 5"))
        }
        do {
            let builder = FactBuilder(mappings: mappings)
            let accounts = AccountMapper(mappings: mappings)
            return .success(try reader.read(input).map {
                AccountMapper.handles($0) ? accounts.map($0) : builder.map(TotalInference.annotate($0))
            })
        } catch {
            return .failure(error)
        }
    }

    public func run(paths: [String]) -> BatchResult {
        let (files, collectErrors) = Pipeline.collectFiles(paths)
        var documents: [Document] = []
        var errors = collectErrors
        for file in files {
            switch read(file) {
            case .success(let docs): documents += docs
            case .failure(let e): errors.append(e)
            }
        }
        let findings = RuleEngine(mappings: mappings).check(documents) + LedgerFindings.findings(documents)
        return BatchResult(documents: documents, findings: findings, errors: errors, files: files)
    }
}
