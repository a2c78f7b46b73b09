import Crypto
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
    /// SHA-256 (hex) of each file that could be read, also of those that yielded no document.
    public var hashes: [String: String] = [:]
}

/// A batch read and mapped, before the rules.
public struct ReadBatch: Sendable {
    public var documents: [Document]
    public var errors: [InputError]
    public var files: [String]
    public var hashes: [String: String]
}

/// Readers → mapping → rules, for a batch of paths.
public struct Pipeline: Sendable {
    public let mappings: MappingSet
    public let readers: [any FormatReader]
    /// Built once per batch: compiling the label rules' patterns for every file cost more than mapping it.
    let builder: FactBuilder

    public init(mappings: MappingSet, readers: [any FormatReader] = Readers.all) {
        self.mappings = mappings
        self.readers = readers
        self.builder = FactBuilder(mappings: mappings)
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
        readHashed(path).result
    }

    /// A file's outcome and the SHA-256 of its bytes (nil when it could not be loaded).
    typealias Hashed = (hash: String?, result: Result<[Document], InputError>)

    /// Reads one file and hashes its bytes once, as they were read; each document carries the hash.
    func readHashed(_ path: String) -> Hashed {
        let input: InputFile
        do { input = try InputFile.load(path) } catch { return (nil, .failure(error)) }
        let hash = Pipeline.sha256(input.bytes)
        return (hash, process(input, sha256: hash))
    }

    /// SHA-256 of bytes, lower-case hex.
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Reads and maps input already in memory.
    public func process(_ input: InputFile) -> Result<[Document], InputError> {
        process(input, sha256: Pipeline.sha256(input.bytes))
    }

    func process(_ input: InputFile, sha256: String) -> Result<[Document], InputError> {
        guard let reader = readers.first(where: { $0.recognises(input) }) else {
            return .failure(InputError(file: input.path, message: "okänt format: varken textrapport, SIE 4 eller SIE 5"))
        }
        do {
            let accounts = AccountMapper(mappings: mappings)
            return .success(try reader.read(input).consumingMap { (doc: consuming Document) in
                var mapped = AccountMapper.handles(doc) ? accounts.map(doc) : builder.annotateAndMap(consume doc)
                mapped.sha256 = sha256
                return mapped
            })
        } catch {
            return .failure(error)
        }
    }

    /// The rule stage alone, for documents already read and mapped. `organisationChecked` hears of each
    /// organisation's documents and every finding about them (the readers' included) as soon as they are checked.
    public func check(
        _ documents: [Document], organisationChecked: (@Sendable (_ documents: [Int], _ findings: [Finding]) -> Void)? = nil
    ) -> [Finding] {
        let hear = organisationChecked.map { tell in
            { @Sendable (members: [Int], found: [Finding]) in
                tell(members, found + ReaderFindings.findings(members.map { documents[$0] }))
            }
        }
        return RuleEngine(mappings: mappings).check(documents, organisationChecked: hear) + ReaderFindings.findings(documents)
    }

    /// One file after another: for tests and small batches.
    public func run(paths: [String]) -> BatchResult {
        let (files, collectErrors) = Pipeline.collectFiles(paths)
        return finish(files: files, results: files.map(readHashed), errors: collectErrors)
    }

    /// Reads, maps and checks the files, reading in parallel (see `read(paths:jobs:progress:)`).
    public func run(paths: [String], jobs: Int? = nil, progress: (@Sendable (_ done: Int, _ total: Int, _ file: String) -> Void)?) async -> BatchResult {
        check(await read(paths: paths, jobs: jobs, progress: progress))
    }

    /// Reads and maps the files in parallel, at most one task per core (or `jobs` tasks). Results keep the order
    /// of `files`, so the output does not depend on which file finished first. `progress` is called after each file.
    public func read(paths: [String], jobs: Int? = nil, progress: (@Sendable (_ done: Int, _ total: Int, _ file: String) -> Void)?) async -> ReadBatch {
        let (files, collectErrors) = Pipeline.collectFiles(paths)
        var results = [Hashed?](repeating: nil, count: files.count)
        let started = PhaseTiming.start()
        let width = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        await withTaskGroup(of: (Int, Hashed).self) { group in
            var next = 0
            while next < min(width, files.count) {
                let i = next
                group.addTask { (i, self.readHashed(files[i])) }
                next += 1
            }
            var done = 0
            for await (i, result) in group {
                results[i] = result
                done += 1
                progress?(done, files.count, files[i])
                if next < files.count {
                    let j = next
                    group.addTask { (j, self.readHashed(files[j])) }
                    next += 1
                }
            }
        }
        PhaseTiming.report("läsa och mappa", since: started)
        return gather(files: files, results: results.map { $0! }, errors: collectErrors)
    }

    /// The rule stage over a batch read and mapped.
    public func check(
        _ batch: ReadBatch, organisationChecked: (@Sendable (_ documents: [Int], _ findings: [Finding]) -> Void)? = nil
    ) -> BatchResult {
        let findings = PhaseTiming.measure("regler över dokumenten") { check(batch.documents, organisationChecked: organisationChecked) }
        return BatchResult(documents: batch.documents, findings: findings, errors: batch.errors, files: batch.files, hashes: batch.hashes)
    }

    func finish(files: [String], results: [Hashed], errors collectErrors: [InputError]) -> BatchResult {
        check(gather(files: files, results: results, errors: collectErrors))
    }

    func gather(files: [String], results: [Hashed], errors collectErrors: [InputError]) -> ReadBatch {
        var documents: [Document] = []
        var errors = collectErrors
        var hashes: [String: String] = [:]
        for (file, (hash, result)) in zip(files, results) {
            hashes[file] = hash
            switch result {
            case .success(let docs): documents += docs
            case .failure(let e): errors.append(e)
            }
        }
        return ReadBatch(documents: documents, errors: errors, files: files, hashes: hashes)
    }
}
