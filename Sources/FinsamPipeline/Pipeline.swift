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

    /// Files and folders (recursively), sorted and without duplicates, so the order of the arguments does not
    /// change the output; hidden files and folders are skipped.
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
            files += found
        }
        var seen = Set<String>()
        let unique = files.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
        return (unique.sorted(), errors)
    }

    /// Reads one file with the first reader that recognises it.
    public func read(_ path: String) -> Result<[Document], InputError> {
        do {
            return process(try InputFile.load(path))
        } catch {
            return .failure(error)
        }
    }

    /// Reads and maps input already in memory.
    public func process(_ input: InputFile) -> Result<[Document], InputError> {
        guard let reader = readers.first(where: { $0.recognises(input) }) else {
            return .failure(InputError(file: input.path, message: "okänt format: varken textrapport, SIE 4 eller SIE 5"))
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

    /// The rule stage alone, for documents already read and mapped.
    public func check(_ documents: [Document]) -> [Finding] {
        RuleEngine(mappings: mappings).check(documents) + LedgerFindings.findings(documents)
    }

    /// One file after another: for tests and small batches.
    public func run(paths: [String]) -> BatchResult {
        let (files, collectErrors) = Pipeline.collectFiles(paths)
        return finish(files: files, results: files.map(read), errors: collectErrors)
    }

    /// Reads and maps the files in parallel, at most one task per core. Results keep the order of `files`, so
    /// the output does not depend on which file finished first. `progress` is called after each file.
    public func run(paths: [String], progress: (@Sendable (_ done: Int, _ total: Int, _ file: String) -> Void)?) async -> BatchResult {
        let (files, collectErrors) = Pipeline.collectFiles(paths)
        var results = [Result<[Document], InputError>?](repeating: nil, count: files.count)
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        await withTaskGroup(of: (Int, Result<[Document], InputError>).self) { group in
            var next = 0
            while next < min(width, files.count) {
                let i = next
                group.addTask { (i, self.read(files[i])) }
                next += 1
            }
            var done = 0
            for await (i, result) in group {
                results[i] = result
                done += 1
                progress?(done, files.count, files[i])
                if next < files.count {
                    let j = next
                    group.addTask { (j, self.read(files[j])) }
                    next += 1
                }
            }
        }
        return finish(files: files, results: results.map { $0! }, errors: collectErrors)
    }

    func finish(files: [String], results: [Result<[Document], InputError>], errors collectErrors: [InputError]) -> BatchResult {
        var documents: [Document] = []
        var errors = collectErrors
        for result in results {
            switch result {
            case .success(let docs): documents += docs
            case .failure(let e): errors.append(e)
            }
        }
        let findings = check(documents)
        return BatchResult(documents: documents, findings: findings, errors: errors, files: files)
    }
}
